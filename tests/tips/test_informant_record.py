"""Who sent it and who the informant is: agency senders as ordinary fields, the informant's
particulars checked, corrected with a reason and a log, never in history tables in clear."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.tips.factories import make_tip
from tips import crypto, services
from tips.models import CrimeGroup, Informant, InformantReveal, RevealKind, Tip

pytestmark = pytest.mark.django_db
URL = reverse("tips:create")
IDENTITY = {
    "name": "Lê Văn Chứng",
    "id_number": "056098765432",
    "phone": "0987654321",
    "address": "Tổ 3, thị trấn Tô Hạp",
}


def _post(son_binh, **overrides):
    data = {
        "kind": "to_giac",
        "channel": "dien_thoai",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "commune": son_binh.pk,
        "crime_group": CrimeGroup.objects.get(code="ma_tuy").pk,
        "summary": "Nghi có người mua bán ma túy ở rẫy keo",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def _errors(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_anonymous_with_particulars_is_refused_with_a_message(client_for, officer, son_binh):
    response = client_for(officer).post(
        URL, _post(son_binh, informant_anonymous="on", informant_name="Lê Văn Chứng")
    )
    assert "Đã chọn “giấu tên” nhưng vẫn nhập thông tin" in _errors(response)
    assert not Tip.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("informant_id_number", "0560987654", "Số CCCD gồm 12 chữ số"),
        ("informant_id_number", "05609876543a", "Số CCCD gồm 12 chữ số"),
        ("informant_phone", "12345", "không phải số Việt Nam"),
        ("informant_phone", "0187654321", "không phải số Việt Nam"),
    ],
)
def test_bad_id_numbers_and_phones_are_refused(
    client_for, officer, son_binh, field, value, message
):
    response = client_for(officer).post(URL, _post(son_binh, **{field: value}))
    assert message in _errors(response)


def test_an_old_cmnd_and_an_international_phone_are_accepted(client_for, officer, son_binh):
    response = client_for(officer).post(
        URL,
        _post(
            son_binh,
            informant_name="Lê Văn Chứng",
            informant_id_number="056123456",
            informant_phone="+84 987 654 321",
        ),
    )
    assert response.status_code == 302
    tip = Tip.objects.get()
    stored = crypto.decrypt(Informant.objects.get(tip=tip).ciphertext, tip_id=tip.pk)
    assert stored["phone"] == "0987654321" and stored["id_number"] == "056123456"


def test_the_form_warns_when_the_summary_carries_the_informants_phone(
    client_for, officer, son_binh
):
    data = _post(
        son_binh,
        informant_name="Lê Văn Chứng",
        informant_phone="0987654321",
        summary="Ông Lê Văn Chứng (0987.654.321) báo có người bán ma túy ở rẫy keo",
    )
    page = _errors(client_for(officer).post(URL, data))
    assert "Tóm tắt có họ tên, số điện thoại của người tố giác" in page
    assert 'name="confirm_identity_in_summary"' in page and not Tip.objects.exists()
    response = client_for(officer).post(URL, {**data, "confirm_identity_in_summary": "on"})
    assert response.status_code == 302 and Tip.objects.count() == 1


def test_agency_senders_are_ordinary_fields_checked_against_the_kind(client_for, officer, son_binh):
    client = client_for(officer)
    page = _errors(client.post(URL, _post(son_binh, kind="kien_nghi")))
    assert "Kiến nghị khởi tố phải ghi cơ quan nhà nước kiến nghị" in page
    page = _errors(client.post(URL, _post(son_binh, sender_agency="Báo Khánh Hòa")))
    assert "Tố giác là của cá nhân" in page
    response = client.post(
        URL,
        _post(
            son_binh,
            kind="tin_bao",
            sender_agency="Hạt Kiểm lâm huyện Khánh Sơn",
            sender_document_number="15/HKL",
            sender_document_date=timezone.localdate().isoformat(),
        ),
    )
    assert response.status_code == 302
    tip = Tip.objects.get()
    assert tip.sender_agency == "Hạt Kiểm lâm huyện Khánh Sơn"
    detail = client.get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert "Hạt Kiểm lâm huyện Khánh Sơn" in detail and "15/HKL" in detail


# --- correcting the informant ------------------------------------------------------------------


@pytest.fixture
def assigned(officer, leader, son_binh):
    tip = make_tip(by=officer, commune=son_binh)  # an anonymous caller
    return services.tip_assign(tip=tip, by=leader, officer=officer)


def test_the_assigned_officer_adds_the_name_of_a_caller_who_called_back(
    assigned, officer, client_for
):
    url = reverse("tips:informant_edit", args=[assigned.pk])
    client = client_for(officer)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"name": IDENTITY["name"], "phone": "0987 654 321", "reason": "Người báo tin gọi lại"},
    )
    assert response.status_code == 302
    record = Informant.objects.get(tip=assigned)
    assert not record.anonymous
    identity = crypto.decrypt(record.ciphertext, tip_id=assigned.pk)
    assert identity["name"] == IDENTITY["name"] and identity["phone"] == "0987654321"
    log = InformantReveal.objects.get(tip=assigned, kind=RevealKind.CORRECTED)
    assert (log.username, log.reason, log.fields) == (
        officer.username,
        "Người báo tin gọi lại",
        "name,phone",
    )


def test_a_correction_leaves_no_value_in_clear_in_any_history_or_log_table(
    assigned, leader, officer
):
    services.informant_correct(
        tip=assigned, by=leader, changes=IDENTITY, reason="Bổ sung theo biên bản"
    )
    services.informant_correct(
        tip=assigned, by=officer, changes={"phone": "0912000111"}, reason="Sửa số gõ nhầm"
    )
    history = list(Informant.history.filter(tip_id=assigned.pk).values())
    assert len(history) >= 3
    dumped = repr(history) + repr(list(InformantReveal.objects.values()))
    for value in (*IDENTITY.values(), "0912000111", "Chứng"):
        assert value not in dumped


def test_a_reason_that_carries_the_identity_is_refused(assigned, officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Lý do không được chứa"):
        services.informant_correct(
            tip=assigned,
            by=officer,
            changes={"phone": "0987654321"},
            reason="Ông ấy cho số 0987654321",
        )


def test_another_officer_may_not_correct_and_the_attempt_is_logged(
    assigned, other_officer, personas, client_for
):
    url = reverse("tips:informant_edit", args=[assigned.pk])
    response = client_for(other_officer).post(url, {"name": "X Y", "reason": "thử"})
    assert response.status_code == 403
    assert InformantReveal.objects.filter(
        tip=assigned, username=other_officer.username, refused=True
    ).exists()
    for role in ("official_son_binh", "secretariat", "chairman", "outsider"):
        assert client_for(personas[role]).get(url).status_code == 403


def test_a_showing_without_a_reason_decrypts_nothing(assigned, officer, client_for):
    url = reverse("tips:informant_reveal", args=[assigned.pk])
    response = client_for(officer).post(url)
    assert response.status_code == 302
    assert not InformantReveal.objects.filter(tip=assigned).exists()
    client_for(officer).post(url, {"reason": "Liên hệ xác minh"})
    assert InformantReveal.objects.get(tip=assigned).reason == "Liên hệ xác minh"


def test_a_refused_showing_is_logged(assigned, other_officer, client_for):
    url = reverse("tips:informant_reveal", args=[assigned.pk])
    assert client_for(other_officer).post(url, {"reason": "tò mò"}).status_code == 403
    row = InformantReveal.objects.get(tip=assigned)
    assert row.refused and row.username == other_officer.username


def test_the_registering_officer_fixes_his_own_entry_until_it_is_assigned(
    officer, other_officer, leader, son_binh, client_for
):
    tip = make_tip(by=other_officer, commune=son_binh, summary="Mất trộm bò ở thôn, gõ nhầmm")
    url = reverse("tips:edit", args=[tip.pk])
    client = client_for(other_officer)
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "kind": tip.kind,
        "channel": tip.channel,
        "received_at": timezone.localtime(tip.received_at).strftime("%Y-%m-%dT%H:%M"),
        "commune": son_binh.pk,
        "crime_group": tip.crime_group_id,
        "summary": "Mất trộm bò ở thôn, đã sửa lỗi gõ",
        "version": tip.version,
    }
    assert client.post(url, data).status_code == 302
    tip.refresh_from_db()
    assert tip.summary == "Mất trộm bò ở thôn, đã sửa lỗi gõ"
    assert tip.history.count() >= 2
    assert client_for(officer).get(url).status_code == 403  # not his entry
    services.tip_assign(tip=tip, by=leader, officer=officer)
    assert client_for(other_officer).get(url).status_code == 403  # assigned: no longer his


def test_editing_the_summary_warns_when_it_gains_the_informants_phone(
    officer, leader, son_binh, client_for
):
    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    url = reverse("tips:edit", args=[tip.pk])
    data = {
        "kind": tip.kind,
        "channel": tip.channel,
        "received_at": timezone.localtime(tip.received_at).strftime("%Y-%m-%dT%H:%M"),
        "commune": son_binh.pk,
        "crime_group": tip.crime_group_id,
        "summary": "Mất trộm xe máy, người báo tin để lại số 0987 654 321",
        "version": tip.version,
    }
    page = _errors(client_for(leader).post(url, data))
    assert "Tóm tắt có số điện thoại của người tố giác" in page
    tip.refresh_from_db()
    assert "0987" not in tip.summary
    response = client_for(leader).post(url, {**data, "confirm_identity_in_summary": "on"})
    assert response.status_code == 302
