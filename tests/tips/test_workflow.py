"""The Art. 144–149 workflow: every (state, step, role) allowed or refused as the law says, the
worked dates of every clock rule, and the workflow spelled in one place only."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from ban138.roles import Role
from tests.factories import make_user
from tests.tips.factories import local, make_tip, verifying_tip
from tips import deadlines, services, workflow
from tips.models import (
    Case,
    ExtraDayOff,
    ExtraWorkingDay,
    Tip,
    TipDuty,
    TipState,
    TipStep,
)
from tips.workflow import (
    ASSIGNED,
    LEADER,
    REGISTRAR,
    ClockRule,
    InvalidTransition,
    NoProsecutionGround,
    SuspensionGround,
    TipAction,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate

OPEN = {TipState.RECEIVED, TipState.ASSIGNED, TipState.VERIFYING}
DECIDED = {TipState.PROSECUTED, TipState.NOT_PROSECUTED, TipState.SUSPENDED, TipState.TRANSFERRED}
ALL = set(TipState)
# The law's division of work, written out by hand (not read from the table it checks):
# step -> (states it may be taken from, who may take it)
EXPECTED = {
    TipAction.ASSIGN: (OPEN, {LEADER}),
    TipAction.START: ({TipState.ASSIGNED}, {LEADER, ASSIGNED}),
    TipAction.PROGRESS: ({TipState.VERIFYING}, {LEADER, ASSIGNED}),
    TipAction.MARK_COMPLEX: (OPEN, {LEADER}),
    TipAction.EXTEND: (OPEN, {LEADER}),
    TipAction.PROSECUTE: ({TipState.VERIFYING}, {LEADER}),
    TipAction.NOT_PROSECUTE: ({TipState.VERIFYING}, {LEADER}),
    TipAction.SUSPEND: ({TipState.VERIFYING}, {LEADER}),
    TipAction.TRANSFER: (OPEN, {LEADER}),
    TipAction.MERGE: (OPEN, {LEADER}),
    TipAction.RESUME: ({TipState.SUSPENDED}, {LEADER}),
    # Art. 148(2): a cancelled suspension goes on being verified; Art. 153(3)(a): when the
    # procuracy cancels a không khởi tố decision it opens the case itself — a step of its own
    TipAction.PROCURACY_CANCEL: ({TipState.SUSPENDED}, {LEADER}),
    TipAction.PROCURACY_PROSECUTE: ({TipState.NOT_PROSECUTED}, {LEADER}),
    TipAction.UNDO_MERGE: ({TipState.MERGED}, {LEADER}),
    # a merged duplicate owes no notice of its own (the tip it is merged into does)
    TipAction.NOTICE_SENT: (ALL - {TipState.MERGED}, {LEADER, ASSIGNED}),
    TipAction.CORRECT_RECEIPT: (OPEN | DECIDED, {LEADER}),
    TipAction.ALERT: (ALL, {LEADER, ASSIGNED, REGISTRAR}),
}
ROLES = (LEADER, ASSIGNED, REGISTRAR, "khac")


@pytest.fixture
def people(district, leader, officer, other_officer):
    return {
        LEADER: leader,
        ASSIGNED: officer,
        REGISTRAR: other_officer,
        "khac": make_user("canbo_tiepnhan_3", Role.OFFICER),
    }


def _in_state(state, people, commune):
    """A tip brought to ``state`` through the real workflow; urgent, received 40 days ago (so
    the 20 days of Art. 147(1) have run out), registered by one officer, assigned to another."""
    leader, officer = people[LEADER], people[ASSIGNED]
    received = timezone.now() - dt.timedelta(days=40)
    if received.year != timezone.now().year:
        received = timezone.now() - dt.timedelta(hours=2)
    kw = {"by": people[REGISTRAR], "commune": commune, "urgent": True, "received_at": received}
    if state in (TipState.RECEIVED, TipState.MERGED):
        tip = make_tip(**kw)
        if state == TipState.MERGED:
            other = make_tip(by=officer, commune=commune, summary="Một nguồn tin khác về nội dung")
            tip = services.tip_merge(tip=tip, by=leader, merged_into=other, date=TODAY())
        return tip
    tip = services.tip_assign(tip=make_tip(**kw), by=leader, officer=officer)
    if state == TipState.ASSIGNED:
        return tip
    tip = services.tip_start_verification(tip=tip, by=officer)
    if state == TipState.VERIFYING:
        return tip
    Tip.objects.filter(pk=tip.pk).update(due_on=TODAY())  # the limit has run out
    return services.tip_decide(
        tip=tip,
        by=leader,
        outcome=state,
        number="1/QĐ",
        date=TODAY(),
        transfer_agency="Công an tỉnh",
        ground=NoProsecutionGround.NOT_A_CRIME
        if state == TipState.NOT_PROSECUTED
        else SuspensionGround.FORCE_MAJEURE,
    )


def _arguments(action, tip, people, commune):
    today = TODAY()
    decision = {"number": "9/QĐ", "date": today}
    if action == TipAction.EXTEND:
        Tip.objects.filter(pk=tip.pk).update(is_complex=True)
    if action == TipAction.SUSPEND:
        Tip.objects.filter(pk=tip.pk).update(due_on=today)
    return {
        TipAction.ASSIGN: lambda: {"officer": people[ASSIGNED]},
        TipAction.START: dict,
        TipAction.PROGRESS: lambda: {"note": "Đã làm việc với người bị hại."},
        TipAction.MARK_COMPLEX: dict,
        TipAction.EXTEND: lambda: {"months": 1, **decision},
        TipAction.PROSECUTE: lambda: decision,
        TipAction.NOT_PROSECUTE: lambda: {**decision, "ground": NoProsecutionGround.NO_OFFENCE},
        TipAction.SUSPEND: lambda: {**decision, "ground": SuspensionGround.FORCE_MAJEURE},
        TipAction.TRANSFER: lambda: {**decision, "agency": "Công an tỉnh"},
        TipAction.MERGE: lambda: {
            "merged_into": make_tip(by=people[ASSIGNED], commune=commune, summary="Bản gốc khác"),
            "date": today,
        },
        TipAction.RESUME: lambda: decision,
        TipAction.PROCURACY_CANCEL: lambda: {**decision, "received_on": today},
        TipAction.PROCURACY_PROSECUTE: lambda: {
            "cancel_number": "3/QĐ-VKS",
            "cancel_date": today,
            **decision,
        },
        TipAction.UNDO_MERGE: lambda: {"reason": "Gộp nhầm: hai vụ khác nhau."},
        TipAction.NOTICE_SENT: lambda: {
            "duty": TipDuty.objects.filter(tip=tip, sent_on__isnull=True).first(),
            **decision,
        },
        TipAction.CORRECT_RECEIPT: lambda: {
            "received_at": tip.received_at - dt.timedelta(minutes=30),
            "reason": "Ghi nhầm giờ.",
        },
        TipAction.ALERT: dict,
    }[action]()


def _snapshot(tip):
    tables = (Tip, TipStep, TipDuty, Case, Tip.history.model, ExtraDayOff)
    counts = tuple(model.objects.count() for model in tables)
    return counts, model_to_dict(Tip.objects.get(pk=tip.pk))


def test_the_expected_table_covers_every_step_of_the_workflow():
    offered = {t.action for t in workflow.TRANSITIONS} - {TipAction.EDIT, TipAction.CORRECT}
    assert offered == set(EXPECTED)


@pytest.mark.parametrize("state", list(TipState))
@pytest.mark.parametrize("action", list(EXPECTED))
def test_every_state_step_and_role(state, action, people, son_binh):
    """Each role tries the step on the same tip, brought to ``state`` once: every attempt runs in
    a savepoint that is rolled back, so the next role meets the tip exactly as the first did."""
    sources, actors = EXPECTED[action]
    transition = workflow.BY_ACTION[action]
    brought = _in_state(state, people, son_binh)
    for role in ROLES:
        with transaction.atomic():
            arguments = _arguments(action, brought, people, son_binh)
            tip = Tip.objects.get(pk=brought.pk)
            user = people[role]
            assigned = tip.assigned_to_id == people[ASSIGNED].pk
            allowed = state in sources and role in actors and (role != ASSIGNED or assigned)
            before = _snapshot(tip)
            call = transition.effect_function
            if allowed:
                call(tip=tip, by=user, **arguments)
                assert _snapshot(tip) != before, (state, action, role)
            else:
                with pytest.raises((PermissionDenied, ValidationError)):
                    call(tip=tip, by=user, **arguments)
                assert _snapshot(tip) == before, (state, action, role)
            transaction.set_rollback(True)


# --- worked dates ------------------------------------------------------------------------------

D = dt.date
WORKED_DATES = [
    # (start, rule, complex, extension months, extra days off, worked days, expected, rule cited)
    (D(2021, 6, 1), "147_1", False, 0, (), (), D(2021, 6, 21), "Điều 147 khoản 1 + BLDS 147(2)"),
    (D(2021, 6, 6), "147_1", False, 0, (), (), D(2021, 6, 28), "Điều 134: Thứ Bảy → Thứ Hai"),
    (D(2021, 6, 6), "147_1", False, 0, (), (D(2021, 6, 26),), D(2021, 6, 26), "ngày làm bù"),
    (D(2026, 1, 28), "147_1", False, 0, (), (), D(2026, 2, 23), "Điều 134: Tết Bính Ngọ 2026"),
    (
        D(2026, 1, 28),
        "147_1",
        False,
        0,
        (),
        (D(2026, 2, 20),),
        D(2026, 2, 20),
        "ngày lễ trong lịch bị bỏ",
    ),
    (D(2021, 6, 1), "147_1", False, 0, (D(2021, 6, 21),), (), D(2021, 6, 22), "ngày nghỉ thêm"),
    (D(2021, 6, 1), "147_1", True, 0, (), (), D(2021, 8, 2), "Điều 147 khoản 2; 01/8 Chủ nhật"),
    (D(2021, 6, 1), "147_1", True, 2, (), (), D(2021, 10, 1), "Điều 147 khoản 2: gia hạn"),
    (D(2021, 6, 1), "149_1", True, 2, (), (), D(2021, 7, 1), "Điều 149 khoản 1: 01 tháng"),
    (D(2021, 1, 31), "149_1", False, 0, (), (), D(2021, 3, 1), "Điều 134: 28/02 Chủ nhật"),
    (D(2021, 7, 10), "148_2", False, 0, (), (), D(2021, 8, 10), "Điều 148 khoản 2: 01 tháng"),
]


@pytest.mark.parametrize(
    "start,rule,complex_case,ext,off,worked,expected,cited",
    WORKED_DATES,
    ids=[row[-1] for row in WORKED_DATES],
)
def test_worked_dates(start, rule, complex_case, ext, off, worked, expected, cited):
    day_off = deadlines.day_off_predicate(off, worked)
    end = deadlines.rule_end(
        start, rule, complex_case=complex_case, extension_months=ext, is_day_off=day_off
    )
    assert end == expected, cited


def test_resume_gives_one_month_and_keeps_the_suspension_and_extension_on_record(
    leader, officer, son_binh
):
    tip = verifying_tip(
        leader=leader, officer=officer, commune=son_binh, received_at=local(2021, 3, 1)
    )
    tip = services.tip_mark_complex(tip=tip, by=leader)
    tip = services.tip_record_extension(
        tip=tip, by=leader, months=1, number="3/VKS", date=dt.date(2021, 4, 20)
    )
    assert tip.due_on == dt.date(2021, 6, 1)  # 01/5 + 01 month
    tip = services.tip_suspend(
        tip=tip,
        by=leader,
        number="5/QĐ",
        date=dt.date(2021, 6, 1),
        ground=SuspensionGround.EXPERT,
        pending="Trưng cầu giám định thương tích ngày 20/5/2021",
    )
    assert tip.days_left() is None  # a suspended tip's clock is stopped
    tip = services.tip_resume(tip=tip, by=leader, number="6/QĐ", date=dt.date(2021, 9, 1))
    assert (tip.state, tip.clock_rule, tip.due_on) == (
        TipState.VERIFYING,
        ClockRule.RESUMED,
        dt.date(2021, 10, 1),  # Art. 149(1): 01 month, not a fresh 20 days or 2 months
    )
    assert (tip.extension_months, tip.extension_number) == (1, "3/VKS")  # never disappears
    suspension = tip.steps.get(action=TipAction.SUSPEND)
    assert (suspension.number, suspension.date, suspension.ground) == (
        "5/QĐ",
        dt.date(2021, 6, 1),
        SuspensionGround.EXPERT,
    )
    with pytest.raises(InvalidTransition, match="phức tạp"):
        services.tip_mark_complex(tip=tip, by=leader)
    with pytest.raises(InvalidTransition):
        services.tip_record_extension(
            tip=tip, by=leader, months=1, number="8/VKS", date=dt.date(2021, 9, 5)
        )
    decisions = services_queries_decisions(tip)
    assert [d["action"] for d in decisions] == [
        TipAction.EXTEND,
        TipAction.SUSPEND,
        TipAction.RESUME,
    ]


def services_queries_decisions(tip):
    from tips.queries import workflow_decisions

    return workflow_decisions([tip.pk])[tip.pk]


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"ground": ""}, "Điều 148 khoản 1"),
        ({"ground": "khac"}, "Điều 148 khoản 1"),
        ({"ground": SuspensionGround.DOCUMENTS, "pending": ""}, "điểm a, b"),
        ({"number": " "}, "Hãy nhập số"),
        ({"date": dt.date(2021, 6, 10)}, "hết thời hạn"),  # 20-day limit ends 21/6
        ({"date": dt.date(2021, 5, 31)}, "trước ngày tiếp nhận"),
        ({"date": dt.date(2099, 1, 1)}, "tương lai"),
    ],
)
def test_suspension_refused_without_its_legal_conditions(
    changes, message, leader, officer, son_binh
):
    tip = verifying_tip(
        leader=leader, officer=officer, commune=son_binh, received_at=local(2021, 6, 1)
    )
    arguments = {
        "number": "5/QĐ",
        "date": dt.date(2021, 6, 21),
        "ground": SuspensionGround.FORCE_MAJEURE,
        **changes,
    }
    steps = TipStep.objects.count()
    with pytest.raises(InvalidTransition, match=message):
        services.tip_suspend(tip=tip, by=leader, **arguments)
    assert TipStep.objects.count() == steps
    assert Tip.objects.get(pk=tip.pk).state == TipState.VERIFYING


def test_resume_date_before_the_suspension_is_refused(leader, officer, son_binh):
    tip = verifying_tip(
        leader=leader, officer=officer, commune=son_binh, received_at=local(2021, 6, 1)
    )
    tip = services.tip_suspend(
        tip=tip, by=leader, number="5", date=D(2021, 6, 21), ground=SuspensionGround.FORCE_MAJEURE
    )
    with pytest.raises(InvalidTransition, match="trước ngày quyết định tạm đình chỉ"):
        services.tip_resume(tip=tip, by=leader, number="6", date=D(2021, 6, 20))


def test_not_prosecuted_needs_an_article_157_ground_and_opens_its_notices(
    leader, officer, son_binh
):
    tip = verifying_tip(
        leader=leader,
        officer=officer,
        commune=son_binh,
        informant={"name": "Người Thử", "phone": "0900000000"},
    )
    with pytest.raises(InvalidTransition, match="Điều 157"):
        services.tip_not_prosecute(tip=tip, by=leader, number="2", date=TODAY(), ground="")
    tip = services.tip_not_prosecute(
        tip=tip, by=leader, number="2", date=TODAY(), ground=NoProsecutionGround.NOT_A_CRIME
    )
    assert tip.decision_ground == NoProsecutionGround.NOT_A_CRIME
    kinds = set(tip.duties.filter(sent_on__isnull=True).values_list("kind", flat=True))
    assert {"kkt_vks", "kkt_nguoi_bao", "tb_tiep_nhan_vks"} <= kinds
    duty = tip.duties.get(kind="kkt_vks")
    services.tip_record_notice(tip=tip, by=officer, duty=duty, number="12/TB", date=TODAY())
    duty.refresh_from_db()
    assert (duty.sent_on, duty.sent_number) == (TODAY(), "12/TB")


# Each notice's limit, as the texts read (docs/LAW.md): (step, its date, duty, due, rule cited).
# 16/06/2021 is a Wednesday, 18/06/2021 a Friday; 03 days that end on a Saturday move to the
# Monday (Art. 134), a "24 giờ" limit is the next day, whatever day that is.
DUTY_DATES = [
    ("register", D(2021, 6, 16), "tb_tiep_nhan_vks", D(2021, 6, 21), "Điều 146 khoản 5, Điều 134"),
    ("register", D(2021, 6, 14), "tb_tiep_nhan_vks", D(2021, 6, 17), "Điều 146 khoản 5: 03 ngày"),
    ("not_prosecute", D(2021, 6, 16), "kkt_vks", D(2021, 6, 17), "Điều 158 khoản 1: 24 giờ"),
    ("not_prosecute", D(2021, 6, 18), "kkt_vks", D(2021, 6, 19), "Điều 158 khoản 1: 24 giờ"),
    ("not_prosecute", D(2021, 6, 16), "kkt_nguoi_bao", D(2021, 6, 21), "TTLT 01/2017 Điều 14(3)"),
    ("suspend", D(2021, 6, 26), "tdc_vks", D(2021, 6, 27), "Điều 148 khoản 2: 24 giờ"),
    ("suspend", D(2021, 6, 26), "tdc_nguoi_bao", D(2021, 6, 27), "Điều 148 khoản 2: 24 giờ"),
]


@pytest.mark.parametrize(("step", "date", "kind", "due", "cited"), DUTY_DATES)
def test_each_notice_is_due_by_the_limit_its_text_gives(
    step, date, kind, due, cited, leader, officer, son_binh
):
    received = date if step == "register" else D(2021, 6, 1)
    tip = verifying_tip(
        leader=leader,
        officer=officer,
        commune=son_binh,
        received_at=local(received.year, received.month, received.day),
        informant={"name": "Người Thử", "phone": "0900000000"},
    )
    if step == "not_prosecute":
        services.tip_not_prosecute(
            tip=tip, by=leader, number="2", date=date, ground=NoProsecutionGround.NOT_A_CRIME
        )
    elif step == "suspend":
        services.tip_suspend(
            tip=tip, by=leader, number="5", date=date, ground=SuspensionGround.FORCE_MAJEURE
        )
    assert tip.duties.get(kind=kind).due_on == due, cited


# What the procuracy's cancellation does to the tip: (decision cancelled, the step and its
# arguments, state after, clock rule after, due date after, rule cited). Received 01/06/2021:
# 20 days end on 21/06/2021.
PROCURACY_OUTCOMES = [
    (
        "suspend",
        TipAction.PROCURACY_CANCEL,
        {"number": "7/VKS", "date": D(2021, 7, 8), "received_on": D(2021, 7, 10)},
        TipState.VERIFYING,
        ClockRule.SUSPENSION_CANCELLED,
        D(2021, 8, 10),
        "Điều 148 khoản 2: tiếp không quá 01 tháng kể từ ngày nhận QĐ hủy bỏ",
    ),
    (
        "not_prosecute",
        TipAction.PROCURACY_PROSECUTE,
        {
            "cancel_number": "7/QĐ-VKS",
            "cancel_date": D(2021, 7, 8),
            "number": "8/QĐ-VKS",
            "date": D(2021, 7, 8),
        },
        TipState.PROSECUTED,
        ClockRule.RECEIPT,  # no new clock: the tip is decided, not verified again
        D(2021, 6, 21),
        "Điều 153 khoản 3 điểm a: Viện kiểm sát khởi tố vụ án",
    ),
]


@pytest.mark.parametrize(
    ("cancelled", "action", "arguments", "state", "rule", "due", "cited"),
    PROCURACY_OUTCOMES,
    ids=[row[-1] for row in PROCURACY_OUTCOMES],
)
def test_what_the_procuracy_cancellation_does(
    cancelled, action, arguments, state, rule, due, cited, leader, officer, son_binh
):
    tip = verifying_tip(
        leader=leader, officer=officer, commune=son_binh, received_at=local(2021, 6, 1)
    )
    if cancelled == "suspend":
        tip = services.tip_suspend(
            tip=tip,
            by=leader,
            number="5",
            date=D(2021, 6, 21),
            ground=SuspensionGround.FORCE_MAJEURE,
        )
    else:
        tip = services.tip_not_prosecute(
            tip=tip,
            by=leader,
            number="5",
            date=D(2021, 6, 18),
            ground=NoProsecutionGround.NO_OFFENCE,
        )
    tip = workflow.BY_ACTION[action].effect_function(tip=tip, by=leader, **arguments)
    assert (tip.state, tip.clock_rule, tip.due_on) == (state, rule, due), cited


def test_procuracy_cancelling_no_prosecution_opens_the_case_with_both_decisions_on_record(
    leader, officer, son_binh
):
    """Art. 153(3)(a), 154(2); TTLT 04/2018 Art. 7(2)(c): the procuracy cancels the không khởi
    tố decision and issues the khởi tố decision itself: the tip ends as khởi tố, the case is
    opened on the procuracy's decision date, both decisions stay on the record."""
    tip = verifying_tip(
        leader=leader,
        officer=officer,
        commune=son_binh,
        received_at=local(2021, 6, 1),
        informant={"name": "Người Thử", "phone": "0900000000"},
    )
    tip = services.tip_not_prosecute(
        tip=tip,
        by=leader,
        number="5/QĐ",
        date=D(2021, 6, 18),
        ground=NoProsecutionGround.NO_OFFENCE,
    )
    tip = services.tip_procuracy_prosecute(
        tip=tip,
        by=leader,
        cancel_number="7/QĐ-VKS",
        cancel_date=D(2021, 7, 8),
        number="8/QĐ-VKS",
        date=D(2021, 7, 9),
    )
    assert (tip.state, tip.decision_number, tip.decision_date) == (
        TipState.PROSECUTED,
        "8/QĐ-VKS",
        D(2021, 7, 9),
    )
    assert tip.decision_ground == ""
    case = Case.objects.get(tip=tip)
    assert (case.number, case.opened_on) == ("8/QĐ-VKS", D(2021, 7, 9))
    # the cancelled decision no longer has to be sent (the procuracy had it; it cancelled it)
    assert not tip.duties.filter(kind__in=("kkt_vks", "kkt_nguoi_bao"), sent_on=None).exists()
    steps = list(tip.steps.order_by("at", "id").values_list("action", "number", "date"))
    assert steps[-3:] == [
        (TipAction.NOT_PROSECUTE, "5/QĐ", D(2021, 6, 18)),
        (TipAction.PROCURACY_CANCEL, "7/QĐ-VKS", D(2021, 7, 8)),
        (TipAction.PROCURACY_PROSECUTE, "8/QĐ-VKS", D(2021, 7, 9)),
    ]
    decisions = services_queries_decisions(tip)
    assert [(d["action"], d["number"]) for d in decisions] == [
        (TipAction.NOT_PROSECUTE, "5/QĐ"),
        (TipAction.PROCURACY_CANCEL, "7/QĐ-VKS"),
        (TipAction.PROCURACY_PROSECUTE, "8/QĐ-VKS"),
    ]


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"cancel_number": " "}, "Hãy nhập số quyết định hủy bỏ"),
        ({"number": ""}, "Hãy nhập số quyết định khởi tố"),
        ({"cancel_date": None}, "Hãy nhập ngày quyết định hủy bỏ"),
        ({"cancel_date": D(2021, 6, 17)}, "trước ngày quyết định không khởi tố"),
        ({"date": D(2021, 7, 7)}, "trước ngày quyết định hủy bỏ"),
        ({"date": D(2099, 1, 1)}, "tương lai"),
    ],
)
def test_procuracy_prosecution_refused_without_its_decisions(
    changes, message, leader, officer, son_binh
):
    tip = verifying_tip(
        leader=leader, officer=officer, commune=son_binh, received_at=local(2021, 6, 1)
    )
    tip = services.tip_not_prosecute(
        tip=tip,
        by=leader,
        number="5/QĐ",
        date=D(2021, 6, 18),
        ground=NoProsecutionGround.NO_OFFENCE,
    )
    before = _snapshot(tip)
    arguments = {
        "cancel_number": "7/QĐ-VKS",
        "cancel_date": D(2021, 7, 8),
        "number": "8/QĐ-VKS",
        "date": D(2021, 7, 8),
        **changes,
    }
    with pytest.raises(InvalidTransition, match=message):
        services.tip_procuracy_prosecute(tip=tip, by=leader, **arguments)
    assert _snapshot(tip) == before


def test_extension_only_for_a_complex_tip_and_once(leader, officer, son_binh):
    tip = verifying_tip(
        leader=leader, officer=officer, commune=son_binh, received_at=local(2021, 6, 1)
    )
    with pytest.raises(InvalidTransition, match="phức tạp"):
        services.tip_record_extension(tip=tip, by=leader, months=1, number="1", date=D(2021, 7, 1))
    tip = services.tip_mark_complex(tip=tip, by=leader)
    tip = services.tip_record_extension(
        tip=tip, by=leader, months=2, number="1", date=D(2021, 7, 30)
    )
    assert tip.due_on == D(2021, 10, 1)
    with pytest.raises(InvalidTransition, match="một lần"):
        services.tip_record_extension(tip=tip, by=leader, months=1, number="2", date=D(2021, 8, 1))


def test_receipt_correction_refused_across_the_register_year(leader, officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 2))
    with pytest.raises(InvalidTransition, match="năm"):
        services.tip_correct_receipt(
            tip=tip, by=leader, received_at=local(2020, 12, 31), reason="Ghi nhầm ngày"
        )
    with pytest.raises(PermissionDenied):
        services.tip_correct_receipt(
            tip=tip, by=officer, received_at=local(2021, 1, 3), reason="Ghi nhầm ngày"
        )
    tip = services.tip_correct_receipt(
        tip=tip, by=leader, received_at=local(2021, 1, 4), reason="Ghi nhầm ngày"
    )
    assert (tip.clock_start, tip.due_on) == (D(2021, 1, 4), D(2021, 1, 25))
    assert "Ghi nhầm ngày" in tip.steps.get(action=TipAction.CORRECT_RECEIPT).note


def test_merge_only_into_an_open_tip_and_undo_restores(leader, officer, son_binh):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    closed = verifying_tip(leader=leader, officer=officer, commune=son_binh, summary="Vụ khác hẳn")
    Tip.objects.filter(pk=closed.pk).update(due_on=TODAY())
    closed = services.tip_suspend(
        tip=closed, by=leader, number="1", date=TODAY(), ground=SuspensionGround.FORCE_MAJEURE
    )
    with pytest.raises(InvalidTransition, match="đang giải quyết"):
        services.tip_merge(tip=tip, by=leader, merged_into=closed, date=TODAY())
    target = make_tip(by=officer, commune=son_binh, summary="Bản gốc của nguồn tin")
    tip = services.tip_merge(tip=tip, by=leader, merged_into=target, date=TODAY())
    assert list(target.merged_tips.all()) == [tip]
    assert not tip.duties.filter(sent_on=None).exists()  # its notices are the target's
    tip = services.tip_undo_merge(tip=tip, by=leader, reason="Hai vụ khác nhau")
    assert (tip.state, tip.merged_into_id) == (TipState.VERIFYING, None)
    assert tip.duties.filter(sent_on=None, kind="tb_tiep_nhan_vks").exists()


def test_a_moved_deadline_says_why_in_the_timeline(officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, received_at=local(2021, 6, 1))
    ExtraDayOff.objects.create(date=dt.date(2021, 6, 21), note="Nghỉ bù")
    tip.refresh_from_db()
    assert tip.due_on == dt.date(2021, 6, 22)
    step = tip.steps.get(action=TipAction.DEADLINE_MOVED)
    assert "21/06/2021" in step.note and "22/06/2021" in step.note and "Điều 134" in step.note
    from tips.timeline import timeline_for

    titles = [entry.title for entry in timeline_for(tip)]
    assert titles.count("Hạn giải quyết thay đổi") == 1 and "Thay đổi dữ liệu" not in titles
    ExtraWorkingDay.objects.create(date=dt.date(2021, 6, 21), note="Làm bù")
    tip.refresh_from_db()
    assert tip.due_on == dt.date(2021, 6, 21)


def test_the_due_date_says_which_clause_sets_it(officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, received_at=local(2021, 6, 6))
    assert tip.due_on == dt.date(2021, 6, 28)
    assert "20 ngày kể từ ngày tiếp nhận, Điều 147 khoản 1" in tip.due_explanation
    assert "Điều 134" in tip.due_explanation


# --- one definition ----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("tips", "bench", "reports", "campaigns", "models_registry", "ban138", "templates")
# ban138/roles.py: the officer role's value is also "tiep_nhan" — a role, not a state or step.
ALLOWED_FILES = {"tips/workflow.py", "ban138/roles.py"}


def test_no_state_or_step_literal_outside_the_workflow_definition():
    values = {*TipState.values, *TipAction.values}
    pattern = re.compile(r"""["']([a-z_]+)["']""")
    found = []
    for top in SCANNED:
        for path in (ROOT / top).rglob("*"):
            if path.suffix not in (".py", ".html") or "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).as_posix()
            if relative in ALLOWED_FILES:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                for literal in pattern.findall(line):
                    if literal in values:
                        found.append(f"{relative}:{number}: {literal}")
    assert found == []


def test_admin_lists_a_worked_day_only_where_the_calendar_has_a_day_off():
    from tips.admin import ExtraWorkingDayForm

    ordinary = ExtraWorkingDayForm({"date": "2026-02-10", "note": "thứ Ba"})
    assert not ordinary.is_valid() and "vốn là ngày làm việc" in str(ordinary.errors)
    holiday = ExtraWorkingDayForm({"date": "2026-02-20", "note": "bỏ ngày nghỉ Tết"})
    makeup = ExtraWorkingDayForm({"date": "2026-02-28", "note": "thứ Bảy làm bù"})
    assert holiday.is_valid() and makeup.is_valid()
