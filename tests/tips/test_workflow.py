"""The Art. 147–149 state machine: allowed steps, refused steps, who may take them, the clock."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tips import services
from tips.models import Case, Tip, TipState, TipStep
from tips.services import InvalidTransition
from tests.tips.factories import local, make_tip, verifying_tip

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _in_state(state, *, leader, officer, commune):
    """A tip brought to ``state`` through the real workflow."""
    if state == TipState.RECEIVED:
        return make_tip(by=officer, commune=commune)
    if state == TipState.ASSIGNED:
        return services.tip_assign(tip=make_tip(by=officer, commune=commune), by=leader, officer=officer)
    tip = verifying_tip(leader=leader, officer=officer, commune=commune)
    if state == TipState.VERIFYING:
        return tip
    other = make_tip(by=officer, commune=commune, summary="Một nguồn tin khác hẳn về nội dung")
    return services.tip_decide(tip=tip, by=leader, outcome=state, number="1/QĐ", date=TODAY(),
                               transfer_agency="Công an tỉnh", merged_into=other)


def _try(action, tip, leader, officer, other):
    calls = {
        "assign": lambda: services.tip_assign(tip=tip, by=leader, officer=officer),
        "start": lambda: services.tip_start_verification(tip=tip, by=leader),
        "complex": lambda: services.tip_mark_complex(tip=tip, by=leader),
        "extend": lambda: services.tip_record_extension(tip=tip, by=leader, months=2, number="5/VKS", date=TODAY()),
        "resume": lambda: services.tip_resume(tip=tip, by=leader, number="2/QĐ", date=TODAY()),
    }
    for outcome in services.DECISIONS:
        calls[outcome] = lambda o=outcome: services.tip_decide(
            tip=tip, by=leader, outcome=o, number="9/QĐ", date=TODAY(), transfer_agency="Công an tỉnh",
            merged_into=other)
    return calls[action]()


ALLOWED = {
    TipState.RECEIVED: {"assign", "complex", "extend", "chuyen", "gop"},
    TipState.ASSIGNED: {"assign", "start", "complex", "extend", "chuyen", "gop"},
    TipState.VERIFYING: {"assign", "complex", "extend", "khoi_to", "khong_khoi_to", "tam_dinh_chi", "chuyen", "gop"},
    TipState.PROSECUTED: set(),
    TipState.NOT_PROSECUTED: set(),
    TipState.SUSPENDED: {"resume"},
    TipState.TRANSFERRED: set(),
    TipState.MERGED: set(),
}
ACTIONS = ["assign", "start", "complex", "extend", "resume", *services.DECISIONS]
REFUSED = [(s, a) for s in ALLOWED for a in ACTIONS if a not in ALLOWED[s]]


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_every_transition_the_law_does_not_allow_is_refused_with_a_message(
    state, action, leader, officer, son_binh
):
    tip = _in_state(state, leader=leader, officer=officer, commune=son_binh)
    other = make_tip(by=officer, commune=son_binh, summary="Nguồn tin đích để thử gộp, khác nội dung")
    steps = TipStep.objects.filter(tip=tip).count()
    with pytest.raises(InvalidTransition) as refused:
        _try(action, tip, leader, officer, other)
    assert refused.value.messages[0]
    tip.refresh_from_db()
    assert tip.state == state
    assert TipStep.objects.filter(tip=tip).count() == steps


def test_received_assigned_verifying_and_prosecuted_opens_a_case(leader, officer, son_binh):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    tip = services.tip_decide(tip=tip, by=leader, outcome=TipState.PROSECUTED, number="12/QĐ-CAH",
                              date=TODAY())
    case = Case.objects.get(tip=tip)
    assert (case.number, case.opened_on, case.crime_group_id) == ("12/QĐ-CAH", TODAY(), tip.crime_group_id)
    actions = list(tip.steps.values_list("action", "actor__username"))
    assert actions == [("tiep_nhan", officer.username), ("phan_cong", leader.username),
                       ("bat_dau_xac_minh", officer.username), ("quyet_dinh_khoi_to", leader.username)]


def test_an_officer_may_not_assign_or_decide(officer, other_officer, son_binh, leader):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    with pytest.raises(PermissionDenied):
        services.tip_assign(tip=tip, by=officer, officer=other_officer)
    with pytest.raises(PermissionDenied):
        services.tip_decide(tip=tip, by=officer, outcome=TipState.NOT_PROSECUTED, number="1", date=TODAY())


def test_only_the_assigned_officer_records_progress(officer, other_officer, leader, son_binh):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    with pytest.raises(PermissionDenied):
        services.tip_record_progress(tip=tip, by=other_officer, note="Đã làm việc với người bị hại")
    step = services.tip_record_progress(tip=tip, by=officer, note="Đã làm việc với người bị hại")
    assert step.note == "Đã làm việc với người bị hại"


def test_a_decision_before_receipt_is_refused(leader, officer, son_binh):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh, received_at=local(2021, 3, 10))
    with pytest.raises(Exception, match="trước ngày tiếp nhận"):
        services.tip_decide(tip=tip, by=leader, outcome=TipState.NOT_PROSECUTED, number="3/QĐ",
                            date=dt.date(2021, 3, 9))
    assert Tip.objects.get(pk=tip.pk).state == TipState.VERIFYING


def test_transfer_needs_the_agency_name(leader, officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh)
    with pytest.raises(InvalidTransition, match="cơ quan"):
        services.tip_decide(tip=tip, by=leader, outcome=TipState.TRANSFERRED, number="4/QĐ", date=TODAY())


def test_a_tip_cannot_be_merged_into_itself(leader, officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh)
    with pytest.raises(InvalidTransition, match="chính nó"):
        services.tip_decide(tip=tip, by=leader, outcome=TipState.MERGED, date=TODAY(), merged_into=tip)


def test_complex_and_one_procuracy_extension_move_the_deadline(leader, officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, received_at=local(2021, 6, 1))
    assert tip.due_on == dt.date(2021, 6, 21)
    tip = services.tip_mark_complex(tip=tip, by=leader)
    assert tip.due_on == dt.date(2021, 8, 2)
    tip = services.tip_record_extension(tip=tip, by=leader, months=2, number="7/QĐ-VKS",
                                        date=dt.date(2021, 7, 30))
    assert tip.due_on == dt.date(2021, 10, 1)
    with pytest.raises(InvalidTransition, match="một lần"):
        services.tip_record_extension(tip=tip, by=leader, months=1, number="8/QĐ-VKS",
                                      date=dt.date(2021, 9, 1))


def test_resumption_restarts_the_clock_from_the_resumption_date(leader, officer, son_binh):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh, received_at=local(2021, 3, 1))
    tip = services.tip_decide(tip=tip, by=leader, outcome=TipState.SUSPENDED, number="5/QĐ",
                              date=dt.date(2021, 3, 15))
    assert tip.days_left() is None  # a suspended tip's clock is stopped
    tip = services.tip_resume(tip=tip, by=leader, number="6/QĐ", date=dt.date(2021, 6, 1))
    assert tip.state == TipState.VERIFYING
    assert tip.due_on == dt.date(2021, 6, 21)


def test_an_extra_day_off_added_by_the_admin_moves_open_deadlines(officer, son_binh):
    from tips.models import ExtraDayOff

    tip = make_tip(by=officer, commune=son_binh, received_at=local(2021, 6, 1))
    ExtraDayOff.objects.create(date=dt.date(2021, 6, 21), note="Nghỉ bù")
    tip.refresh_from_db()
    assert tip.due_on == dt.date(2021, 6, 22)


def test_urgent_alert_is_recorded_once(leader, officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, urgent=True)
    tip = services.tip_record_alert(tip=tip, by=officer)
    assert tip.urgent_alerted_at is not None
    with pytest.raises(InvalidTransition):
        services.tip_record_alert(tip=tip, by=officer)


def test_every_workflow_write_leaves_history(leader, officer, son_binh):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    users = list(tip.history.order_by("history_date").values_list("history_user__username", "state"))
    assert users == [(officer.username, "tiep_nhan"), (leader.username, "da_phan_cong"),
                     (officer.username, "dang_xac_minh")]
