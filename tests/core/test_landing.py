import pytest
from django.urls import reverse

from ban138.roles import Role

LANDINGS = [
    ("officer", Role.OFFICER),
    ("leader", Role.POLICE_LEADER),
    ("official_son_binh", Role.COMMUNE_OFFICIAL),
    ("secretariat", Role.SECRETARIAT),
    ("chairman", Role.CHAIRMAN),
]


@pytest.mark.parametrize(("persona", "role"), LANDINGS)
def test_each_role_lands_on_its_own_page(client_for, personas, persona, role):
    client = client_for(personas[persona])
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("landing", kwargs={"role": role.value})
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f"Bàn làm việc — {role.label}" in page.content.decode()


@pytest.mark.parametrize(("persona", "role"), LANDINGS)
def test_a_role_cannot_open_another_roles_landing_page(client_for, personas, persona, role):
    client = client_for(personas[persona])
    for other in Role:
        if other != role:
            assert client.get(reverse("landing", kwargs={"role": other.value})).status_code == 403


def test_navigation_shows_the_admin_link_only_to_staff(client_for, officer, outsider):
    page = client_for(officer).get(reverse("landing", kwargs={"role": Role.OFFICER.value}))
    assert reverse("admin:index") not in page.content.decode()
    outsider.is_staff = True
    outsider.save()
    page = client_for(outsider).get(reverse("home"))
    assert reverse("admin:index") in page.content.decode()


@pytest.fixture
def menu_registry(monkeypatch):
    """A scratch copy of the menu registry, so items added by a test do not leak into others."""
    from ban138 import navigation

    monkeypatch.setattr(navigation, "_menu", list(navigation._menu))


def test_navigation_lists_only_items_registered_for_the_users_roles(
    client_for, officer, menu_registry
):
    from ban138.navigation import MenuItem, menu_for, register_menu

    register_menu(MenuItem("Chỉ dành cho Trưởng ban", "unit_list", frozenset({Role.CHAIRMAN})))
    labels = [item.label for item in menu_for(officer)]
    assert "Chỉ dành cho Trưởng ban" not in labels
    page = client_for(officer).get(reverse("landing", kwargs={"role": Role.OFFICER.value}))
    assert "Chỉ dành cho Trưởng ban" not in page.content.decode()


def test_commune_official_sees_their_commune_on_the_landing_page(client_for, official_son_binh):
    page = client_for(official_son_binh).get(
        reverse("landing", kwargs={"role": Role.COMMUNE_OFFICIAL.value})
    )
    assert "Xã Sơn Bình" in page.content.decode()


def test_a_user_without_a_role_is_told_so(client_for, outsider):
    page = client_for(outsider).get(reverse("home"))
    assert page.status_code == 403
    assert "chưa được phân vai trò" in page.content.decode()


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_menu_badge_shows_its_count(client_for, officer, menu_registry):
    from ban138.navigation import MenuItem, register_menu

    register_menu(
        MenuItem("Việc quá hạn", "unit_list", frozenset({Role.OFFICER}), badge=lambda request: 7)
    )
    page = client_for(officer).get(reverse("landing", kwargs={"role": Role.OFFICER.value}))
    assert "Việc quá hạn" in page.content.decode()
    assert ">7</span>" in page.content.decode()
