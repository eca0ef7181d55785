"""Issue 15.6: the admin never changes what the workflow owns, and has no history "revert"."""

import pytest
from django.urls import reverse

from tests.campaigns.factories import CampaignFactory
from tests.tips.factories import make_tip
from tips import services
from tips.models import Case, Tip

pytestmark = pytest.mark.django_db


def test_the_admin_cannot_revert_a_tip_to_an_earlier_state(
    client_for, admin_user, officer, leader, son_binh
):
    tip = make_tip(by=officer, commune=son_binh)
    first = tip.history.earliest()
    tip = services.tip_assign(tip=tip, by=leader, officer=officer)
    before = Tip.objects.values("state", "assigned_to", "version").get(pk=tip.pk)
    url = reverse("admin:tips_tip_simple_history", args=[tip.pk, first.history_id])
    page = client_for(admin_user).get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client_for(admin_user).post(url, {}).status_code == 403
    assert Tip.objects.values("state", "assigned_to", "version").get(pk=tip.pk) == before


def test_a_case_edited_in_the_admin_moves_its_version_and_keeps_its_tip(
    client_for, admin_user, officer, son_binh
):
    tip = make_tip(by=officer, commune=son_binh)
    other = make_tip(by=officer, commune=son_binh, summary="Một nguồn tin khác hẳn về nội dung")
    case = Case.objects.create(
        tip=tip, number="1/QĐ", crime_group=tip.crime_group, opened_on="2021-01-01"
    )
    client_for(admin_user).post(
        reverse("admin:tips_case_change", args=[case.pk]),
        {
            "tip": other.pk,
            "number": "2/QĐ",
            "crime_group": tip.crime_group_id,
            "opened_on": "2021-01-01",
            "suspects": "1",
            "arrested": "1",
            "solved_on": "",
        },
    )
    case.refresh_from_db()
    assert case.number == "2/QĐ" and case.tip_id == tip.pk
    # A form opened in the application before the admin's change now meets the conflict page.
    assert case.version == 2


def test_the_admin_cannot_approve_a_campaign_or_change_an_approved_plan(
    client_for, admin_user, secretariat, son_lam
):
    from campaigns.models import Campaign, State

    draft = CampaignFactory(created_by=secretariat, communes=[son_lam])
    approved = CampaignFactory(created_by=secretariat, communes=[son_lam], state=State.APPROVED)
    client = client_for(admin_user)
    for campaign in (draft, approved):
        client.post(
            reverse("admin:campaigns_campaign_change", args=[campaign.pk]),
            {
                "number": "99/KH",
                "plan_date": "2021-01-01",
                "title": "Đổi trong trang quản trị",
                "start": "2021-01-02",
                "end": "2021-01-03",
                "lead_agency": "Công an huyện",
                "communes": [son_lam.pk],
                "state": State.CLOSED,
                "targets-TOTAL_FORMS": "0",
                "targets-INITIAL_FORMS": "0",
                "tasks-TOTAL_FORMS": "0",
                "tasks-INITIAL_FORMS": "0",
                "transitions-TOTAL_FORMS": "0",
                "transitions-INITIAL_FORMS": "0",
            },
        )
    draft.refresh_from_db()
    approved_now = Campaign.objects.get(pk=approved.pk)
    assert draft.title == "Đổi trong trang quản trị" and draft.state == State.DRAFT
    assert approved_now.state == State.APPROVED and approved_now.title == approved.title
