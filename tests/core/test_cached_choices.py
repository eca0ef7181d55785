"""Filter forms read communes and crime groups from the cache (ban138.forms.CachedModelChoiceField):
a new row shows at once, a narrowed list is never served to someone else, and a bad id is a form
error, never a 500."""

import pytest
from django.urls import reverse

from ban138.models import AdministrativeUnit, UnitKind


def _offered(response, field):
    return {label for value, label in response.context["form"].fields[field].choices if value}


def test_a_commune_added_is_offered_by_the_next_request(client_for, leader, district):
    client = client_for(leader)
    assert "Xã Sơn Mới" not in _offered(client.get(reverse("tips:register")), "commune")
    AdministrativeUnit.objects.create(kind=UnitKind.COMMUNE, name="Sơn Mới", parent=district)
    assert "Xã Sơn Mới" in _offered(client.get(reverse("tips:register")), "commune")


def test_a_list_narrowed_to_one_commune_is_cached_as_its_own(
    client_for, chairman, official_son_binh
):
    url = reverse("models_registry:list")
    everything = _offered(client_for(chairman).get(url), "commune")
    assert {"Xã Sơn Bình", "Xã Sơn Lâm"} <= everything
    assert _offered(client_for(official_son_binh).get(url), "commune") == {"Xã Sơn Bình"}


def test_a_commune_outside_the_scope_is_refused_by_the_filter(
    client_for, official_son_binh, son_lam
):
    response = client_for(official_son_binh).get(
        reverse("models_registry:list"), {"commune": son_lam.pk}
    )
    assert response.status_code == 200
    assert "commune" in response.context["form"].errors


@pytest.mark.parametrize("value", ["999999", "١٢", "1.0", "-1", "9" * 40, "<b>"])
def test_a_bad_id_is_a_vietnamese_form_error(client_for, leader, value):
    response = client_for(leader).get(reverse("tips:register"), {"commune": value})
    assert response.status_code == 200
    assert response.context["tips"] == []
    assert "Hãy chọn" in str(response.context["form"].errors["commune"])


def test_the_chosen_commune_filters_the_register(client_for, officer, leader, son_binh, son_lam):
    from tests.tips.factories import make_tip

    mine = make_tip(by=officer, commune=son_binh)
    make_tip(by=officer, commune=son_lam)
    response = client_for(leader).get(reverse("tips:register"), {"commune": son_binh.pk})
    assert [tip.pk for tip in response.context["tips"]] == [mine.pk]


def test_a_tip_written_keeps_the_filter_lists_but_not_the_page(
    client_for, officer, leader, son_binh
):
    """Writing a tip drops the cached register pages (their rows changed) but not the communes
    and crime groups, which only a write to those lists drops."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.tips.factories import make_tip

    client = client_for(leader)
    url, chosen = reverse("tips:register"), {"commune": son_binh.pk}  # validated: reads the list
    client.get(url, chosen)
    tip = make_tip(by=officer, commune=son_binh)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, chosen)
    assert tip in response.context["tips"]
    tables = " ".join(q["sql"] for q in captured.captured_queries)
    # The page's own query joins both tables; only a list query would read FROM them.
    assert 'FROM "tips_crimegroup"' not in tables
    assert 'FROM "ban138_administrativeunit"' not in tables
