"""The intake form: one page, bad input refused with Vietnamese messages, nothing typed lost."""

import datetime as dt
import unicodedata
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ban138.models import AdministrativeUnit, UnitKind
from tests.tips.factories import make_tip
from tips.models import Attachment, CrimeGroup, Informant, Tip, TipStep

pytestmark = pytest.mark.django_db
URL = reverse("tips:create")
PDF = b"%PDF-1.7\n" + b"0" * 64


def _post_data(son_binh, **overrides):
    data = {
        "kind": "to_giac",
        "channel": "truc_tiep",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "commune": son_binh.pk,
        "crime_group": CrimeGroup.objects.get(code="ma_tuy").pk,
        "summary": "Nghi có người sử dụng ma túy ở rẫy keo thôn Liên Hòa",
        "address": "Rẫy keo",
        "submission_token": str(uuid.uuid4()),
        "informant_name": "Trần Văn Mẫu",
        "informant_phone": "0905123456",
    }
    data.update(overrides)
    return data


def test_an_officer_registers_a_tip_with_informant_and_attachment(
    client_for, officer, son_binh, lien_hoa
):
    data = _post_data(
        son_binh,
        village=lien_hoa.pk,
        attachments=[SimpleUploadedFile("don.pdf", PDF, content_type="application/pdf")],
    )
    response = client_for(officer).post(URL, data)
    tip = Tip.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "tips:detail", args=[tip.pk]
    )
    assert tip.register_number == f"1/{timezone.localdate().year}"
    assert tip.due_on >= timezone.localdate() + dt.timedelta(days=20)
    assert Attachment.objects.get(tip=tip).kind == "pdf"
    informant = Informant.objects.get(tip=tip)
    assert not informant.anonymous and "Mẫu" not in informant.ciphertext
    assert TipStep.objects.get(tip=tip).actor == officer


def test_a_double_submit_creates_one_tip(client_for, officer, son_binh):
    client = client_for(officer)
    data = _post_data(son_binh)
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Tip.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_a_wrong_type_file_is_refused_and_the_form_keeps_the_rest(client_for, officer, son_binh):
    data = _post_data(son_binh, attachments=[SimpleUploadedFile("anh.png", b"MZ\x90 exe")])
    page = client_for(officer).post(URL, data).content.decode()
    assert Tip.objects.count() == 0
    assert "không đúng định dạng; chỉ nhận PDF, JPEG, PNG" in page
    assert "Nghi có người sử dụng ma túy ở rẫy keo thôn Liên Hòa" in page
    assert "hãy chọn lại tệp hợp lệ" in page


def test_an_oversize_file_is_refused(client_for, officer, son_binh, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    data = _post_data(son_binh, attachments=[SimpleUploadedFile("to.pdf", PDF + b"0" * 4096)])
    assert "quá lớn" in client_for(officer).post(URL, data).content.decode()
    assert Tip.objects.count() == 0


def test_a_village_of_another_commune_is_refused(client_for, officer, son_lam, lien_hoa):
    page = client_for(officer).post(URL, _post_data(son_lam, village=lien_hoa.pk)).content.decode()
    assert "không thuộc xã / thị trấn đã chọn" in page
    assert Tip.objects.count() == 0


def test_a_receipt_time_in_the_future_is_refused(client_for, officer, son_binh):
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page = client_for(officer).post(URL, _post_data(son_binh, received_at=future)).content.decode()
    assert "không thể ở tương lai" in page
    assert Tip.objects.count() == 0


def test_nfd_text_is_stored_as_nfc_and_found_by_search(client_for, officer, son_binh):
    nfd = unicodedata.normalize("NFD", "Trộm bò ở Sơn Bình, gần suối Đá")
    client_for(officer).post(URL, _post_data(son_binh, summary=nfd))
    tip = Tip.objects.get()
    assert tip.summary == unicodedata.normalize("NFC", nfd)
    assert list(Tip.objects.search("suoi da")) == [tip]


def test_a_similar_open_tip_is_shown_before_registering(client_for, officer, son_binh):
    existing = make_tip(
        by=officer, commune=son_binh, summary="Nghi có người sử dụng ma túy ở rẫy keo thôn Liên Hòa"
    )
    client = client_for(officer)
    data = _post_data(son_binh)
    page = client.post(URL, data).content.decode()
    assert "giống nguồn tin này" in page and existing.register_number in page
    assert Tip.objects.count() == 1
    response = client.post(URL, {**data, "trung_voi": existing.pk})
    new = Tip.objects.exclude(pk=existing.pk).get()
    assert response.status_code == 302 and new.suspected_duplicate_of == existing


def test_a_tip_outside_any_commune_is_refused(client_for, officer, district):
    page = client_for(officer).post(URL, _post_data(district)).content.decode()
    assert Tip.objects.count() == 0
    assert 'id="id_commune_error"' in page and "Hãy chọn một lựa chọn hợp lệ" in page


def test_the_village_list_is_sent_for_the_commune_filter(client_for, officer, lien_hoa):
    page = client_for(officer).get(URL).content.decode()
    assert 'id="village-data"' in page and "tips/tip_form.js" in page
    assert "<script>" not in page.replace("<script src=", "")


def test_an_inactive_village_is_not_offered(client_for, officer, son_binh):
    AdministrativeUnit.objects.create(
        kind=UnitKind.VILLAGE, name="Thôn Cũ", parent=son_binh, is_active=False
    )
    assert "Thôn Cũ" not in client_for(officer).get(URL).content.decode()
