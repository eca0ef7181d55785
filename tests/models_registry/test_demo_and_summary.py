"""The demo data reproduces the 2020 review's sentences; the summary and landing counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ban138.roles import Role
from ban138.text import format_count
from models_registry.models import SecurityModel, StatusCheck
from models_registry.queries import movement_figures


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def test_the_demo_reproduces_the_new_model_sentence_of_the_2020_review(demo):
    figures = movement_figures(year=2020)
    (name, place, _commune), *_ = figures.new_models
    sentence = (
        f"xây dựng mới {format_count(figures.new_in_year)} mô hình bảo đảm ANTT "
        f"(mô hình “{lower_first(name)}” {place})"
    )
    assert sentence == (
        "xây dựng mới 01 mô hình bảo đảm ANTT (mô hình “camera an ninh” thôn Liên Hòa, Sơn Bình)"
    )


def test_the_demo_reproduces_the_outstanding_models_of_2020(demo):
    figures = movement_figures(year=2020)
    listed = ", ".join(
        f"“{name}” {lower_first(commune)}" for name, commune, _ in figures.outstanding
    )
    assert listed == (
        "“Gương sáng” xã Sơn Lâm, “Giáo họ tự quản về ANTT” xã Sơn Trung, "
        "“Thôn tự quản về ANTT” xã Sơn Hiệp"
    )


def test_the_demo_has_histories_from_2019_to_2021_and_one_quiet_model(demo):
    years = {d.year for d in StatusCheck.objects.values_list("checked_on", flat=True)}
    assert {2019, 2020, 2021} <= years
    communes = set(SecurityModel.objects.values_list("commune__name", flat=True))
    assert {"Ba Cụm Bắc", "Ba Cụm Nam", "Thành Sơn", "Tô Hạp"} <= communes
    assert SecurityModel.objects.gone_quiet(timezone.localdate()).count() == 1
    assert movement_figures(year=2020, as_of=dt.date(2020, 12, 31)).gone_quiet == 1
    camera = SecurityModel.objects.get(name="Camera an ninh")
    assert camera.established_on.year == 2020 and camera.village.name == "Liên Hòa"
    assert camera.checks.filter(recorded_by__username="canbo_sonbinh").exists()


def test_the_summary_shows_counts_by_commune_and_status(client_for, chairman, demo):
    page = client_for(chairman).get(reverse("models_registry:summary"), {"year": 2020})
    html = page.content.decode()
    assert "Tổng số 8 mô hình; thành lập mới trong năm: 1; lâu chưa cập nhật: 1." in html
    assert "“Camera an ninh” thôn Liên Hòa, Sơn Bình" in html
    assert "Thị trấn Tô Hạp" in html


def test_the_summary_of_a_commune_official_covers_their_commune_only(
    client_for, official_son_lam, demo
):
    html = (
        client_for(official_son_lam)
        .get(reverse("models_registry:summary"), {"year": 2020})
        .content.decode()
    )
    assert "Tổng số 1 mô hình" in html
    assert "Xã Sơn Bình" not in html


@pytest.mark.parametrize(
    ("persona", "role"), [("secretariat", Role.SECRETARIAT), ("chairman", Role.CHAIRMAN)]
)
def test_the_secretariat_and_chairman_see_the_counts_on_their_landing_page(
    client_for, personas, persona, role, son_binh
):
    from tests.models_registry.factories import make_model

    make_model(son_binh, (dt.date(2020, 1, 10), "hoat_dong"))
    page = client_for(personas[persona]).get(reverse("landing", kwargs={"role": role.value}))
    html = page.content.decode()
    assert "Mô hình tự quản về ANTT năm" in html
    # The one model, last checked in 2020, is counted as gone quiet and links to the list.
    assert '?quiet=on"><strong>1</strong></a>' in html
