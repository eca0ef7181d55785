"""The list: filters, flat query count, and the same rows exported as XLSX."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from models_registry.models import OutstandingRecognition, Status
from tests.models_registry.factories import make_model, model_type

D = dt.date


@pytest.fixture
def sample(commune, son_binh, son_lam, lien_hoa):
    camera = make_model(
        son_binh,
        (D(2020, 7, 1), Status.EFFECTIVE),
        name="Camera an ninh",
        model_type=model_type("camera"),
        village=lien_hoa,
        established_on=D(2020, 6, 15),
    )
    mirror = make_model(
        son_lam,
        (D(2020, 11, 20), Status.ACTIVE),
        name="Gương sáng",
        model_type=model_type("guong_sang"),
        established_on=D(2017, 3, 8),
    )
    OutstandingRecognition.objects.create(model=mirror, year=2020)
    make_model(commune("Sơn Hiệp"), (D(2020, 5, 1), Status.NEEDS_WORK), name="Tổ cần củng cố")
    return {"camera": camera, "mirror": mirror}


def names_listed(client, **params):
    html = client.get(reverse("models_registry:list"), params).content.decode()
    # Row links only: "Gương sáng" is also a type name in the filter's select.
    return {n for n in ("Camera an ninh", "Gương sáng", "Tổ cần củng cố") if f">{n}</a>" in html}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Camera an ninh", "Gương sáng", "Tổ cần củng cố"}),
        ({"status": Status.NEEDS_WORK}, {"Tổ cần củng cố"}),
        ({"outstanding": "on", "year": "2020"}, {"Gương sáng"}),
        ({"outstanding": "on", "year": "2021"}, set()),
        ({"new": "on", "year": "2020"}, {"Camera an ninh"}),
        ({"q": "guong sang"}, {"Gương sáng"}),
    ],
)
def test_the_list_filters(client_for, chairman, sample, params, expected):
    assert names_listed(client_for(chairman), **params) == expected


def test_the_list_filters_by_commune_and_type(client_for, chairman, sample, son_binh):
    client = client_for(chairman)
    assert names_listed(client, commune=son_binh.pk) == {"Camera an ninh"}
    assert names_listed(client, model_type=model_type("guong_sang").pk) == {"Gương sáng"}


def test_the_list_takes_the_same_number_of_queries_for_3_or_30_models(
    client_for, chairman, commune
):
    client = client_for(chairman)
    url = reverse("models_registry:list")

    def add(count, start):
        for n in range(count):
            model = make_model(
                commune("Sơn Trung"), (D(2020, 1, 10), Status.ACTIVE), name=f"M{start + n}"
            )
            OutstandingRecognition.objects.create(model=model, year=2020)

    add(3, 0)
    client.get(url)  # warm the caches (OTP rule, menu badges, filter choices)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(27, 3)
    client.get(url)  # the writes started a new cache generation: warm it again
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert page.content.decode().count("/mo-hinh/") >= 30
    assert len(many) == len(few)


def load_export(client, **params):
    response = client.get(reverse("models_registry:export"), params)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="mo-hinh-')
    return load_workbook(io.BytesIO(response.content)).active


def test_the_export_has_vietnamese_headers_and_one_row_per_model(client_for, chairman, sample):
    sheet = load_export(client_for(chairman))
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["STT", "Tên mô hình", "Loại mô hình", "Xã / thị trấn"]
    assert "Camera hoạt động" in headers and "Điển hình (năm)" in headers
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"Camera an ninh", "Gương sáng", "Tổ cần củng cố"}
    camera = rows["Camera an ninh"]
    assert camera[3] == "Xã Sơn Bình" and camera[4] == "Thôn Liên Hòa"
    assert camera[6].date() == D(2020, 6, 15)
    assert rows["Gương sáng"][headers.index("Điển hình (năm)")] == "2020"
    assert rows["Gương sáng"][headers.index("Tình trạng")] == "Hoạt động"


def test_the_export_holds_only_the_officials_commune(client_for, official_son_lam, sample):
    sheet = load_export(client_for(official_son_lam))
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Gương sáng"]


def test_the_export_follows_the_lists_filters(client_for, chairman, sample):
    sheet = load_export(client_for(chairman), status=Status.NEEDS_WORK)
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Tổ cần củng cố"]


def test_a_province_sized_list_is_paged_and_the_export_keeps_every_model(
    client_for, chairman, commune
):
    from models_registry.views import PAGE_SIZE

    son_trung = commune("Sơn Trung")
    for n in range(PAGE_SIZE + 5):
        make_model(son_trung, (D(2020, 1, 10), Status.ACTIVE), name=f"Mô hình {n:03d}")
    client = client_for(chairman)
    url = reverse("models_registry:list")
    first = client.get(url, {"commune": son_trung.pk})
    assert len(first.context["models"]) == PAGE_SIZE
    assert f"Trang 1/2 — {PAGE_SIZE + 5} mô hình" in first.content.decode()
    assert f"commune={son_trung.pk}&amp;trang=2" in first.content.decode()
    second = client.get(url, {"commune": son_trung.pk, "trang": 2})
    assert len(second.context["models"]) == 5
    names = {m.name for m in first.context["models"]} | {m.name for m in second.context["models"]}
    assert len(names) == PAGE_SIZE + 5
    for junk in ("0", "-1", "١٢", "9" * 40, "x"):
        assert client.get(url, {"trang": junk}).status_code == 200
    sheet = load_export(client, commune=son_trung.pk)
    assert sheet.max_row - 1 >= PAGE_SIZE + 5
