"""Point 18: a tip received 2020-12-31 23:30 local time (16:30 UTC) belongs to 2020; one received
2021-01-01 00:10 local (17:10 UTC on 31/12) belongs to 2021 — in the register year, the list's date
filter, a campaign's results and the annual report."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import State
from campaigns.results import campaign_results
from reports.compile import compile_report
from tests.campaigns.factories import CampaignFactory
from tests.campaigns.factories import make_tip as make_past_tip
from tips.reference import ensure_crime_groups

pytestmark = pytest.mark.django_db


def local(*args):
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def boundary_tips(officer, son_binh):
    ensure_crime_groups()
    late = make_past_tip(commune=son_binh, received_at=local(2020, 12, 31, 23, 30), by=officer)
    early = make_past_tip(commune=son_binh, received_at=local(2021, 1, 1, 0, 10), by=officer)
    return late, early


def test_the_instants_are_on_either_side_of_new_year_only_in_local_time(boundary_tips):
    late, early = boundary_tips
    assert late.received_at.astimezone(dt.UTC).date() == early.received_at.astimezone(dt.UTC).date()
    assert (
        timezone.localtime(late.received_at).year,
        timezone.localtime(early.received_at).year,
    ) == (
        2020,
        2021,
    )


def test_the_register_list_date_filter_splits_at_local_midnight(client_for, leader, boundary_tips):
    late, early = boundary_tips
    client = client_for(leader)
    in_2020 = client.get(
        reverse("tips:register"), {"date_from": "2020-01-01", "date_to": "2020-12-31"}
    )
    in_2021 = client.get(
        reverse("tips:register"), {"date_from": "2021-01-01", "date_to": "2021-12-31"}
    )
    assert [t.pk for t in in_2020.context["tips"]] == [late.pk]
    assert [t.pk for t in in_2021.context["tips"]] == [early.pk]


def test_campaign_results_count_the_tip_on_its_local_day(boundary_tips, son_binh):
    december = CampaignFactory(
        communes=[son_binh],
        state=State.APPROVED,
        start=dt.date(2020, 12, 20),
        end=dt.date(2020, 12, 31),
    )
    january = CampaignFactory(
        communes=[son_binh],
        state=State.APPROVED,
        start=dt.date(2021, 1, 1),
        end=dt.date(2021, 1, 10),
    )
    today = dt.date(2021, 2, 1)
    assert campaign_results(december, today).total.received == 1
    assert campaign_results(january, today).total.received == 1


def test_the_annual_report_counts_the_tip_in_its_local_year(boundary_tips, district):
    today = dt.date(2021, 6, 1)
    assert compile_report(year=2020, unit=district, today=today).tips_received.current == 1
    assert compile_report(year=2021, unit=district, today=today).tips_received.current == 1
