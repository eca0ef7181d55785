"""The request's user arrives with its roles and bound commune in one query (ban138/auth.py), and
nothing about permissions outlives the request: a role taken away, an account switched off or a
commune re-bound applies on the very next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ban138.access import scope_of
from ban138.auth import AccessLoadingBackend
from ban138.models import OfficialProfile
from ban138.roles import Role, group_for, roles_of
from ban138.succession import SuccessionGraph


def test_roles_and_commune_come_with_the_user_in_one_query(official_son_binh, son_binh):
    # The unit succession graph behind a commune's scope is shared and cached until a unit or a
    # succession changes (ban138/succession.py); warm it as any earlier request would have.
    SuccessionGraph.cached()
    with CaptureQueriesContext(connection) as captured:
        user = AccessLoadingBackend().get_user(official_son_binh.pk)
        roles, scope = roles_of(user), scope_of(user)
    assert len(captured.captured_queries) == 1
    assert roles == {Role.COMMUNE_OFFICIAL}
    assert scope.commune_ids == {son_binh.pk} and not scope.everything


def test_a_user_without_a_profile_is_scoped_to_nothing(leader):
    user = AccessLoadingBackend().get_user(leader.pk)
    assert roles_of(user) == {Role.POLICE_LEADER}
    assert user._bound_commune_id is None


def test_a_role_taken_away_applies_on_the_next_request(client_for, leader):
    client = client_for(leader)
    assert client.get(reverse("tips:register")).status_code == 200
    leader.groups.remove(group_for(Role.POLICE_LEADER))
    assert client.get(reverse("tips:register")).status_code == 403


def test_a_switched_off_account_is_logged_out_on_the_next_request(client_for, leader):
    client = client_for(leader)
    assert client.get(reverse("tips:register")).status_code == 200
    leader.is_active = False
    leader.save()
    response = client.get(reverse("tips:register"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_commune_rebound_applies_on_the_next_request(client_for, official_son_binh, son_lam):
    client = client_for(official_son_binh)
    assert client.get(reverse("unit_detail", args=[son_lam.pk])).status_code == 404
    OfficialProfile.objects.filter(user=official_son_binh).update(commune=son_lam)
    assert client.get(reverse("unit_detail", args=[son_lam.pk])).status_code == 200
