"""Creating and editing a model: police and the secretariat only; optimistic locking on edit."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from models_registry.models import SecurityModel, Status
from tests.models_registry.factories import make_model, model_type, record_check

TODAY = dt.date(2021, 6, 30)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def form_data(commune, **overrides):
    data = {
        "name": "Camera an ninh",
        "model_type": model_type("camera").pk,
        "commune": commune.pk,
        "village": "",
        "host_organisation": "",
        "established_on": "2020-06-15",
        "decision_number": "45/QĐ-UBND",
        "places": "1",
        "teams": "1",
        "members": "12",
        "cameras_installed": "8",
        "cameras_working": "8",
        "description": "",
        "status": Status.ACTIVE,
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_secretariat_registers_a_model_with_its_first_check(
    client_for, secretariat, son_binh, lien_hoa
):
    client = client_for(secretariat)
    response = client.post(
        reverse("models_registry:create"), form_data(son_binh, village=lien_hoa.pk)
    )
    model = SecurityModel.objects.get()
    assert response["Location"] == reverse("models_registry:detail", args=[model.pk])
    assert model.village == lien_hoa and model.current_status == Status.ACTIVE
    first = model.checks.get()
    assert first.checked_on == TODAY and first.recorded_by == secretariat


def test_a_double_submitted_create_form_registers_one_model(client_for, leader, son_binh):
    client = client_for(leader)
    data = form_data(son_binh)
    first = client.post(reverse("models_registry:create"), data)
    second = client.post(reverse("models_registry:create"), data)
    assert SecurityModel.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_village_of_another_commune_is_refused(client_for, officer, son_lam, lien_hoa):
    response = client_for(officer).post(
        reverse("models_registry:create"), form_data(son_lam, village=lien_hoa.pk)
    )
    assert "Thôn / tổ dân phố “Liên Hòa” không thuộc Xã Sơn Lâm." in response.content.decode()
    assert not SecurityModel.objects.exists()


def test_a_village_is_not_accepted_as_the_commune(client_for, officer, lien_hoa):
    response = client_for(officer).post(reverse("models_registry:create"), form_data(lien_hoa))
    assert response.status_code == 200
    assert not SecurityModel.objects.exists()


def test_cameras_working_above_installed_is_refused_on_the_model(client_for, officer, son_binh):
    response = client_for(officer).post(
        reverse("models_registry:create"), form_data(son_binh, cameras_working="9")
    )
    assert "Số camera đang hoạt động (9) không thể lớn hơn số camera lắp đặt (8)." in (
        response.content.decode()
    )
    assert not SecurityModel.objects.exists()


def test_a_future_establishment_date_is_refused(client_for, officer, son_binh):
    response = client_for(officer).post(
        reverse("models_registry:create"), form_data(son_binh, established_on="2021-07-01")
    )
    assert "Ngày thành lập không thể ở tương lai." in response.content.decode()


def test_names_typed_in_decomposed_unicode_are_stored_composed(client_for, officer, son_binh):
    decomposed = "Gu\u031bo\u031bng sa\u0301ng"  # "Gương sáng" as some keyboards send it
    client_for(officer).post(
        reverse("models_registry:create"),
        form_data(son_binh, name=decomposed, model_type=model_type("guong_sang").pk),
    )
    model = SecurityModel.objects.get()
    assert model.name == "Gương sáng" and model.name_folded == "guong sang"


def test_commune_official_may_not_register_a_model(client_for, official_son_binh, son_binh):
    response = client_for(official_son_binh).post(
        reverse("models_registry:create"), form_data(son_binh)
    )
    assert response.status_code == 403
    assert not SecurityModel.objects.exists()


def edit_data(model, **overrides):
    data = form_data(model.commune, name=model.name, version=model.version)
    data["model_type"] = model.model_type_id
    data.update(overrides)
    return data


def test_police_edit_any_model(client_for, officer, son_lam):
    model = make_model(son_lam, (dt.date(2020, 1, 10), Status.ACTIVE))
    response = client_for(officer).post(
        reverse("models_registry:update", args=[model.pk]), edit_data(model, name="Tổ mới tên")
    )
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.name == "Tổ mới tên" and model.current_status == Status.ACTIVE


def test_an_edit_saved_over_a_newer_version_shows_the_conflict_and_saves_nothing(
    client_for, officer, leader, son_binh
):
    model = make_model(son_binh, (dt.date(2020, 1, 10), Status.ACTIVE), name="Tên cũ")
    opened = edit_data(model)
    client_for(leader).post(
        reverse("models_registry:update", args=[model.pk]), {**opened, "name": "Tên của lãnh đạo"}
    )
    response = client_for(officer).post(
        reverse("models_registry:update", args=[model.pk]), {**opened, "name": "Tên của cán bộ"}
    )
    assert response.status_code == 409
    assert "Tên của cán bộ" in response.content.decode()  # the user's input is not lost
    model.refresh_from_db()
    assert model.name == "Tên của lãnh đạo"


def test_a_check_recorded_while_the_edit_form_was_open_makes_the_edit_a_conflict(
    client_for, officer, son_binh
):
    model = make_model(son_binh, (dt.date(2020, 1, 10), Status.ACTIVE))
    opened = edit_data(model, members="99")
    record_check(model, dt.date(2021, 6, 1), Status.EFFECTIVE, members=30)
    response = client_for(officer).post(reverse("models_registry:update", args=[model.pk]), opened)
    assert response.status_code == 409
    model.refresh_from_db()
    assert model.members == 30


def test_an_edit_never_changes_the_status(client_for, officer, son_binh):
    model = make_model(son_binh, (dt.date(2020, 1, 10), Status.NEEDS_WORK))
    client_for(officer).post(
        reverse("models_registry:update", args=[model.pk]),
        edit_data(model, status=Status.EFFECTIVE, current_status=Status.EFFECTIVE),
    )
    model.refresh_from_db()
    assert model.current_status == Status.NEEDS_WORK


def test_recognising_a_model_twice_in_a_year_is_refused(client_for, secretariat, son_lam):
    model = make_model(son_lam, (dt.date(2020, 1, 10), Status.EFFECTIVE))
    url = reverse("models_registry:recognition", args=[model.pk])
    data = {"year": "2020", "decision_number": "15/QĐ-BCĐ", "decision_date": "2021-03-10"}
    assert client_for(secretariat).post(url, data).status_code == 302
    again = client_for(secretariat).post(url, data)
    assert "Mô hình đã được công nhận điển hình trong năm này." in again.content.decode()
    assert model.recognitions.count() == 1


def test_a_model_may_be_outstanding_in_several_years(client_for, secretariat, son_lam):
    model = make_model(son_lam, (dt.date(2020, 1, 10), Status.EFFECTIVE))
    url = reverse("models_registry:recognition", args=[model.pk])
    for year in ("2019", "2020"):
        client_for(secretariat).post(
            url, {"year": year, "decision_number": "", "decision_date": ""}
        )
    assert sorted(model.recognitions.values_list("year", flat=True)) == [2019, 2020]
