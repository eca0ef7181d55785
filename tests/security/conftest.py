"""Shared objects for the security suite: one record of every kind, in Sơn Bình or Sơn Lâm."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

CANARY = "ZZCANARY Nguyễn"
IDENTITY = {
    "name": CANARY,
    "id_number": "099999999999",
    "phone": "0999888777",
    "address": "ZZCANARY phố",
}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def png_upload(name="anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@pytest.fixture
def all_personas(objects, personas, other_officer, second_committee):
    """Every persona: the district committee's, and the commune committee of Tây Khánh Sơn's
    (made after ``objects``, so every object is the district committee's)."""
    return {**personas, "other_officer": other_officer, **second_committee[1]}


@pytest.fixture
def objects(leader, officer, secretariat, chairman, son_binh, son_lam, district):
    """One object behind every object route. Tips and models live in Sơn Bình; campaigns and
    the commune report in Sơn Lâm only, so each commune official has one object in scope and
    one outside it."""
    from campaigns.models import State
    from models_registry import services as model_services
    from models_registry.models import StatusCheck
    from reports.models import IssuedReport, ReportDraft
    from tests.campaigns.factories import CampaignFactory, TargetFactory, TaskFactory, make_case
    from tests.models_registry.factories import make_model
    from tests.tips.factories import make_tip
    from tips import services as tip_services

    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    tip = tip_services.tip_assign(tip=tip, by=leader, officer=officer)
    attachment = tip_services.attachment_add(
        tip=tip, by=officer, upload=png_upload(), document_kind="anh", identifies_informant=False
    )
    # The scanned receipt record: it names the informant (issue 15.2).
    receipt = tip_services.attachment_add(
        tip=tip, by=officer, upload=png_upload("bien-ban.png"), document_kind="bien_ban"
    )
    case = make_case(tip=tip, opened_on=dt.date.today())
    model = make_model(son_binh, (dt.date(2020, 1, 10), "hoat_dong"))
    check = model_services.model_record_check(
        model=model,
        check=StatusCheck(checked_on=dt.date(2020, 6, 1), status="hoat_dong", photo=png_upload()),
        by=officer,
    )
    draft_campaign = CampaignFactory(created_by=secretariat, communes=[son_lam])
    target = TargetFactory(campaign=draft_campaign)
    approved = CampaignFactory(created_by=secretariat, communes=[son_lam], state=State.APPROVED)
    task = TaskFactory(campaign=approved)
    report_draft = ReportDraft.objects.create(
        year=2020,
        unit=district,
        number="15",
        document_date=dt.date(2021, 3, 10),
        created_by=secretariat,
    )
    commune_draft = ReportDraft.objects.create(
        year=2020,
        unit=son_lam,
        number="16",
        document_date=dt.date(2021, 3, 10),
        created_by=secretariat,
        is_issued=True,
    )
    issued = IssuedReport.objects.create(
        draft=commune_draft,
        year=2020,
        unit=son_lam,
        number="16/BC-BCĐ",
        figures={},
        document_date=dt.date(2021, 3, 10),
        pdf=b"%PDF-1.4 thu",
        pdf_sha256="0" * 64,
        docx=b"PK thu",
        docx_sha256="0" * 64,
        issued_by=chairman,
        issued_at=dt.datetime(2021, 3, 10, tzinfo=dt.UTC),
    )
    return {
        "tip": tip,
        "attachment": attachment,
        "receipt_attachment": receipt,
        "case": case,
        "model": model,
        "check": check,
        "draft_campaign": draft_campaign,
        "target": target,
        "approved": approved,
        "task": task,
        "report_draft": report_draft,
        "commune_draft": commune_draft,
        "issued": issued,
        "son_binh": son_binh,
        "son_lam": son_lam,
    }
