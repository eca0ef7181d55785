"""Each check is kept; the model's current status is always that of its latest check."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models_registry.models import SecurityModel, Status
from tests.models_registry.factories import make_model, record_check

D = dt.date


def latest_by_date_then_id(model):
    return max(model.checks.all(), key=lambda c: (c.checked_on, c.pk))


def test_a_later_check_becomes_the_current_status(son_binh):
    model = make_model(son_binh, (D(2020, 1, 10), Status.ACTIVE))
    record_check(model, D(2020, 5, 1), Status.NEEDS_WORK)
    model.refresh_from_db()
    assert model.current_status == Status.NEEDS_WORK
    assert model.last_checked_on == D(2020, 5, 1)
    assert model.checks.count() == 2


def test_a_back_dated_check_is_kept_but_does_not_change_the_current_status(son_binh):
    model = make_model(son_binh, (D(2021, 3, 1), Status.EFFECTIVE))
    record_check(model, D(2020, 3, 1), Status.STOPPED)
    model.refresh_from_db()
    assert model.current_status == Status.EFFECTIVE
    assert model.last_checked_on == D(2021, 3, 1)
    assert [c.checked_on for c in model.checks.all()] == [D(2021, 3, 1), D(2020, 3, 1)]


def test_two_checks_on_the_same_day_the_one_recorded_last_wins(son_binh):
    model = make_model(son_binh, (D(2021, 3, 1), Status.EFFECTIVE), (D(2021, 3, 1), Status.ACTIVE))
    assert model.current_status == Status.ACTIVE


def test_a_check_copies_its_figures_onto_the_model(son_binh):
    model = make_model(son_binh, (D(2020, 1, 10), Status.ACTIVE))
    record_check(model, D(2020, 2, 1), Status.ACTIVE, places=3, teams=4, members=41)
    model.refresh_from_db()
    assert (model.places, model.teams, model.members) == (3, 4, 41)


def test_history_is_shown_newest_first_on_the_model_page(client_for, chairman, son_binh):
    model = make_model(son_binh, (D(2019, 6, 1), Status.ACTIVE), (D(2021, 6, 1), Status.EFFECTIVE))
    record_check(model, D(2020, 6, 1), Status.NEEDS_WORK)
    page = client_for(chairman).get(reverse("models_registry:detail", args=[model.pk]))
    html = page.content.decode()
    assert html.index("01/06/2021") < html.index("01/06/2020") < html.index("01/06/2019")


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    checks=st.lists(
        st.tuples(
            st.dates(min_value=D(2019, 1, 15), max_value=D(2021, 12, 31)),
            st.sampled_from(Status.values),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_current_status_equals_the_latest_check_whatever_the_order_of_entry(checks, son_binh):
    model = make_model(son_binh, *checks)
    latest = latest_by_date_then_id(model)
    stored = SecurityModel.objects.get(pk=model.pk)
    assert (stored.current_status, stored.last_checked_on) == (latest.status, latest.checked_on)
