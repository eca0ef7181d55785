"""URL × role matrix: anonymous → login, wrong role → 403, outside the user's communes → 404."""

import pytest
from django.urls import reverse

from campaigns.models import State
from tests.campaigns.factories import CampaignFactory

PAGES = ["campaigns:detail", "campaigns:report"]


@pytest.mark.parametrize("name", [*PAGES, "campaigns:edit", "campaigns:close"])
def test_anonymous_users_are_sent_to_the_login_page(client, approved, name):
    response = client.get(reverse(name, args=[approved.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGES)
def test_a_user_without_a_role_gets_403(client_for, outsider, approved, name):
    assert client_for(outsider).get(reverse(name, args=[approved.pk])).status_code == 403
    assert client_for(outsider).get(reverse("campaigns:list")).status_code == 403


@pytest.mark.parametrize("persona", ["officer", "leader", "secretariat", "chairman"])
def test_district_roles_read_every_campaign(client_for, personas, persona, draft):
    assert (
        client_for(personas[persona]).get(reverse("campaigns:detail", args=[draft.pk])).status_code
        == 200
    )


def test_a_commune_official_sees_campaigns_that_include_their_commune(
    client_for, official_son_binh, secretariat, approved, commune, in_period
):
    elsewhere = CampaignFactory(
        created_by=secretariat,
        state=State.APPROVED,
        communes=[commune("Thành Sơn")],
        title="Đợt cao điểm ở Thành Sơn",
    )
    client = client_for(official_son_binh)
    listing = client.get(reverse("campaigns:list"), {"year": 2021}).content.decode()
    assert approved.title in listing and elsewhere.title not in listing
    assert client.get(reverse("campaigns:detail", args=[approved.pk])).status_code == 200
    assert client.get(reverse("campaigns:detail", args=[elsewhere.pk])).status_code == 404


def test_a_district_wide_campaign_includes_every_commune(client_for, official_son_binh, approved):
    approved.communes.clear()
    approved.all_communes = True
    approved.save()
    page = client_for(official_son_binh).get(reverse("campaigns:detail", args=[approved.pk]))
    assert page.status_code == 200


def test_drafts_are_not_shown_to_commune_officials(client_for, official_son_binh, draft):
    client = client_for(official_son_binh)
    assert client.get(reverse("campaigns:detail", args=[draft.pk])).status_code == 404
    assert draft.title not in client.get(reverse("campaigns:list")).content.decode()


@pytest.mark.parametrize("persona", ["officer", "leader", "chairman", "official_son_binh"])
def test_only_the_secretariat_drafts_and_edits_plans(client_for, personas, persona, draft):
    client = client_for(personas[persona])
    assert client.get(reverse("campaigns:create")).status_code == 403
    expected = 404 if persona == "official_son_binh" else 403
    assert client.get(reverse("campaigns:edit", args=[draft.pk])).status_code == expected
