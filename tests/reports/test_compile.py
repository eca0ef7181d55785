"""compile_report against the real apps: figures equal independent counts, bounded queries."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from models_registry.models import OutstandingRecognition
from reports.compile import compile_report
from tips.models import Case, Tip, TipState


def local_midnight(day):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day))


def independent_tip_counts(year, commune=None):
    start, end = local_midnight(dt.date(year, 1, 1)), local_midnight(dt.date(year + 1, 1, 1))
    tips = Tip.objects.filter(received_at__gte=start, received_at__lt=end).exclude(
        state=TipState.MERGED
    )
    cases = Case.objects.filter(opened_on__year=year)
    if commune is not None:
        tips, cases = tips.filter(commune=commune), cases.filter(tip__commune=commune)
    return {
        "received": tips.count(),
        "drugs": tips.filter(crime_group__code="ma_tuy").count(),
        "gambling": tips.filter(crime_group__code="co_bac").count(),
        "cases_opened": cases.count(),
    }


@pytest.mark.parametrize("year", [2019, 2020])
def test_district_figures_equal_independent_counts_for_the_demo_years(demo, year):
    figures = compile_report(year=year, unit=demo, today=dt.date(2021, 3, 10))
    now, before = independent_tip_counts(year), independent_tip_counts(year - 1)
    assert figures.tips_received.current == now["received"]
    assert figures.tips_received.previous == before["received"]
    assert figures.drugs.current == now["drugs"]
    assert figures.gambling.current == now["gambling"]
    assert figures.cases_opened.current == now["cases_opened"]
    assert sum(r.tips_received for r in figures.communes) == now["received"]


def test_2020_names_the_seeds_outstanding_models_with_their_communes(demo):
    figures = compile_report(year=2020, unit=demo, today=dt.date(2021, 3, 10))
    named = {(m.name, m.commune) for m in figures.outstanding_models}
    expected = {
        (r.model.name, r.model.commune.full_name)
        for r in OutstandingRecognition.objects.filter(year=2020).select_related("model__commune")
    }
    assert named == expected
    assert ("Gương sáng", "Xã Sơn Lâm") in named
    assert figures.models_new == 1
    assert figures.new_models[0].name.lower() == "camera an ninh"


def test_commune_figures_count_only_that_commune(demo, son_binh):
    figures = compile_report(year=2020, unit=son_binh, today=dt.date(2021, 3, 10))
    assert figures.is_commune and figures.unit_name == "xã Sơn Bình"
    assert figures.tips_received.current == independent_tip_counts(2020, son_binh)["received"]
    assert figures.plans_issued is None
    assert figures.communes == []


def test_a_tip_received_just_after_local_midnight_on_new_year_counts_in_the_new_year(
    district, son_binh, officer
):
    from tests.tips.factories import make_tip

    # 00:30 on 1/1/2021 in Hồ Chí Minh time is still 31/12/2020 in UTC.
    make_tip(
        by=officer,
        commune=son_binh,
        received_at=timezone.make_aware(dt.datetime(2021, 1, 1, 0, 30)),
    )
    today = dt.date(2021, 3, 10)
    assert compile_report(year=2020, unit=district, today=today).tips_received.current == 0
    assert compile_report(year=2021, unit=district, today=today).tips_received.current == 1


def test_a_future_year_is_refused(district):
    with pytest.raises(ValidationError):
        compile_report(year=2031, unit=district, today=dt.date(2030, 6, 1))


def test_a_year_with_no_data_compiles_to_zeros(district):
    figures = compile_report(year=2005, unit=district, today=dt.date(2021, 3, 10))
    assert not figures.has_data
    assert figures.tips_received.current == 0


def _world(size, *, district, officer, communes):
    from models_registry.models import Status
    from tests.models_registry.factories import make_model
    from tests.tips.factories import make_tip

    for i in range(size):
        commune = communes[i % len(communes)]
        make_tip(
            by=officer,
            commune=commune,
            received_at=timezone.make_aware(dt.datetime(2020, 1 + i % 12, 1 + i % 27, 9)),
        )
        make_tip(
            by=officer,
            commune=commune,
            received_at=timezone.make_aware(dt.datetime(2019, 1 + i % 12, 1 + i % 27, 9)),
            group="ma_tuy",
        )
        make_model(
            commune, (dt.date(2020, 3, 1), Status.ACTIVE), established_on=dt.date(2020, 2, 1)
        )


def _queries_for_compile(district):
    with CaptureQueriesContext(connection) as captured:
        compile_report(year=2020, unit=district, today=dt.date(2021, 3, 10))
    return len(captured.captured_queries)


def test_compile_query_count_is_bounded_and_does_not_grow_with_data(district, officer, commune):
    communes = [commune("Sơn Bình"), commune("Sơn Lâm"), commune("Sơn Hiệp")]
    _world(3, district=district, officer=officer, communes=communes)
    _queries_for_compile(district)  # the first loads the succession table into the cache
    small = _queries_for_compile(district)
    _world(27, district=district, officer=officer, communes=communes)  # 30 in all: 10×
    large = _queries_for_compile(district)
    assert small == large
    assert large <= 30
