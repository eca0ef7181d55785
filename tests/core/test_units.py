import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from ban138.models import AdministrativeUnit, OfficialProfile, UnitKind
from ban138.roles import Role


def test_unit_tree_is_not_fixed_at_three_levels(district, son_binh):
    # Two-tier reform (2025): a commune moves straight under the province.
    province = district.parent
    son_binh.move_to(province)
    son_binh.refresh_from_db()
    assert son_binh.parent == province
    assert [u.name for u in son_binh.ancestors()] == ["Khánh Hòa"]


def test_moving_a_unit_keeps_its_children_and_history(son_binh, lien_hoa, district):
    son_binh.move_to(district.parent)
    lien_hoa.refresh_from_db()
    assert lien_hoa.parent == son_binh
    assert son_binh.history.count() >= 2


def test_a_unit_cannot_be_moved_under_its_own_descendant(son_binh, lien_hoa):
    with pytest.raises(ValidationError):
        son_binh.move_to(lien_hoa)


def test_village_names_are_stored_in_nfc(son_binh):
    import unicodedata

    unit = AdministrativeUnit(
        kind=UnitKind.VILLAGE, name=unicodedata.normalize("NFD", "Tà Gụ"), parent=son_binh
    )
    unit.full_clean()
    unit.save()
    assert unit.name == "Tà Gụ"


def test_commune_official_must_be_bound_to_a_commune_not_a_village(official_son_binh, lien_hoa):
    profile = OfficialProfile.objects.get(user=official_son_binh)
    profile.commune = lien_hoa
    with pytest.raises(ValidationError):
        profile.full_clean()


def test_admin_refuses_a_commune_official_without_a_commune(admin_client, official_son_binh):
    group = Group.objects.get(name=Role.COMMUNE_OFFICIAL)
    OfficialProfile.objects.filter(user=official_son_binh).delete()
    url = reverse("admin:auth_user_change", args=[official_son_binh.pk])
    data = {
        "username": official_son_binh.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "groups": [group.pk],
        "date_joined_0": "01/01/2024",
        "date_joined_1": "08:00:00",
        "official_profile-TOTAL_FORMS": "1",
        "official_profile-INITIAL_FORMS": "0",
        "official_profile-MIN_NUM_FORMS": "0",
        "official_profile-MAX_NUM_FORMS": "1",
        "official_profile-0-commune": "",
    }
    page = admin_client.post(url, data)
    assert page.status_code == 200
    assert "phải được gắn với đúng một xã" in page.content.decode()
