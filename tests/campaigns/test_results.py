"""Computed results must equal an independent count over tips for the same period and communes,
counted by the local date in Asia/Ho_Chi_Minh (a tip at 00:10 on 1 March local time is in March,
although it is still 28 February in UTC)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from campaigns.models import CommuneResult, TargetKind
from campaigns.results import campaign_results, percent_reached
from tests.campaigns.factories import OutreachFactory, TargetFactory, make_case, make_tip
from tips.models import SETTLED_STATES, Tip, TipState

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args):
    return dt.datetime(*args, tzinfo=HCM)


@pytest.fixture
def tips_around_the_period(approved, son_binh, son_lam, commune, officer):
    """Tips on both edges of 10/01/2021–28/02/2021, inside and outside the campaign's communes."""
    make_tip(commune=son_binh, received_at=local(2021, 1, 10, 0, 30), by=officer)
    make_tip(commune=son_binh, received_at=local(2021, 1, 9, 23, 30), by=officer)
    make_tip(commune=son_lam, received_at=local(2021, 2, 28, 23, 59), by=officer)
    # 1 March 00:10 local is 28 February 17:10 UTC: outside the period by the local date.
    make_tip(commune=son_lam, received_at=local(2021, 3, 1, 0, 10), by=officer)
    make_tip(commune=commune("Thành Sơn"), received_at=local(2021, 1, 20, 9), by=officer)
    settled = make_tip(
        commune=son_binh,
        received_at=local(2021, 1, 15, 8),
        by=officer,
        state=TipState.PROSECUTED,
        decided_on=dt.date(2021, 1, 25),
    )
    make_case(
        tip=settled, opened_on=dt.date(2021, 1, 25), arrested=2, solved_on=dt.date(2021, 2, 3)
    )
    other = make_tip(
        commune=son_lam,
        received_at=local(2021, 1, 18, 8),
        by=officer,
        state=TipState.PROSECUTED,
        decided_on=dt.date(2021, 1, 30),
    )
    make_case(tip=other, opened_on=dt.date(2021, 1, 30), arrested=1)
    return approved


def independent_count(campaign, commune_ids):
    """Count straight from the rows, in Python, by the local date of receipt."""
    tips = [
        t
        for t in Tip.objects.all()
        if t.commune_id in commune_ids
        and t.state != TipState.MERGED
        and campaign.start <= t.received_at.astimezone(HCM).date() <= campaign.end
    ]
    cases = [t.case for t in Tip.objects.filter(case__isnull=False) if t.commune_id in commune_ids]
    opened = [c for c in cases if campaign.start <= c.opened_on <= campaign.end]
    return {
        "received": len(tips),
        "settled": sum(t.state in SETTLED_STATES for t in tips),
        "cases_opened": len(opened),
        "cases_solved": sum(
            c.solved_on is not None and campaign.start <= c.solved_on <= campaign.end for c in cases
        ),
        "arrested": sum(c.arrested for c in opened),
    }


def test_computed_results_equal_an_independent_count_in_total_and_per_commune(
    tips_around_the_period, son_binh, son_lam, in_period
):
    campaign = tips_around_the_period
    results = campaign_results(campaign, in_period)
    everywhere = {son_binh.pk, son_lam.pk}
    expected = independent_count(campaign, everywhere)
    got = {name: getattr(results.total, name) for name in expected}
    assert got == expected
    assert expected["received"] == 4  # both boundary days in, both outside neighbours out
    for line in results.communes:
        one = independent_count(campaign, {line.commune.pk})
        assert {name: getattr(line.figures, name) for name in one} == one


def test_a_tip_just_after_midnight_on_the_day_after_the_end_is_not_counted(
    approved, son_lam, officer, in_period
):
    make_tip(commune=son_lam, received_at=local(2021, 3, 1, 0, 10), by=officer)
    assert campaign_results(approved, in_period).total.received == 0
    make_tip(commune=son_lam, received_at=local(2021, 2, 28, 23, 59), by=officer)
    assert campaign_results(approved, in_period).total.received == 1


def test_each_target_shows_its_result_and_the_percentage_reached(
    tips_around_the_period, son_binh, in_period
):
    campaign = tips_around_the_period
    TargetFactory(campaign=campaign, kind=TargetKind.ARRESTS, value=5)
    TargetFactory(campaign=campaign, kind=TargetKind.OUTREACH_SESSIONS, value=4)
    CommuneResult.objects.create(campaign=campaign, commune=son_binh, raid_arrests=3)
    OutreachFactory(campaign=campaign, commune=son_binh, held_on=dt.date(2021, 1, 20))
    lines = {line.kind: line for line in campaign_results(campaign, in_period).targets}
    # 2 cases opened, 1 solved: 50 % against a 70 % target.
    assert lines[TargetKind.SOLVED_RATE].result == Decimal("50.0")
    assert lines[TargetKind.SOLVED_RATE].percent == Decimal("71.4")
    # 3 arrested in cases + 3 in raids = 6 of 5.
    assert (lines[TargetKind.ARRESTS].result, lines[TargetKind.ARRESTS].percent) == (6, 120)
    assert lines[TargetKind.OUTREACH_SESSIONS].percent == 25


def test_a_commune_is_measured_against_its_own_share(approved, son_binh, son_lam, in_period):
    TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, commune=son_binh, value=4)
    TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, commune=son_lam, value=2)
    CommuneResult.objects.create(campaign=approved, commune=son_binh, raid_arrests=5)
    results = campaign_results(approved, in_period)
    by_commune = {line.commune: line for line in results.communes}
    arrests = next(t for t in by_commune[son_binh].targets if t.kind == TargetKind.ARRESTS)
    assert (arrests.target, arrests.result, arrests.percent) == (4, 5, 125)
    total = next(t for t in results.targets if t.kind == TargetKind.ARRESTS)
    assert (total.target, total.result) == (6, 5)


def test_no_percentage_against_a_zero_target_or_a_missing_result():
    assert percent_reached(Decimal(0), Decimal(3)) is None
    assert percent_reached(Decimal(70), None) is None
    assert percent_reached(Decimal(50), Decimal(56)) == Decimal("112.0")


def test_the_campaign_page_prints_đạt_with_a_vietnamese_percentage(
    client_for, chairman, approved, son_binh, in_period
):
    from django.urls import reverse

    TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, value=8)
    CommuneResult.objects.create(campaign=approved, commune=son_binh, raid_arrests=9)
    page = client_for(chairman).get(reverse("campaigns:detail", args=[approved.pk]))
    assert "đạt 112,5 %" in page.content.decode()


def test_a_result_below_its_target_reads_chưa_đạt_in_words(
    client_for, chairman, approved, son_binh, in_period
):
    from django.urls import reverse

    TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, value=8)
    CommuneResult.objects.create(campaign=approved, commune=son_binh, raid_arrests=2)
    page = client_for(chairman).get(reverse("campaigns:report", args=[approved.pk]))
    html = page.content.decode().replace("\u00a0", " ")
    assert "chưa đạt (25 %)" in html
