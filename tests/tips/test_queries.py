"""tips/queries.py — the figures campaigns and the annual report print."""

import datetime as dt

import pytest

from tests.tips.factories import local, make_tip, verifying_tip
from tips import services
from tips.models import Case, CrimeGroup, CrimeSeverity, Tip, TipKind, TipState
from tips.queries import (
    FigureRequest,
    figures_by_commune,
    figures_by_periods,
    figures_of_requests,
    period_figures,
    summed,
    totals_by_periods,
)

pytestmark = pytest.mark.django_db
Y2020 = {"start": dt.date(2020, 1, 1), "end": dt.date(2020, 12, 31), "today": dt.date(2021, 3, 1)}


def _decide(tip, leader, outcome, date, **kw):
    return services.tip_decide(tip=tip, by=leader, outcome=outcome, number="1/QĐ", date=date, **kw)


@pytest.fixture
def year_2020(leader, officer, son_binh, son_lam):
    """A small, varied 2020: decided on time and late, open and overdue, merged, a case."""
    a = verifying_tip(
        leader=leader,
        officer=officer,
        commune=son_binh,
        received_at=local(2020, 3, 2),
        group="ma_tuy",
    )
    _decide(a, leader, TipState.PROSECUTED, dt.date(2020, 3, 10))
    Case.objects.filter(tip=a).update(
        suspects=3,
        arrested=2,
        solved_on=dt.date(2020, 4, 1),
        severity=CrimeSeverity.VERY_SERIOUS,
        injuries=1,
        damage=5_000_000,
    )
    b = verifying_tip(
        leader=leader,
        officer=officer,
        commune=son_lam,
        received_at=local(2020, 5, 4),
        group="co_bac",
    )
    _decide(b, leader, TipState.NOT_PROSECUTED, dt.date(2020, 7, 1), ground="157_2")  # late
    overdue = make_tip(
        by=officer, commune=son_lam, received_at=local(2020, 11, 2), kind=TipKind.REPORT
    )
    Tip.objects.filter(pk=overdue.pk).update(sender_agency="UBND xã Sơn Lâm")  # not the public
    c = make_tip(
        by=officer, commune=son_binh, received_at=local(2020, 12, 31, 23, 30)
    )  # local 2020
    # merged only into a tip still open (the overdue one)
    _decide(c, leader, TipState.MERGED, dt.date(2021, 1, 2), merged_into=overdue)
    make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 1, 0, 30))  # 2021
    make_tip(
        by=officer,
        commune=son_binh,
        received_at=local(2020, 12, 31, 23, 50),
        summary="Cuối năm, tin báo trộm gà",
    )


def _independent(commune_ids=None):
    """The same figures counted tip by tip in Python."""
    start, end, today = Y2020["start"], Y2020["end"], Y2020["today"]
    from django.utils import timezone

    tips = [
        t
        for t in Tip.objects.all()
        if start <= timezone.localdate(t.received_at) <= end
        and t.state != TipState.MERGED
        and (commune_ids is None or t.commune_id in commune_ids)
    ]
    settled = [
        t
        for t in tips
        if t.state
        in (TipState.PROSECUTED, TipState.NOT_PROSECUTED, TipState.SUSPENDED, TipState.TRANSFERRED)
    ]
    cases = [
        c
        for c in Case.objects.select_related("tip")
        if commune_ids is None or c.tip.commune_id in commune_ids
    ]
    opened = [c for c in cases if start <= c.opened_on <= end]
    return {
        "received": len(tips),
        "settled": len(settled),
        "settled_on_time": sum(t.decision_date <= t.due_on for t in settled),
        "overdue": sum(t.is_open and t.due_on < today for t in tips),
        "by_kind": {k: sum(t.kind == k for t in tips) for k in TipKind.values},
        "by_crime_group": {
            g.code: sum(t.crime_group_id == g.pk for t in tips) for g in CrimeGroup.objects.all()
        },
        "cases_opened": len(opened),
        "cases_solved": sum(c.solved_on is not None and start <= c.solved_on <= end for c in cases),
        "suspects": sum(c.suspects for c in opened),
        "arrested": sum(c.arrested for c in opened),
        "cases_opened_solved": sum(c.solved_on is not None and c.solved_on <= end for c in opened),
        "by_severity": {
            code: sum(c.severity == code for c in opened) for code in ("", *CrimeSeverity.values)
        },
        "deaths": sum(c.deaths for c in opened),
        "injuries": sum(c.injuries for c in opened),
        "damage": sum(c.damage for c in opened),
        "grave_opened": len(grave := [c for c in opened if c.severity in GRAVE]),
        "grave_opened_solved": sum(c.solved_on is not None and c.solved_on <= end for c in grave),
        "from_public": len(public := [t for t in tips if _from_a_person(t)]),
        "valuable": sum(t.state == TipState.PROSECUTED for t in public),
    }


GRAVE = ("rat_nghiem_trong", "dac_biet_nghiem_trong")


def _from_a_person(tip) -> bool:
    """No agency, organisation or press named as sender, and not a kiến nghị khởi tố."""
    return not tip.sender_agency and tip.kind != "kien_nghi"


def test_period_figures_equal_an_independent_count(year_2020):
    figures = period_figures(**Y2020)
    assert figures.__dict__ == _independent()
    assert (figures.received, figures.settled, figures.settled_on_time, figures.overdue) == (
        4,
        2,
        1,
        2,
    )
    assert figures.by_crime_group["ma_tuy"] == 1 and figures.by_crime_group["co_bac"] == 1
    assert (figures.from_public, figures.valuable) == (3, 1)
    assert (figures.grave_opened, figures.grave_opened_solved, figures.damage) == (1, 1, 5_000_000)
    assert figures.by_severity[CrimeSeverity.VERY_SERIOUS] == 1


def test_a_tip_received_late_on_new_years_eve_local_time_counts_in_that_year(officer, son_binh):
    make_tip(by=officer, commune=son_binh, received_at=local(2020, 12, 31, 23, 30))  # 16:30 UTC
    assert period_figures(**Y2020).received == 1
    assert period_figures(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31)).received == 0


def test_figures_by_commune_split_the_total_and_cover_every_commune(
    year_2020, son_binh, son_lam, district
):
    by_commune = figures_by_commune(**Y2020)
    assert by_commune[son_binh.pk].__dict__ == _independent({son_binh.pk})
    assert by_commune[son_lam.pk].__dict__ == _independent({son_lam.pk})
    assert sum(f.received for f in by_commune.values()) == period_figures(**Y2020).received
    assert all(
        f.received == 0 for cid, f in by_commune.items() if cid not in (son_binh.pk, son_lam.pk)
    )
    assert len(by_commune) == 8  # Tô Hạp and the seven communes


def test_the_communes_added_up_are_the_total_the_report_prints(year_2020):
    """The report takes its totals as the sum of the per-commune rows (one scan, not two)."""
    assert summed(list(figures_by_commune(**Y2020).values())).__dict__ == _independent()


def test_the_sum_of_communes_equals_the_totals_on_generated_data(demo):
    from django.core.management import call_command

    # On top of the demo (its committee, officers and groups), so generate_data seeds nothing.

    call_command("generate_data", tips=150, years=2, seed=9, no_progress=True)
    year = dt.date.today().year  # generate_data spreads tips over this year and the last
    periods = [
        (dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)),
        (dt.date(year, 1, 1), dt.date(year, 12, 31)),
    ]
    totals = totals_by_periods(periods=periods)
    by_commune = figures_by_periods(periods=periods)
    for period in periods:
        assert summed(list(by_commune[period].values())) == totals[period]
        assert totals[period].received > 0


def test_commune_filter_limits_the_figures(year_2020, son_lam):
    assert period_figures(**Y2020, commune_ids=[son_lam.pk]).__dict__ == _independent({son_lam.pk})


def test_figures_use_a_fixed_number_of_queries(
    year_2020, officer, son_binh, django_assert_max_num_queries
):
    for day in range(1, 30):
        make_tip(by=officer, commune=son_binh, received_at=local(2020, 6, day))
    with django_assert_max_num_queries(3):
        period_figures(**Y2020)
    with django_assert_max_num_queries(4):
        figures_by_commune(**Y2020)


H1_2020 = (dt.date(2020, 1, 1), dt.date(2020, 6, 30))
YEAR_2020 = (Y2020["start"], Y2020["end"])


def test_requests_read_together_equal_each_read_alone_in_one_scan(
    year_2020, django_assert_num_queries
):
    """The annual report and its campaigns share one scan: each request's answer is what it
    would get alone (its own overdue day, its own periods), in the queries of one request."""
    report = FigureRequest(frozenset({YEAR_2020}))
    campaign = FigureRequest(frozenset({H1_2020, YEAR_2020}), today=Y2020["today"])
    alone = [
        figures_by_periods(periods=report.periods),
        figures_by_periods(periods=campaign.periods, today=campaign.today),
    ]
    with django_assert_num_queries(4):  # groups, tips, cases, the communes
        together = figures_of_requests([report, campaign])
    assert together == alone
    # The same period under two overdue days: the report's as of 31/12, the campaign's as of its
    # own day — the tip received on 2 November is overdue by March 2021, not yet by 31/12/2020.
    by_end = summed(list(together[0][YEAR_2020].values())).overdue
    by_today = summed(list(together[1][YEAR_2020].values())).overdue
    assert by_today == _independent()["overdue"] and by_end < by_today


def test_a_request_for_some_fields_reads_those_and_leaves_the_rest_at_zero(year_2020):
    fields = frozenset({"received", "overdue", "cases_opened"})
    wanted = FigureRequest(frozenset({YEAR_2020}), today=Y2020["today"], fields=fields)
    [answer] = figures_of_requests([wanted])
    full = figures_by_periods(periods=[YEAR_2020], today=Y2020["today"])
    for commune_id, figures in answer[YEAR_2020].items():
        whole = full[YEAR_2020][commune_id]
        assert (figures.received, figures.overdue, figures.cases_opened) == (
            whole.received,
            whole.overdue,
            whole.cases_opened,
        )
        assert figures.settled == figures.suspects == figures.from_public == 0
        assert not any(figures.by_kind.values())
    assert summed(list(answer[YEAR_2020].values())).received == _independent()["received"]
