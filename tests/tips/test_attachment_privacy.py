"""Issue 15.2: attachments that identify the informant, and the record of every download."""

import json
import logging

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.tips.factories import make_tip
from tips import services
from tips.models import Attachment

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n" + b"0" * 64


def _assigned_tip(officer, leader, son_binh):
    return services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh), by=leader, officer=officer
    )


def _upload(client, tip, name, **fields):
    return client.post(
        reverse("tips:attachment_upload", args=[tip.pk]),
        {"attachments": [SimpleUploadedFile(name, PDF)], **fields},
    )


def test_a_receipt_record_or_letter_always_identifies_the_informant(
    client_for, officer, leader, son_binh
):
    tip = _assigned_tip(officer, leader, son_binh)
    client = client_for(officer)
    # The box unticked: still protected, by kind.
    _upload(client, tip, "bien-ban.pdf", document_kind="bien_ban")
    _upload(client, tip, "don.pdf", document_kind="don_thu")
    _upload(client, tip, "anh.pdf", document_kind="anh")
    _upload(client, tip, "ban-do.pdf", document_kind="khac", identifies_informant="on")
    marks = dict(
        Attachment.objects.filter(tip=tip).values_list("original_name", "identifies_informant")
    )
    assert marks == {"bien-ban.pdf": True, "don.pdf": True, "anh.pdf": False, "ban-do.pdf": True}


def test_an_unassigned_officer_neither_sees_nor_downloads_an_identifying_file(
    client_for, officer, other_officer, leader, son_binh
):
    tip = _assigned_tip(officer, leader, son_binh)
    _upload(client_for(officer), tip, "don-thu-ong-a.pdf", document_kind="don_thu")
    _upload(client_for(officer), tip, "anh-hien-truong.pdf", document_kind="anh")
    letter = Attachment.objects.get(tip=tip, document_kind="don_thu")
    photo = Attachment.objects.get(tip=tip, document_kind="anh")
    other = client_for(other_officer)
    page = other.get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert "don-thu-ong-a" not in page and "anh-hien-truong" in page
    assert "1 tệp có thông tin nhận biết người tố giác" in page
    assert other.get(reverse("tips:attachment", args=[tip.pk, letter.pk])).status_code == 404
    assert other.get(reverse("tips:attachment", args=[tip.pk, photo.pk])).status_code == 200
    for who in (officer, leader):
        assert (
            client_for(who).get(reverse("tips:attachment", args=[tip.pk, letter.pk])).status_code
            == 200
        )


def test_files_attached_at_intake_carry_the_mark(client_for, officer, son_binh):
    from tests.tips.test_intake import _post_data

    data = _post_data(
        son_binh,
        attachments=[SimpleUploadedFile("don.pdf", PDF)],
        attachments_document_kind="khac",
        attachments_identify_informant="on",
    )
    client_for(officer).post(reverse("tips:create"), data)
    attachment = Attachment.objects.get(original_name="don.pdf")
    assert attachment.identifies_informant and attachment.document_kind == "khac"


def test_every_download_and_every_refusal_is_audited(
    client_for, officer, other_officer, leader, son_binh, caplog
):
    tip = _assigned_tip(officer, leader, son_binh)
    _upload(client_for(officer), tip, "bien-ban.pdf", document_kind="bien_ban")
    _upload(client_for(officer), tip, "anh.pdf", document_kind="anh")
    receipt = Attachment.objects.get(tip=tip, document_kind="bien_ban")
    photo = Attachment.objects.get(tip=tip, document_kind="anh")
    with caplog.at_level(logging.INFO, logger="ban138.audit"):
        client_for(other_officer).get(reverse("tips:attachment", args=[tip.pk, photo.pk]))
        client_for(other_officer).get(reverse("tips:attachment", args=[tip.pk, receipt.pk]))
        client_for(leader).get(reverse("tips:attachment", args=[tip.pk, receipt.pk]))
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "ban138.audit"]
    events = [(e["event"], e["user"], e["attachment_id"]) for e in lines if "attachment_id" in e]
    assert events == [
        ("attachment_downloaded", other_officer.username, photo.pk),
        ("attachment_refused", other_officer.username, receipt.pk),
        ("attachment_downloaded", leader.username, receipt.pk),
    ]


def test_identifying_files_in_a_storage_with_no_public_url_are_served_only_by_the_view(
    client_for, officer, other_officer, leader, son_binh, settings
):
    """Uploads live wherever STORAGES["default"] says (object storage on several hosts); the
    protection does not rest on the files being on a local disk outside the web root: the
    bytes come from the storage API through the view that checks access, and no page links to
    the storage itself."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    tip = _assigned_tip(officer, leader, son_binh)
    _upload(client_for(officer), tip, "don-thu-ong-a.pdf", document_kind="don_thu")
    letter = Attachment.objects.get(tip=tip, document_kind="don_thu")
    assert letter.identifies_informant
    stored = default_storage.open(letter.file.name, "rb").read()
    assert stored == PDF
    url = reverse("tips:attachment", args=[tip.pk, letter.pk])

    response = client_for(officer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    assert client_for(other_officer).get(url).status_code == 404
    for who in (officer, other_officer):
        client = client_for(who)
        page = client.get(reverse("tips:detail", args=[tip.pk])).content.decode()
        assert default_storage.url(letter.file.name) not in page
        assert client.get(default_storage.url(letter.file.name)).status_code == 404
