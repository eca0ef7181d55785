"""Detail page, actions over HTTP, edit with optimistic locking, attachments, cases."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.tips.factories import make_tip, verifying_tip
from tips import services
from tips.models import Attachment, Case, CrimeSeverity, Tip, TipState

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n" + b"0" * 64


def _edit_data(tip, **overrides):
    data = {
        "kind": tip.kind,
        "channel": tip.channel,
        "received_at": timezone.localtime(tip.received_at).strftime("%Y-%m-%dT%H:%M"),
        "commune": tip.commune_id,
        "crime_group": tip.crime_group_id,
        "summary": tip.summary,
        "address": tip.address,
        "version": tip.version,
    }
    data.update(overrides)
    return data


def test_an_officer_cannot_change_a_tip_not_assigned_to_them(
    client_for, officer, other_officer, leader, son_binh
):
    tip = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh), by=leader, officer=officer
    )
    client = client_for(other_officer)
    assert client.get(reverse("tips:detail", args=[tip.pk])).status_code == 200
    assert client.get(reverse("tips:edit", args=[tip.pk])).status_code == 403
    assert client.post(reverse("tips:action", args=[tip.pk, "bat-dau-xac-minh"])).status_code == 403
    assert Tip.objects.get(pk=tip.pk).state == TipState.ASSIGNED


def test_a_post_for_a_missing_tip_is_404(client_for, leader):
    assert (
        client_for(leader).post(reverse("tips:action", args=[999, "phan-cong"])).status_code == 404
    )


def test_the_assigned_officer_starts_verification_over_http(client_for, officer, leader, son_binh):
    tip = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh), by=leader, officer=officer
    )
    response = client_for(officer).post(
        reverse("tips:action", args=[tip.pk, "bat-dau-xac-minh"]), {"note": "Bắt đầu"}
    )
    assert response.status_code == 302
    assert Tip.objects.get(pk=tip.pk).state == TipState.VERIFYING


def test_an_invalid_transition_over_http_shows_a_message_and_changes_nothing(
    client_for, officer, leader, son_binh
):
    tip = make_tip(by=officer, commune=son_binh)
    response = client_for(leader).post(
        reverse("tips:action", args=[tip.pk, "khoi-to"]),
        {"number": "1/QĐ", "date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "không thực hiện được khi nguồn tin ở trạng thái “Tiếp nhận”" in page
    assert 'value="1/QĐ"' not in page  # the khởi tố form is not offered in this state
    assert Tip.objects.get(pk=tip.pk).state == TipState.RECEIVED


def test_a_leader_decides_prosecution_and_records_the_case_outcome(
    client_for, officer, leader, son_binh
):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    client = client_for(leader)
    client.post(
        reverse("tips:action", args=[tip.pk, "khoi-to"]),
        {"number": "15/QĐ", "date": timezone.localdate().isoformat()},
    )
    case = Case.objects.get(tip=tip)
    response = client.post(
        reverse("tips:case_edit", args=[tip.pk]),
        {
            "number": "15/QĐ",
            "suspects": 3,
            "arrested": 2,
            "solved_on": timezone.localdate().isoformat(),
            "version": case.version,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.suspects, case.arrested, case.solved_on) == (3, 2, timezone.localdate())
    bad = client.post(
        reverse("tips:case_edit", args=[tip.pk]),
        {"number": "15/QĐ", "suspects": 1, "arrested": 2, "version": case.version},
    )
    assert "không thể lớn hơn số đối tượng" in bad.content.decode()
    # The class (BLHS Điều 9) and the consequences the annual report adds up.
    response = client.post(
        reverse("tips:case_edit", args=[tip.pk]),
        {
            "number": "15/QĐ",
            "severity": CrimeSeverity.VERY_SERIOUS,
            "suspects": 3,
            "arrested": 2,
            "deaths": "",
            "injuries": "2",
            "damage": "12.500.000",
            "version": Case.objects.get(pk=case.pk).version,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.severity, case.deaths, case.injuries, case.damage) == (
        CrimeSeverity.VERY_SERIOUS,
        0,
        2,
        12_500_000,
    )
    page = client.get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert "Loại tội phạm: Rất nghiêm trọng" in page and "12.500.000 đồng" in page


def test_edit_conflict_shows_both_versions_and_keeps_the_input(
    client_for, officer, leader, son_binh
):
    tip = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh), by=leader, officer=officer
    )
    stale = _edit_data(tip, summary="Bản của cán bộ: trộm bò ở Sơn Bình")
    client_for(leader).post(
        reverse("tips:edit", args=[tip.pk]), _edit_data(tip, summary="Bản của lãnh đạo: trộm trâu")
    )
    response = client_for(officer).post(reverse("tips:edit", args=[tip.pk]), stale)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Bản của lãnh đạo: trộm trâu" in page and "Bản của cán bộ: trộm bò ở Sơn Bình" in page
    assert Tip.objects.get(pk=tip.pk).summary == "Bản của lãnh đạo: trộm trâu"


def test_an_edit_leaves_history_shown_in_the_timeline(client_for, officer, leader, son_binh):
    tip = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh), by=leader, officer=officer
    )
    client = client_for(officer)
    client.post(
        reverse("tips:edit", args=[tip.pk]), _edit_data(tip, summary="Tóm tắt đã sửa lại cho đúng")
    )
    page = client.get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert "Tóm tắt đã sửa lại cho đúng" in page and "Sửa thông tin nguồn tin" in page
    assert "Phân công cán bộ thụ lý" in page


def test_a_tampered_version_field_is_a_conflict_not_an_overwrite(
    client_for, officer, leader, son_binh
):
    tip = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh), by=leader, officer=officer
    )
    response = client_for(officer).post(
        reverse("tips:edit", args=[tip.pk]),
        _edit_data(tip, summary="Sửa với phiên bản giả mạo", version=99),
    )
    assert response.status_code == 409
    assert Tip.objects.get(pk=tip.pk).summary != "Sửa với phiên bản giả mạo"


def test_attachments_are_served_only_through_the_access_checked_view(
    client_for, officer, leader, official_son_binh, son_binh
):
    tip = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh), by=leader, officer=officer
    )
    client_for(officer).post(
        reverse("tips:attachment_upload", args=[tip.pk]),
        {"attachments": [SimpleUploadedFile("bien-ban.pdf", PDF)]},
    )
    attachment = Attachment.objects.get(tip=tip)
    url = reverse("tips:attachment", args=[tip.pk, attachment.pk])
    response = client_for(leader).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client_for(official_son_binh).get(url).status_code == 403
    other = make_tip(by=officer, commune=son_binh, summary="Nguồn tin khác hoàn toàn về nội dung")
    assert (
        client_for(leader)
        .get(reverse("tips:attachment", args=[other.pk, attachment.pk]))
        .status_code
        == 404
    )
    assert "bien-ban" not in attachment.file.name


def test_the_urgent_tip_shows_the_alert_instruction_until_recorded(client_for, officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, urgent=True)
    client = client_for(officer)
    assert "phải báo ngay" in client.get(reverse("tips:detail", args=[tip.pk])).content.decode()
    client.post(reverse("tips:action", args=[tip.pk, "da-bao-co-quan-dieu-tra"]))
    assert Tip.objects.get(pk=tip.pk).urgent_alerted_at is not None


# --- what the leader and the officer see (issue 14) ---------------------------------------------


def test_each_success_says_what_was_done(client_for, officer, leader, son_binh):
    tip = make_tip(by=officer, commune=son_binh)
    client = client_for(leader)
    response = client.post(
        reverse("tips:action", args=[tip.pk, "phan-cong"]), {"officer": officer.pk}, follow=True
    )
    name = officer.get_full_name() or officer.get_username()
    assert f"Đã phân công nguồn tin số {tip.register_number} cho" in response.content.decode()
    assert name.split()[-1] in response.content.decode()


def test_only_the_allowed_steps_are_offered_and_required_fields_marked(
    client_for, officer, leader, son_binh
):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    page = client_for(officer).get(reverse("tips:detail", args=[tip.pk])).content.decode()
    # the assigned officer: progress notes, the notice duty; no decision, no assignment
    assert reverse("tips:action", args=[tip.pk, "tien-do"]) in page
    assert reverse("tips:action", args=[tip.pk, "khoi-to"]) not in page
    assert reverse("tips:action", args=[tip.pk, "phan-cong"]) not in page
    leader_page = client_for(leader).get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert reverse("tips:action", args=[tip.pk, "khoi-to"]) in leader_page
    assert reverse("tips:action", args=[tip.pk, "phuc-hoi"]) not in leader_page  # not suspended
    # the 20 days have not run out: no suspension offered (Art. 148(1))
    assert reverse("tips:action", args=[tip.pk, "tam-dinh-chi"]) not in leader_page
    assert 'name="number"' in leader_page and "required" in leader_page


def test_a_refused_step_keeps_what_was_typed_and_names_the_rule(
    client_for, officer, leader, son_binh
):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    response = client_for(leader).post(
        reverse("tips:action", args=[tip.pk, "khong-khoi-to"]),
        {"number": "77/QĐ-GIỮ-LẠI", "date": "2099-01-01", "ground": "157_2", "note": "ghi chú"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "không thể ở tương lai" in page
    assert 'value="77/QĐ-GIỮ-LẠI"' in page and "ghi chú" in page
    assert Tip.objects.get(pk=tip.pk).state == TipState.VERIFYING


def test_merge_asks_for_confirmation_showing_both_and_can_be_undone(
    client_for, officer, leader, son_binh
):
    target = make_tip(by=officer, commune=son_binh, summary="Bản gốc: trộm bò ở thôn 3")
    tip = make_tip(by=officer, commune=son_binh, summary="Báo lại: trộm bò thôn 3")
    client = client_for(leader)
    url = reverse("tips:action", args=[tip.pk, "gop"])
    data = {"merged_into": target.register_number, "date": timezone.localdate().isoformat()}
    confirm = client.post(url, data)
    page = confirm.content.decode()
    assert confirm.status_code == 200 and "Bản gốc: trộm bò ở thôn 3" in page
    assert "Báo lại: trộm bò thôn 3" in page
    assert Tip.objects.get(pk=tip.pk).state == TipState.RECEIVED  # nothing written yet
    client.post(url, {**data, "xac_nhan": "1"})
    assert Tip.objects.get(pk=tip.pk).state == TipState.MERGED
    target_page = client.get(reverse("tips:detail", args=[target.pk])).content.decode()
    assert "Nguồn tin đã gộp vào đây" in target_page and tip.register_number in target_page
    refused = client.post(reverse("tips:action", args=[tip.pk, "huy-gop"]), {"reason": ""})
    assert refused.status_code == 400
    client.post(reverse("tips:action", args=[tip.pk, "huy-gop"]), {"reason": "Hai vụ khác nhau"})
    assert Tip.objects.get(pk=tip.pk).state == TipState.RECEIVED


def test_the_timeline_reads_as_people_read_it_one_entry_per_step(
    client_for, officer, leader, son_binh
):
    tip = make_tip(by=officer, commune=son_binh, received_at=timezone.now(), urgent=True)
    services.tip_record_alert(tip=tip, by=officer)
    services.tip_assign(tip=tip, by=leader, officer=officer)
    page = client_for(leader).get(reverse("tips:detail", args=[tip.pk])).content.decode()
    timeline = page[page.index('id="tl-title"') :]
    timeline = timeline[: timeline.index("</section>")]
    assert timeline.count("Phân công cán bộ thụ lý") == 1
    assert "Thay đổi dữ liệu" not in timeline  # the assignment's changes sit in its own entry
    assert f"{timezone.localtime():%d/%m/%Y}" in timeline
    # the alert time shown as dd/mm/yyyy HH:MM local time, never an ISO / UTC value
    section = timeline
    assert re.search(r"Đã báo cơ quan điều tra.*?\d\d/\d\d/\d{4} \d\d:\d\d", section, re.S)
    assert not re.search(r"\d{4}-\d\d-\d\d", section) and "+00:00" not in section


def test_the_conflict_page_highlights_only_the_fields_that_differ(
    client_for, officer, leader, son_binh
):
    tip = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh), by=leader, officer=officer
    )
    stale = _edit_data(tip, summary="Bản của cán bộ: trộm bò ở Sơn Bình")
    client_for(leader).post(
        reverse("tips:edit", args=[tip.pk]), _edit_data(tip, summary="Bản của lãnh đạo: trộm trâu")
    )
    page = client_for(officer).post(reverse("tips:edit", args=[tip.pk]), stale).content.decode()
    assert page.count('class="table-warning"') == 1
    assert "True" not in page and "False" not in page


def test_a_decided_tip_changes_only_by_a_leaders_correction_with_a_reason(
    client_for, officer, leader, son_binh
):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    tip = services.tip_prosecute(tip=tip, by=leader, number="3/QĐ", date=timezone.localdate())
    url = reverse("tips:edit", args=[tip.pk])
    assert client_for(officer).get(url).status_code == 403
    data = _edit_data(tip, summary="Đính chính: trộm hai xe máy")
    data.pop("received_at")
    refused = client_for(leader).post(url, data)
    assert refused.status_code == 200 and "Lý do đính chính" in refused.content.decode()
    assert Tip.objects.get(pk=tip.pk).summary != "Đính chính: trộm hai xe máy"
    client_for(leader).post(url, {**data, "reason": "Biên bản ghi hai xe"})
    tip.refresh_from_db()
    assert tip.summary == "Đính chính: trộm hai xe máy"
    step = tip.steps.get(action="dinh_chinh")
    assert step.note == "Biên bản ghi hai xe"


def test_the_receipt_time_is_not_in_the_edit_form(client_for, officer, leader, son_binh):
    tip = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh), by=leader, officer=officer
    )
    before = Tip.objects.get(pk=tip.pk).received_at
    client_for(officer).post(
        reverse("tips:edit", args=[tip.pk]),
        _edit_data(tip, received_at="2026-01-05T08:00", summary="Tóm tắt sửa lại cho đủ dài"),
    )
    assert Tip.objects.get(pk=tip.pk).received_at == before


def test_a_progress_note_over_http_says_it_was_recorded(client_for, officer, leader, son_binh):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    # more steps than tips: the step's id is not the tip's
    for _ in range(3):
        services.tip_record_progress(tip=tip, by=officer, note="Đã làm việc với nhân chứng.")
    response = client_for(officer).post(
        reverse("tips:action", args=[tip.pk, "tien-do"]), {"note": "Đã xác minh hiện trường."}
    )
    assert response.status_code == 302
    page = client_for(officer).get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert f"Đã ghi tiến độ xác minh nguồn tin số {tip.register_number}." in page


def test_the_procuracy_cancelling_no_prosecution_is_recorded_as_its_khoi_to_over_http(
    client_for, officer, leader, son_binh
):
    """Art. 153(3)(a): on a không khởi tố tip the leader records the procuracy's cancellation and
    the khởi tố decision it issued with it; the tip is not sent back to verification."""
    today = timezone.localdate()
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    tip = services.tip_not_prosecute(
        tip=tip, by=leader, number="4/QĐ-KKT", date=today, ground="157_2"
    )
    client = client_for(leader)
    page = client.get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert reverse("tips:action", args=[tip.pk, "vks-khoi-to"]) in page
    assert "Điều 153 khoản 3 điểm a" in page
    # the suspension's cancellation (Art. 148(2), back to verification) is not offered here
    assert reverse("tips:action", args=[tip.pk, "vks-huy"]) not in page
    response = client.post(
        reverse("tips:action", args=[tip.pk, "vks-khoi-to"]),
        {
            "cancel_number": "7/QĐ-VKS",
            "cancel_date": today.isoformat(),
            "number": "8/QĐ-VKS",
            "date": today.isoformat(),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã ghi quyết định hủy bỏ số 7/QĐ-VKS và quyết định khởi tố vụ án số 8/QĐ-VKS" in page
    tip.refresh_from_db()
    assert (tip.state, tip.decision_number) == (TipState.PROSECUTED, "8/QĐ-VKS")
    assert Case.objects.get(tip=tip).opened_on == today
    timeline = page[page.index('id="tl-title"') :]
    timeline = timeline[: timeline.index("</section>")]
    day = f"{today:%d/%m/%Y}"
    assert re.search(
        rf"Viện kiểm sát hủy bỏ quyết định\s*<.*?Số 7/QĐ-VKS, ngày {day}", timeline, re.S
    )
    assert re.search(
        rf"Viện kiểm sát hủy bỏ quyết định không khởi tố, khởi tố vụ án hình sự.*?"
        rf"Số 8/QĐ-VKS, ngày {day}",
        timeline,
        re.S,
    )
    # one state change, straight to khởi tố: not back to verification
    assert "Không khởi tố vụ án → Khởi tố vụ án" in timeline
    assert "→ Đang xác minh" not in timeline[timeline.index("Số 7/QĐ-VKS") :]
