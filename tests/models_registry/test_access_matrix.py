"""Every page × every persona: anonymous → login, wrong role → 403, another commune → 404."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.models_registry.factories import make_model

SON_BINH_MODEL, SON_LAM_MODEL = "son_binh_model", "son_lam_model"

# page, whose model (None: no object), {persona: expected status}
READERS_200 = {
    "officer": 200,
    "leader": 200,
    "official_son_binh": 200,
    "official_son_lam": 200,
    "secretariat": 200,
    "chairman": 200,
    "outsider": 403,
}
MATRIX = [
    ("models_registry:list", None, READERS_200),
    ("models_registry:summary", None, READERS_200),
    ("models_registry:export", None, READERS_200),
    (
        "models_registry:create",
        None,
        {**READERS_200, "official_son_binh": 403, "official_son_lam": 403, "chairman": 403},
    ),
    ("models_registry:detail", SON_BINH_MODEL, {**READERS_200, "official_son_lam": 404}),
    (
        "models_registry:update",
        SON_BINH_MODEL,
        {**READERS_200, "official_son_binh": 403, "official_son_lam": 404, "chairman": 403},
    ),
    (
        "models_registry:recognition",
        SON_BINH_MODEL,
        {**READERS_200, "official_son_binh": 403, "official_son_lam": 404, "chairman": 403},
    ),
    (
        "models_registry:check",
        SON_BINH_MODEL,
        {**READERS_200, "official_son_lam": 404, "chairman": 403},
    ),
    ("models_registry:detail", SON_LAM_MODEL, {**READERS_200, "official_son_binh": 404}),
    (
        "models_registry:check",
        SON_LAM_MODEL,
        {**READERS_200, "official_son_binh": 404, "chairman": 403},
    ),
]
CASES = [
    (url_name, owner, persona, status)
    for url_name, owner, expected in MATRIX
    for persona, status in expected.items()
]


@pytest.fixture
def models(son_binh, son_lam):
    return {
        SON_BINH_MODEL: make_model(son_binh, (dt.date(2020, 1, 10), "hoat_dong")),
        SON_LAM_MODEL: make_model(son_lam, (dt.date(2020, 1, 10), "hoat_dong")),
    }


def url_for(url_name, owner, models):
    return reverse(url_name, args=[models[owner].pk]) if owner else reverse(url_name)


@pytest.mark.parametrize(("url_name", "owner", "persona", "status"), CASES)
def test_page_access_by_role_and_commune(
    client_for, personas, models, url_name, owner, persona, status
):
    response = client_for(personas[persona]).get(url_for(url_name, owner, models))
    assert response.status_code == status


@pytest.mark.parametrize(("url_name", "owner"), sorted({(u, o) for u, o, _ in MATRIX}))
def test_anonymous_visitor_is_sent_to_login(client, models, url_name, owner):
    response = client.get(url_for(url_name, owner, models))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_commune_official_sees_only_their_communes_models_in_the_list(
    client_for, official_son_binh, official_son_lam, son_binh, son_lam
):
    make_model(son_binh, (dt.date(2020, 1, 10), "hoat_dong"), name="Mô hình của Sơn Bình")
    make_model(son_lam, (dt.date(2020, 1, 10), "hoat_dong"), name="Mô hình của Sơn Lâm")
    mine = client_for(official_son_binh).get(reverse("models_registry:list")).content.decode()
    assert "Mô hình của Sơn Bình" in mine and "Mô hình của Sơn Lâm" not in mine
    theirs = client_for(official_son_lam).get(reverse("models_registry:list")).content.decode()
    assert "Mô hình của Sơn Lâm" in theirs and "Mô hình của Sơn Bình" not in theirs


def test_commune_official_cannot_widen_the_list_with_another_communes_filter(
    client_for, official_son_binh, son_lam
):
    make_model(son_lam, (dt.date(2020, 1, 10), "hoat_dong"), name="Mô hình của Sơn Lâm")
    page = client_for(official_son_binh).get(
        reverse("models_registry:list"), {"commune": son_lam.pk}
    )
    assert "Mô hình của Sơn Lâm" not in page.content.decode()
