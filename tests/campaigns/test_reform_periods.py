"""Issue 20: a plan's communes and its targets' communes are units that existed during the
plan's period — a plan of 2024 names the old units, one of late 2025 the new communes."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ban138.demo import seed_reform
from campaigns import services
from campaigns.models import Campaign, Target, TargetKind
from tests.campaigns.factories import CampaignFactory

OUTSIDE_2024 = (
    "Xã Khánh Sơn được thành lập từ ngày 01/07/2025, không tồn tại trong thời gian của kế "
    "hoạch (từ ngày 10/01/2024 đến ngày 28/02/2024)."
)


@pytest.fixture
def new(district):
    return seed_reform(district)


def _plan(communes, **overrides):
    return {
        "number": "05/KH-BCĐ138",
        "plan_date": "2024-01-05",
        "title": "Đợt cao điểm tấn công trấn áp tội phạm dịp Tết Nguyên đán Giáp Thìn 2024",
        "start": "2024-01-10",
        "end": "2024-02-28",
        "lead_agency": "Công an huyện",
        "communes": [c.pk for c in communes],
        "submission_token": str(uuid.uuid4()),
        **overrides,
    }


def test_a_plan_of_2024_naming_a_commune_formed_in_2025_is_refused_by_the_form(
    new, client_for, secretariat, son_binh
):
    client = client_for(secretariat)
    page = client.post(reverse("campaigns:create"), _plan([new["Khánh Sơn"], son_binh]))
    assert page.status_code == 200 and not Campaign.objects.exists()
    assert page.context["form"].errors["communes"] == [OUTSIDE_2024]
    # The old units of the plan's period are offered (a late entry of a 2024 plan).
    offered = set(page.context["form"].fields["communes"].queryset)
    assert son_binh in offered
    # A plan across 1/7/2025 may name the old unit and the new.
    across = _plan([new["Khánh Sơn"], son_binh], start="2025-06-01", end="2025-07-31")
    assert client.post(reverse("campaigns:create"), across).status_code == 302


def test_the_service_refuses_a_commune_dissolved_before_the_plan(new, secretariat, son_binh):
    campaign = Campaign(
        number="01/KH-BCĐ138",
        plan_date=dt.date(2025, 8, 1),
        title="Đợt cao điểm tháng 8/2025",
        start=dt.date(2025, 8, 5),
        end=dt.date(2025, 9, 5),
        lead_agency="Công an xã",
    )
    with pytest.raises(ValidationError) as caught:
        services.campaign_create(campaign=campaign, communes=[son_binh], by=secretariat)
    assert caught.value.message_dict["communes"] == [
        "Xã Sơn Bình đã chấm dứt từ ngày 01/07/2025 (nay thuộc Xã Khánh Sơn), không tồn tại "
        "trong thời gian của kế hoạch (từ ngày 05/08/2025 đến ngày 05/09/2025)."
    ]
    assert not Campaign.objects.exists()


def test_a_target_for_a_commune_outside_the_plans_period_is_refused_by_the_model(new):
    campaign = CampaignFactory(
        plan_date=dt.date(2024, 1, 5), start=dt.date(2024, 1, 10), end=dt.date(2024, 2, 28)
    )
    target = Target(
        campaign=campaign, kind=TargetKind.ARRESTS, commune=new["Khánh Sơn"], value=Decimal(3)
    )
    with pytest.raises(ValidationError) as caught:
        target.full_clean()
    assert caught.value.message_dict["commune"] == [OUTSIDE_2024]


def test_new_dates_that_leave_a_target_commune_outside_the_plan_are_refused(
    new, secretariat, son_binh
):
    campaign = CampaignFactory(
        plan_date=dt.date(2025, 5, 5),
        start=dt.date(2025, 5, 10),
        end=dt.date(2025, 6, 28),
        communes=[son_binh],
    )
    services.target_set(campaign=campaign, kind=TargetKind.ARRESTS, value=3, commune=son_binh)
    campaign.start, campaign.end = dt.date(2025, 8, 1), dt.date(2025, 8, 31)
    with pytest.raises(ValidationError) as caught:
        services.campaign_update(
            campaign=campaign, communes=[new["Khánh Sơn"]], expected_version=campaign.version
        )
    assert "Xã Sơn Bình đã chấm dứt từ ngày 01/07/2025" in " ".join(caught.value.messages)
