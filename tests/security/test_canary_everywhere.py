"""Issue 7, point 12, beyond the tips pages (tests/tips/test_informant_canary.py covers those):
the informant canary is absent from the annual report in every form, the other apps' pages,
every history table, the admin even for a superuser, the URLs and every log line."""

import io
import logging

import pytest
from django.apps import apps
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from reports import services as report_services
from tests.conftest import download_report
from tests.factories import make_user
from tests.tips.factories import local, make_tip
from tips import services as tip_services

pytestmark = pytest.mark.django_db
CANARY = "ZZCANARY Nguyễn"
SECRETS = ("ZZCANARY", "099999999999", "0999888777")
IDENTITY = {"name": CANARY, "id_number": "099999999999", "phone": "0999888777", "address": "x"}


def _clean(text: str, where: str = "") -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret} leaked into {where}"


@pytest.fixture
def canary_tip(officer, leader, son_binh):
    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY, received_at=local(2020, 6, 1))
    tip = tip_services.tip_assign(tip=tip, by=leader, officer=officer)
    tip_services.informant_reveal(tip=tip, by=leader)  # a real showing happened, and was logged
    return tip


@pytest.fixture
def draft_2020(canary_tip, secretariat, district):
    draft = report_services.report_draft_create(year=2020, unit=district, created_by=secretariat)
    return report_services.report_draft_update(
        draft=draft,
        expected_version=draft.version,
        number="15",
        document_date=local(2021, 3, 10).date(),
        shortcomings="Công tác nắm tình hình còn chậm.",
        tasks="Tiếp tục triển khai đồng bộ các giải pháp.",
    )


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_report_pdf_docx_and_preview_hold_no_informant(draft_2020, chairman, client_for, caplog):
    caplog.set_level(logging.DEBUG)
    context = report_services.report_draft_context(draft=draft_2020)
    _clean(_pdf_text(report_services.report_render(context=context, fmt="pdf")), "report PDF")
    _clean(_docx_text(report_services.report_render(context=context, fmt="docx")), "report DOCX")
    issued = report_services.report_issue(draft=draft_2020, user=chairman)
    _clean(_pdf_text(issued.pdf), "issued PDF")
    client = client_for(chairman)
    for name in ("draft_detail", "draft_preview"):
        _clean(client.get(reverse(f"reports:{name}", args=[draft_2020.pk])).content.decode(), name)
    _clean(caplog.text, "logs")


def test_commune_report_for_the_official_holds_no_informant(
    canary_tip, official_son_binh, son_binh, client_for
):
    client = client_for(official_son_binh)
    page = client.get(reverse("reports:commune_report", args=[son_binh.pk, 2020]))
    assert page.status_code == 200
    _clean(page.content.decode(), "commune report")
    pdf = download_report(client, reverse("reports:commune_file", args=[son_binh.pk, 2020, "pdf"]))
    _clean(_pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content))


@pytest.mark.parametrize(
    "persona", ["officer", "leader", "official_son_binh", "secretariat", "chairman"]
)
def test_other_apps_pages_hold_no_informant(canary_tip, personas, persona, client_for):
    client = client_for(personas[persona])
    for url in ["/", "/mo-hinh/", "/dot-cao-diem/", "/dot-cao-diem/tuyen-truyen/", "/bao-cao/"]:
        response = client.get(url, follow=True)
        _clean(response.content.decode(), f"{url} for {persona}")
        _clean(response.wsgi_request.get_full_path(), "URL")


def test_no_history_table_of_any_app_holds_the_informant(canary_tip):
    historical = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    assert len(historical) >= 8
    for model in historical:
        for row in model.objects.values():
            _clean(str(row), model.__name__)


def test_even_a_superuser_sees_only_ciphertext_in_the_admin(canary_tip, client):
    admin = make_user("quantri")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    urls = [
        reverse("admin:tips_tip_changelist"),
        reverse("admin:tips_tip_change", args=[canary_tip.pk]),
        reverse("admin:tips_tip_history", args=[canary_tip.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _clean(response.content.decode(), url)
