"""The contract the annual report reads (campaigns/queries.py)."""

import datetime as dt

from campaigns import services
from campaigns.models import CommuneResult, State, TargetKind
from campaigns.queries import (
    OutreachFigures,
    campaign_summaries,
    outreach_by_commune,
    outreach_figures,
    plans_issued,
    raid_arrests,
)
from campaigns.results import results_of
from tests.campaigns.factories import CampaignFactory, OutreachFactory, TargetFactory


def test_summaries_list_approved_or_later_plans_of_the_year_with_targets(
    approved, draft, secretariat, son_binh, son_lam, commune
):
    TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, value=10)
    CommuneResult.objects.create(campaign=approved, commune=son_binh, raid_arrests=11)
    CampaignFactory(created_by=secretariat, state=State.DRAFT, communes=[son_binh])
    CampaignFactory(
        created_by=secretariat,
        state=State.CLOSED,
        plan_date=dt.date(2020, 1, 6),
        start=dt.date(2020, 1, 10),
        end=dt.date(2020, 2, 15),
        communes=[son_binh],
    )
    [summary] = campaign_summaries(year=2021)
    assert summary.pk == approved.pk and summary.title == approved.title
    arrests = next(t for t in summary.targets if t.unit == "đối tượng")
    assert (arrests.target, arrests.result, arrests.percent) == (10, 11, 110)
    assert campaign_summaries(year=2021, commune_ids=[commune("Thành Sơn").pk]) == []
    assert len(campaign_summaries(year=2021, commune_ids=[son_lam.pk])) == 1


def test_summaries_take_a_bounded_number_of_queries(
    approved, secretariat, son_binh, commune, django_assert_max_num_queries
):
    for name in ["Sơn Hiệp", "Sơn Trung", "Thành Sơn"]:
        approved.communes.add(commune(name))
        TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, commune=commune(name), value=2)
    with django_assert_max_num_queries(14):
        campaign_summaries(year=2021)


def test_plans_issued_are_counted_by_the_plans_date_not_the_day_of_approval(
    chairman, draft, monkeypatch
):
    from django.utils import timezone

    # Dated 28/12/2020 but approved on 5 January 2021: a plan of 2020, numbered in 2020.
    draft.plan_date = dt.date(2020, 12, 28)
    draft.save()
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2021, 1, 5, 2, tzinfo=dt.UTC))
    services.campaign_approve(campaign=draft, by=chairman)
    assert plans_issued(year=2020) == 1
    assert plans_issued(year=2021) == 0


def test_a_draft_plan_is_not_counted_as_issued(draft):
    assert plans_issued(year=draft.plan_date.year) == 0


def test_raid_arrests_are_the_hand_figures_of_the_years_campaigns(approved, son_binh, son_lam):
    CommuneResult.objects.create(campaign=approved, commune=son_binh, raid_arrests=4)
    CommuneResult.objects.create(campaign=approved, commune=son_lam, raid_arrests=3)
    assert raid_arrests(year=2021) == 7
    assert raid_arrests(year=2021, commune_ids=[son_lam.pk]) == 3
    assert raid_arrests(year=2020) == 0


def test_outreach_counts_sessions_inside_and_outside_campaigns(approved, son_binh, son_lam):
    OutreachFactory(campaign=approved, commune=son_binh, attendees=120)
    OutreachFactory(campaign=None, commune=son_binh, held_on=dt.date(2021, 8, 19), attendees=200)
    OutreachFactory(campaign=None, commune=son_lam, held_on=dt.date(2021, 9, 1), attendees=30)
    OutreachFactory(campaign=None, commune=son_lam, held_on=dt.date(2020, 9, 1), attendees=99)
    assert outreach_figures(year=2021) == OutreachFigures(sessions=3, attendees=350)
    assert outreach_figures(year=2021, commune_ids=[son_lam.pk]) == OutreachFigures(1, 30)
    assert outreach_by_commune(year=2021) == {
        son_binh.pk: OutreachFigures(2, 320),
        son_lam.pk: OutreachFigures(1, 30),
    }


def test_a_communes_summary_holds_its_own_results_against_its_own_share(
    approved, son_binh, son_lam
):
    """Issue 16: a commune's report prints only that commune's figures — its raid arrests
    against the share of the target the plan gave it, not the whole campaign's."""
    TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, commune=son_binh, value=6)
    TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, commune=son_lam, value=4)
    # and the plan's solved rate of 70 % (the draft fixture), for the whole campaign
    CommuneResult.objects.create(campaign=approved, commune=son_binh, raid_arrests=5)
    CommuneResult.objects.create(campaign=approved, commune=son_lam, raid_arrests=3)

    def arrests(summary):
        line = next(t for t in summary.targets if t.unit == "đối tượng")
        return line.target, line.result

    [whole] = campaign_summaries(year=2021)
    assert arrests(whole) == (10, 8)
    [own] = campaign_summaries(year=2021, commune_ids=[son_lam.pk])
    assert arrests(own) == (4, 3)
    assert any(t.target == 70 for t in own.targets)  # a rate applies to every commune alike
    [both] = campaign_summaries(year=2021, commune_ids=[son_binh.pk, son_lam.pk])
    assert arrests(both) == (10, 8)


def test_a_target_set_only_for_the_whole_campaign_is_not_printed_for_one_commune(
    approved, son_binh, son_lam
):
    TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, value=10)
    CommuneResult.objects.create(campaign=approved, commune=son_binh, raid_arrests=7)
    [own] = campaign_summaries(year=2021, commune_ids=[son_lam.pk])
    assert not [t for t in own.targets if t.unit == "đối tượng"]


def test_an_all_communes_plan_holds_the_communes_of_its_own_period(
    secretariat, district, son_binh
):
    """The 2025 reform: a 2021 plan "for every commune" must not list a commune formed in
    2025, nor leave out one dissolved after it ended; one spanning the change holds both."""
    from ban138.models import AdministrativeUnit, UnitKind

    province = district.parent
    formed = AdministrativeUnit.objects.create(
        kind=UnitKind.COMMUNE, name="Tây Khánh Sơn", parent=province,
        established_on=dt.date(2025, 7, 1),
    )
    son_binh.dissolved_on = dt.date(2025, 7, 1)
    son_binh.save()
    old = CampaignFactory(created_by=secretariat, state=State.APPROVED, all_communes=True)
    spanning = CampaignFactory(
        created_by=secretariat, state=State.APPROVED, all_communes=True,
        plan_date=dt.date(2025, 6, 1), start=dt.date(2025, 6, 10), end=dt.date(2025, 7, 20),
    )
    assert son_binh.pk in old.participating_commune_ids()
    assert formed.pk not in old.participating_commune_ids()
    assert {son_binh.pk, formed.pk} <= set(spanning.participating_commune_ids())
    [summary] = campaign_summaries(year=old.plan_date.year)
    names = {line.commune.name for line in results_of([old])[old.pk].communes}
    assert "Sơn Bình" in names and "Tây Khánh Sơn" not in names
    assert summary.pk == old.pk
