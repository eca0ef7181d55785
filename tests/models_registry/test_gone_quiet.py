"""A model with no check for MODELS_QUIET_DAYS (90) days is flagged. The rule: a last check
exactly 90 days ago IS quiet; 89 days ago is not (see models.quiet_cutoff)."""

import datetime as dt

import pytest
from django.urls import reverse

from ban138.roles import Role
from models_registry.models import SecurityModel, Status
from models_registry.queries import movement_figures
from tests.models_registry.factories import make_model

TODAY = dt.date(2021, 6, 30)


def days_ago(n):
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.mark.parametrize(("days", "quiet"), [(89, False), (90, True), (91, True)])
def test_the_quiet_flag_at_the_boundary_day(son_binh, days, quiet):
    model = make_model(son_binh, (days_ago(days), Status.ACTIVE))
    assert model.is_quiet(TODAY) is quiet
    assert SecurityModel.objects.gone_quiet(TODAY).filter(pk=model.pk).exists() is quiet


def test_the_period_follows_the_setting(son_binh, settings):
    settings.MODELS_QUIET_DAYS = 30
    model = make_model(son_binh, (days_ago(30), Status.ACTIVE))
    assert model.is_quiet(TODAY)
    settings.MODELS_QUIET_DAYS = 31
    assert not model.is_quiet(TODAY)


def test_a_stopped_model_is_not_flagged_as_quiet(son_binh):
    model = make_model(son_binh, (days_ago(400), Status.STOPPED))
    assert not model.is_quiet(TODAY)
    assert not SecurityModel.objects.gone_quiet(TODAY).filter(pk=model.pk).exists()


def test_the_report_counts_quiet_models_at_the_boundary(son_binh):
    make_model(son_binh, (days_ago(89), Status.ACTIVE))
    make_model(son_binh, (days_ago(90), Status.ACTIVE))
    make_model(son_binh, (days_ago(200), Status.NEEDS_WORK))
    assert movement_figures(year=2021, as_of=TODAY).gone_quiet == 2


def test_the_report_counts_quiet_as_of_a_past_day_ignoring_later_checks(son_binh):
    year_end = dt.date(2020, 12, 31)
    make_model(
        son_binh, (dt.date(2020, 10, 2), Status.ACTIVE), (dt.date(2021, 2, 1), Status.ACTIVE)
    )
    make_model(son_binh, (dt.date(2020, 10, 3), Status.ACTIVE))
    # 2020-10-02 is exactly 90 days before 31/12/2020; the check of 2021 came later.
    assert movement_figures(year=2020, as_of=year_end).gone_quiet == 1


def test_the_list_flags_quiet_models_and_filters_them(client_for, chairman, son_binh, frozen_today):
    quiet = make_model(son_binh, (days_ago(120), Status.ACTIVE), name="Tổ im lặng")
    make_model(son_binh, (days_ago(10), Status.ACTIVE), name="Tổ sôi nổi")
    client = client_for(chairman)
    page = client.get(reverse("models_registry:list")).content.decode()
    assert page.count("Lâu chưa cập nhật</span>") == 1
    filtered = client.get(reverse("models_registry:list"), {"quiet": "on"}).content.decode()
    assert quiet.name in filtered and "Tổ sôi nổi" not in filtered


def test_the_commune_officials_landing_page_flags_quiet_models_with_an_update_link(
    client_for, official_son_binh, son_binh, son_lam, frozen_today
):
    quiet = make_model(son_binh, (days_ago(95), Status.ACTIVE), name="Tổ im lặng")
    make_model(son_binh, (days_ago(5), Status.ACTIVE), name="Tổ sôi nổi")
    make_model(son_lam, (days_ago(300), Status.ACTIVE), name="Mô hình xã khác")
    page = client_for(official_son_binh).get(
        reverse("landing", kwargs={"role": Role.COMMUNE_OFFICIAL.value})
    )
    html = page.content.decode()
    assert "1 mô hình lâu chưa được cập nhật" in html
    assert reverse("models_registry:check", args=[quiet.pk]) in html
    assert "Tổ sôi nổi" in html
    assert "Mô hình xã khác" not in html
