import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from ban138.access import ALL, NOTHING, AccessPolicy, scope_of
from ban138.models import AdministrativeUnit, OfficialProfile
from ban138.roles import Role
from tests.factories import make_user


class VillagePolicy(AccessPolicy):
    """A stand-in for an app's policy: villages belong to the commune that is their parent."""

    view_roles = frozenset({Role.COMMUNE_OFFICIAL, Role.OFFICER, Role.CHAIRMAN})
    change_roles = frozenset({Role.COMMUNE_OFFICIAL, Role.OFFICER})
    commune_field = "parent"


policy = VillagePolicy()


@pytest.mark.parametrize("persona", ["officer", "leader", "secretariat", "chairman"])
def test_district_roles_cover_every_commune(personas, persona):
    assert scope_of(personas[persona]) == ALL


def test_commune_official_covers_only_their_commune(official_son_binh, son_binh, son_lam):
    scope = scope_of(official_son_binh)
    assert scope.covers(son_binh.pk)
    assert not scope.covers(son_lam.pk)


def test_commune_official_without_a_commune_covers_nothing(district):
    unbound = make_user("canbo_chua_gan", Role.COMMUNE_OFFICIAL)
    assert scope_of(unbound) == NOTHING


def test_outsider_and_inactive_users_cover_nothing(outsider, officer):
    assert scope_of(outsider) == NOTHING
    officer.is_active = False
    assert scope_of(officer) == NOTHING


def test_son_binh_official_is_refused_a_son_lam_object_with_404(official_son_binh, son_lam):
    village = AdministrativeUnit.objects.create(kind="thon", name="Thôn Thử", parent=son_lam)
    with pytest.raises(Http404):
        policy.get_for_view(official_son_binh, AdministrativeUnit.objects, pk=village.pk)
    with pytest.raises(Http404):
        policy.get_for_change(official_son_binh, AdministrativeUnit.objects, pk=village.pk)


def test_son_binh_official_may_see_and_change_their_own(official_son_binh, lien_hoa):
    assert (
        policy.get_for_change(official_son_binh, AdministrativeUnit.objects, pk=lien_hoa.pk)
        == lien_hoa
    )


def test_wrong_role_gets_403_before_scope_is_considered(secretariat, lien_hoa):
    with pytest.raises(PermissionDenied):
        policy.get_for_view(secretariat, AdministrativeUnit.objects, pk=lien_hoa.pk)


def test_reader_gets_403_on_change(chairman, lien_hoa):
    assert policy.get_for_view(chairman, AdministrativeUnit.objects, pk=lien_hoa.pk) == lien_hoa
    with pytest.raises(PermissionDenied):
        policy.get_for_change(chairman, AdministrativeUnit.objects, pk=lien_hoa.pk)


def test_visible_filters_lists_by_scope(official_son_binh, officer, outsider, lien_hoa, son_lam):
    AdministrativeUnit.objects.create(kind="thon", name="Thôn Khác", parent=son_lam)
    villages = AdministrativeUnit.objects.filter(kind="thon")
    assert list(policy.visible(official_son_binh, villages)) == [lien_hoa]
    assert policy.visible(officer, villages).count() == 2
    assert not policy.visible(outsider, villages).exists()


def test_rebinding_an_official_moves_their_scope(official_son_binh, son_binh, son_lam):
    OfficialProfile.objects.filter(user=official_son_binh).update(commune=son_lam)
    scope = scope_of(official_son_binh)
    assert scope.covers(son_lam.pk) and not scope.covers(son_binh.pk)


def test_commune_page_of_another_commune_is_404_for_an_official(
    client_for, official_son_binh, son_binh, son_lam
):
    client = client_for(official_son_binh)
    assert client.get(reverse("unit_detail", args=[son_binh.pk])).status_code == 200
    assert client.get(reverse("unit_detail", args=[son_lam.pk])).status_code == 404


def test_commune_list_shows_an_official_only_their_commune(client_for, official_son_binh):
    page = client_for(official_son_binh).get(reverse("unit_list")).content.decode()
    assert "Xã Sơn Bình" in page
    assert "Xã Sơn Lâm" not in page


def test_outsider_is_refused_the_commune_pages(client_for, outsider, son_binh):
    client = client_for(outsider)
    assert client.get(reverse("unit_list")).status_code == 403
    assert client.get(reverse("unit_detail", args=[son_binh.pk])).status_code == 403
