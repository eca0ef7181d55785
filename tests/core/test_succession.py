"""Succession of units (issue 20): which old units became which new one, records untouched."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ban138.access import scope_of
from ban138.demo import REFORM_DATE, seed_reform
from ban138.models import AdministrativeUnit, UnitKind, UnitSuccession
from ban138.succession import Part, area_of, record_succession, successor_map

BEFORE = dt.date(2025, 6, 30)


@pytest.fixture
def new(district):
    return seed_reform(district)


def names(units):
    return sorted(u.name for u in units)


def test_khanh_son_eight_units_become_three_communes_on_1_july_2025(new, district):
    tay = new["Tây Khánh Sơn"]
    assert names(AdministrativeUnit.objects.with_predecessors(tay, on=REFORM_DATE)) == [
        "Sơn Lâm",
        "Thành Sơn",
        "Tây Khánh Sơn",
    ]
    formed = {
        name: names(AdministrativeUnit.objects.with_predecessors(u, on=REFORM_DATE))
        for name, u in new.items()
    }
    old = {n for group in formed.values() for n in group} - set(new)
    assert len(old) == 8 and "Tô Hạp" in old
    assert UnitSuccession.objects.filter(resolution="1667/NQ-UBTVQH15").count() == 8


def test_before_the_effective_date_a_new_commune_has_no_predecessors(new):
    tay = new["Tây Khánh Sơn"]
    assert names(AdministrativeUnit.objects.with_predecessors(tay, on=BEFORE)) == ["Tây Khánh Sơn"]


def test_a_predecessor_is_grouped_under_its_successor_only_from_the_change(new, son_lam, district):
    communes = AdministrativeUnit.objects.filter(parent=district)
    after = successor_map(communes, on=REFORM_DATE)
    assert after[son_lam.pk] == new["Tây Khánh Sơn"].pk
    assert successor_map([son_lam], on=BEFORE) == {son_lam.pk: son_lam.pk}
    assert (
        AdministrativeUnit.objects.successor_of(son_lam, on=dt.date(2026, 1, 1))
        == new["Tây Khánh Sơn"]
    )


def test_successor_map_costs_two_queries_whatever_the_number_of_units(
    new, district, django_assert_num_queries
):
    units = list(AdministrativeUnit.objects.all())
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(2):
        successor_map(units, on=REFORM_DATE)


def test_records_stay_filed_under_the_old_unit_and_lists_of_the_new_commune_include_them(
    new, son_lam, officer
):
    from tests.tips.factories import local, make_tip
    from tips.models import Tip

    old = make_tip(by=officer, commune=son_lam, received_at=local(2024, 5, 3))
    elsewhere = make_tip(
        by=officer,
        commune=AdministrativeUnit.objects.get(name="Sơn Bình"),
        received_at=local(2024, 5, 4),  # Sơn Bình existed until 30/6/2025 (ban138/filing.py)
    )
    area = area_of(new["Tây Khánh Sơn"], on=dt.date(2026, 1, 1))
    listed = set(Tip.objects.filter(area.q()).values_list("pk", flat=True))
    assert old.pk in listed and elsewhere.pk not in listed
    old.refresh_from_db()
    assert old.commune_id == son_lam.pk


def test_a_partial_predecessor_counts_only_through_the_villages_that_passed(
    district, son_binh, lien_hoa, officer
):
    from tests.tips.factories import local, make_tip
    from tips.models import Tip

    other = AdministrativeUnit.objects.create(kind=UnitKind.VILLAGE, name="Tà Gụ", parent=son_binh)
    new = AdministrativeUnit.objects.create(
        kind=UnitKind.COMMUNE, name="Xã Mới", parent=district.parent, established_on=REFORM_DATE
    )
    record_succession(
        successor=new,
        effective_date=REFORM_DATE,
        resolution="1667/NQ-UBTVQH15",
        parts=[Part(son_binh, villages=(lien_hoa,))],
    )
    moved = make_tip(by=officer, commune=son_binh, village=lien_hoa, received_at=local(2024, 3, 1))
    stayed = make_tip(by=officer, commune=son_binh, village=other, received_at=local(2024, 3, 2))
    listed = set(Tip.objects.filter(area_of(new).q()).values_list("pk", flat=True))
    assert listed == {moved.pk} and stayed.pk not in listed
    assert AdministrativeUnit.objects.successor_of(son_binh, village=lien_hoa) == new
    assert AdministrativeUnit.objects.successor_of(son_binh, village=other) == son_binh
    son_binh.refresh_from_db()
    assert son_binh.dissolved_on is None  # only part of it went


def test_a_village_moved_away_leaves_the_area_of_its_communes_whole_successor(
    new, son_binh, lien_hoa, officer
):
    """Sơn Bình passes wholly to Khánh Sơn but its Liên Hòa to Tây Khánh Sơn (invented): each
    record lies in exactly one new commune's area, never in both."""
    from tests.tips.factories import local, make_tip
    from tips.models import Tip

    record_succession(
        successor=new["Tây Khánh Sơn"],
        effective_date=REFORM_DATE,
        resolution="1667/NQ-UBTVQH15",
        parts=[Part(son_binh, villages=(lien_hoa,))],
    )
    moved = make_tip(by=officer, commune=son_binh, village=lien_hoa, received_at=local(2024, 3, 1))
    stayed = make_tip(by=officer, commune=son_binh, received_at=local(2024, 3, 2))  # no village
    day = dt.date(2026, 1, 1)

    def listed(name):
        return set(Tip.objects.filter(area_of(new[name], on=day).q()).values_list("pk", flat=True))

    assert listed("Khánh Sơn") == {stayed.pk}
    assert listed("Tây Khánh Sơn") == {moved.pk}
    assert area_of(new["Khánh Sơn"], on=day).away_ids == {lien_hoa.pk}
    # Before the change nothing had moved: Sơn Bình's area is whole.
    before = Tip.objects.filter(area_of(son_binh, on=BEFORE).q())
    assert set(before.values_list("pk", flat=True)) == {moved.pk, stayed.pk}


def test_a_whole_predecessor_is_dissolved_on_the_date_but_keeps_its_records(new, son_lam):
    son_lam.refresh_from_db()
    assert son_lam.dissolved_on == REFORM_DATE
    assert son_lam.exists_on(BEFORE) and not son_lam.exists_on(REFORM_DATE)
    assert son_lam not in AdministrativeUnit.objects.existing_on(REFORM_DATE)
    assert new["Khánh Sơn"] in AdministrativeUnit.objects.existing_on(REFORM_DATE)
    assert new["Khánh Sơn"] not in AdministrativeUnit.objects.existing_on(BEFORE)


def test_seeding_the_reform_twice_changes_nothing(new, district):
    count = UnitSuccession.objects.count()
    seed_reform(district)
    assert UnitSuccession.objects.count() == count == 8


def test_a_commune_official_of_the_new_commune_sees_the_predecessors_records(new, son_lam):
    from ban138.roles import Role
    from tests.factories import make_user

    official = make_user("canbo_taykhanhson", Role.COMMUNE_OFFICIAL, commune=new["Tây Khánh Sơn"])
    scope = scope_of(official)
    assert scope.covers(son_lam.pk) and scope.covers(new["Tây Khánh Sơn"].pk)
    assert not scope.covers(AdministrativeUnit.objects.get(name="Sơn Bình").pk)


# -- bad input, refused in Vietnamese ------------------------------------------------------------
def refused(**kwargs):
    with pytest.raises(ValidationError) as caught:
        record_succession(resolution="1667/NQ-UBTVQH15", **kwargs)
    return " ".join(str(m) for m in caught.value.messages)


def test_a_succession_making_a_cycle_is_refused(new, son_lam):
    # Tây Khánh Sơn was formed from Sơn Lâm; Sơn Lâm cannot now be formed from Tây Khánh Sơn.
    message = refused(
        successor=son_lam, effective_date=dt.date(2026, 1, 1), parts=[Part(new["Tây Khánh Sơn"])]
    )
    assert "vòng lặp" in message


def test_a_succession_closing_a_longer_cycle_is_refused(new, son_lam):
    # Sơn Lâm → Tây Khánh Sơn (2025) → an invented Xã Mới (2026): Xã Mới cannot become Sơn Lâm.
    later = AdministrativeUnit.objects.create(
        kind=UnitKind.COMMUNE,
        name="Mới",
        parent=new["Tây Khánh Sơn"].parent,
        established_on=dt.date(2026, 1, 1),
    )
    record_succession(
        successor=later,
        effective_date=dt.date(2026, 1, 1),
        resolution="01/NQ-UBTVQH15",
        parts=[Part(new["Tây Khánh Sơn"])],
    )
    message = refused(successor=son_lam, effective_date=dt.date(2026, 6, 1), parts=[Part(later)])
    assert "vòng lặp" in message and "Xã Mới" in message


def test_a_unit_cannot_succeed_itself(son_lam):
    assert "chính nó" in refused(
        successor=son_lam, effective_date=REFORM_DATE, parts=[Part(son_lam)]
    )


def test_a_date_before_the_predecessor_existed_is_refused(district, son_lam):
    son_lam.established_on = dt.date(2010, 1, 1)
    son_lam.save()
    new = AdministrativeUnit.objects.create(
        kind=UnitKind.COMMUNE, name="Xã Mới", parent=district.parent
    )
    message = refused(successor=new, effective_date=dt.date(2009, 12, 31), parts=[Part(son_lam)])
    assert "được thành lập" in message and "ngày 01 tháng 01 năm 2010" in message


def test_a_date_before_the_successor_was_established_is_refused(new, son_lam):
    message = refused(
        successor=new["Khánh Sơn"], effective_date=dt.date(2024, 1, 1), parts=[Part(son_lam)]
    )
    assert "được thành lập" in message


def test_a_predecessor_merged_wholly_twice_is_refused(new, son_lam):
    message = refused(successor=new["Khánh Sơn"], effective_date=REFORM_DATE, parts=[Part(son_lam)])
    assert "sáp nhập toàn bộ" in message


def test_units_of_different_levels_are_refused(district, son_lam):
    message = refused(successor=district.parent, effective_date=REFORM_DATE, parts=[Part(son_lam)])
    assert "cùng cấp" in message


def test_a_village_of_another_unit_is_refused(district, son_lam, lien_hoa):
    new = AdministrativeUnit.objects.create(
        kind=UnitKind.COMMUNE, name="Xã Mới", parent=district.parent
    )
    message = refused(
        successor=new, effective_date=REFORM_DATE, parts=[Part(son_lam, villages=(lien_hoa,))]
    )
    assert "Không thuộc Xã Sơn Lâm" in message and "Liên Hòa" in message


def test_a_village_cannot_pass_to_two_successors(district, son_binh, lien_hoa):
    first = AdministrativeUnit.objects.create(
        kind=UnitKind.COMMUNE, name="Xã Một", parent=district.parent
    )
    second = AdministrativeUnit.objects.create(
        kind=UnitKind.COMMUNE, name="Xã Hai", parent=district.parent
    )
    record_succession(
        successor=first,
        effective_date=REFORM_DATE,
        resolution="1667/NQ-UBTVQH15",
        parts=[Part(son_binh, villages=(lien_hoa,))],
    )
    message = refused(
        successor=second, effective_date=REFORM_DATE, parts=[Part(son_binh, villages=(lien_hoa,))]
    )
    assert "Đã chuyển sang đơn vị khác" in message


def test_nothing_is_saved_when_one_part_of_an_act_is_refused(district, son_lam, lien_hoa):
    new = AdministrativeUnit.objects.create(
        kind=UnitKind.COMMUNE, name="Xã Mới", parent=district.parent
    )
    refused(
        successor=new,
        effective_date=REFORM_DATE,
        parts=[Part(son_lam), Part(son_lam, villages=(lien_hoa,))],
    )
    assert not UnitSuccession.objects.exists()
    son_lam.refresh_from_db()
    assert son_lam.dissolved_on is None


def test_the_admin_refuses_a_wrong_village_with_a_vietnamese_message(
    admin_client, district, son_lam, lien_hoa
):
    from django.urls import reverse

    new = AdministrativeUnit.objects.create(
        kind=UnitKind.COMMUNE, name="Xã Mới", parent=district.parent
    )
    response = admin_client.post(
        reverse("admin:ban138_unitsuccession_add"),
        {
            "successor": new.pk,
            "predecessor": son_lam.pk,
            "effective_date": "01/07/2025",
            "resolution": "1667/NQ-UBTVQH15",
            "villages": [lien_hoa.pk],
        },
    )
    assert response.status_code == 200
    assert "Không thuộc Xã Sơn Lâm" in response.content.decode()
    assert not UnitSuccession.objects.exists()


def test_the_2025_figures_of_a_new_commune_compare_with_its_predecessors_2024(
    new, son_lam, officer
):
    """What the report's "so với cùng kỳ" needs: the successor's area as of the end of 2025 read
    through tips.queries, 2024 counting the tips filed under Sơn Lâm and Thành Sơn."""
    from tests.tips.factories import local, make_tip
    from tips.queries import totals_by_periods

    thanh_son = AdministrativeUnit.objects.get(name="Thành Sơn")
    make_tip(by=officer, commune=son_lam, received_at=local(2024, 4, 1))
    make_tip(by=officer, commune=thanh_son, received_at=local(2024, 9, 1))
    make_tip(
        by=officer,
        commune=AdministrativeUnit.objects.get(name="Sơn Bình"),
        received_at=local(2024, 9, 2),
    )
    make_tip(by=officer, commune=new["Tây Khánh Sơn"], received_at=local(2025, 8, 1))
    y2024, y2025 = (
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    )
    ids = area_of(new["Tây Khánh Sơn"], on=dt.date(2025, 12, 31)).unit_ids
    totals = totals_by_periods(periods=[y2024, y2025], commune_ids=ids, today=dt.date(2026, 1, 5))
    assert (totals[y2024].received, totals[y2025].received) == (2, 1)


def test_the_new_communes_official_opens_a_predecessors_record_but_not_another_communes(
    new, son_lam, son_binh, client_for
):
    from django.urls import reverse

    from ban138.roles import Role
    from tests.factories import make_user
    from tests.models_registry.factories import make_model

    official = make_user("canbo_taykhanhson", Role.COMMUNE_OFFICIAL, commune=new["Tây Khánh Sơn"])
    inherited, foreign = make_model(son_lam), make_model(son_binh)
    client = client_for(official)
    assert client.get(reverse("models_registry:detail", args=[inherited.pk])).status_code == 200
    assert client.get(reverse("models_registry:detail", args=[foreign.pk])).status_code == 404
