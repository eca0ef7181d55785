"""The figures the annual report reads: equal to an independent count, in a bounded number of
queries whatever the data size."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from models_registry.models import ModelType, OutstandingRecognition, SecurityModel, Status
from models_registry.queries import movement_by_commune, movement_figures, movement_with_communes
from tests.models_registry.factories import make_model, model_type

D = dt.date
COMMUNES = ["Sơn Bình", "Sơn Lâm", "Sơn Hiệp", "Thành Sơn"]


def build_district(commune, count: int, seed: int = 138):
    """``count`` models with random types, establishment dates and 1–4 checks each, and some
    outstanding recognitions: a fixed random draw, so a failure can be replayed."""
    rng = random.Random(seed)
    codes = list(ModelType.objects.values_list("code", flat=True))
    for n in range(count):
        established = D(2017, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 5))
        checks = sorted(
            (established + dt.timedelta(days=rng.randrange(0, 700)), rng.choice(Status.values))
            for _ in range(rng.randint(1, 4))
        )
        checks = [(min(day, D(2021, 12, 31)), status) for day, status in checks]
        model = make_model(
            commune(rng.choice(COMMUNES)),
            *checks,
            name=f"Mô hình {n}",
            model_type=model_type(rng.choice(codes)),
            established_on=established,
        )
        for year in (2019, 2020, 2021):
            if year >= established.year and rng.random() < 0.2:
                OutstandingRecognition.objects.create(model=model, year=year)


def independent_figures(year, commune_ids=None, as_of=None):
    """The same figures counted the slow, obvious way: walk every model's checks in Python."""
    start, end = D(year, 1, 1), D(year, 12, 31)
    as_of = as_of or end
    total, new, quiet = 0, 0, 0
    by_status = dict.fromkeys(Status.values, 0)
    by_type = dict.fromkeys(ModelType.objects.values_list("code", flat=True), 0)
    for model in SecurityModel.objects.all():
        if commune_ids is not None and model.commune_id not in commune_ids:
            continue
        checks = sorted(model.checks.all(), key=lambda c: (c.checked_on, c.pk))
        before = [c for c in checks if c.checked_on < start]
        upto_end = [c for c in checks if c.checked_on <= end] or checks[:1]
        upto_as_of = [c for c in checks if c.checked_on <= as_of]
        if model.established_on <= as_of and not (
            upto_as_of and upto_as_of[-1].status == Status.STOPPED
        ):
            last = upto_as_of[-1].checked_on if upto_as_of else model.established_on
            quiet += (as_of - last).days >= 90
        if model.established_on > end or (before and before[-1].status == Status.STOPPED):
            continue
        total += 1
        new += model.established_on.year == year
        by_status[upto_end[-1].status] += 1
        by_type[model.model_type.code] += 1
    return total, new, by_status, by_type, quiet


def outstanding_names(year, commune_ids=None):
    recognitions = OutstandingRecognition.objects.filter(year=year)
    if commune_ids is not None:
        recognitions = recognitions.filter(model__commune__in=commune_ids)
    return sorted(recognitions.values_list("model__name", flat=True))


@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_district_figures_equal_an_independent_count(commune, year):
    build_district(commune, 40)
    figures = movement_figures(year=year, as_of=D(year, 12, 31))
    total, new, by_status, by_type, quiet = independent_figures(year)
    assert (figures.total, figures.new_in_year, figures.gone_quiet) == (total, new, quiet)
    assert figures.by_status == by_status and figures.by_type == by_type
    assert sum(figures.by_status.values()) == figures.total
    assert sorted(name for name, _c, _t in figures.outstanding) == outstanding_names(year)
    assert len(figures.new_models) == new


def test_per_commune_figures_equal_an_independent_count_and_add_up(commune):
    build_district(commune, 40, seed=7)
    by_commune = movement_by_commune(year=2020)
    for commune_id, figures in by_commune.items():
        total, new, by_status, _by_type, quiet = independent_figures(2020, {commune_id})
        assert (figures.total, figures.new_in_year, figures.by_status, figures.gone_quiet) == (
            total,
            new,
            by_status,
            quiet,
        )
        assert sorted(n for n, _c, _t in figures.outstanding) == outstanding_names(
            2020, {commune_id}
        )
    district = movement_figures(year=2020)
    assert sum(f.total for f in by_commune.values()) == district.total
    assert len(by_commune) == 8  # every commune and the township, with or without models


def test_a_model_stopped_before_the_year_is_not_counted_but_one_stopped_during_it_is(son_binh):
    make_model(son_binh, (D(2019, 5, 1), Status.STOPPED), name="Ngừng từ 2019")
    make_model(son_binh, (D(2019, 5, 1), Status.ACTIVE), (D(2020, 5, 1), Status.STOPPED))
    figures = movement_figures(year=2020)
    assert figures.total == 1
    assert figures.by_status[Status.STOPPED] == 1


def test_status_at_year_end_ignores_checks_after_it(son_binh):
    make_model(son_binh, (D(2020, 5, 1), Status.NEEDS_WORK), (D(2021, 2, 1), Status.EFFECTIVE))
    assert movement_figures(year=2020).by_status[Status.NEEDS_WORK] == 1
    assert movement_figures(year=2021).by_status[Status.EFFECTIVE] == 1


def test_figures_can_be_limited_to_some_communes(son_binh, son_lam):
    make_model(son_binh, (D(2020, 5, 1), Status.ACTIVE), established_on=D(2020, 1, 2))
    make_model(son_lam, (D(2020, 5, 1), Status.ACTIVE), established_on=D(2020, 1, 2))
    assert movement_figures(year=2020, commune_ids=[son_lam.pk]).total == 1
    assert movement_figures(year=2020, commune_ids=[]).total == 0


@pytest.mark.parametrize("count", [3, 30])
def test_the_figures_take_a_fixed_number_of_queries(commune, count, django_assert_num_queries):
    build_district(commune, count)
    with django_assert_num_queries(3):
        movement_figures(year=2020)
    with django_assert_num_queries(4):
        movement_by_commune(year=2020)


def test_the_query_count_does_not_grow_with_the_data(commune):
    build_district(commune, 3)
    with CaptureQueriesContext(connection) as small:
        movement_by_commune(year=2020)
    build_district(commune, 30, seed=2)
    with CaptureQueriesContext(connection) as large:
        movement_by_commune(year=2020)
    assert len(small) == len(large)


def test_the_total_and_its_split_read_together_equal_each_read_alone(
    commune, django_assert_num_queries
):
    """A page or report showing both reads the models once: four queries, not seven."""
    build_district(commune, 30, seed=11)
    alone = movement_figures(year=2020), movement_by_commune(year=2020)
    with django_assert_num_queries(4):
        together = movement_with_communes(year=2020)
    assert together == alone
