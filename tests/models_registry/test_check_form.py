"""The update form a commune official uses (often on a phone): what is saved and what is refused."""

import datetime as dt
import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from models_registry.models import StatusCheck
from tests.models_registry.factories import make_model, model_type

TODAY = dt.date(2021, 6, 30)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def camera_model(lien_hoa, son_binh):
    return make_model(
        son_binh,
        (dt.date(2020, 7, 1), "hoat_dong"),
        model_type=model_type("camera"),
        village=lien_hoa,
        name="Camera an ninh",
        established_on=dt.date(2020, 6, 15),
    )


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def post_check(client, model, **overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "checked_on": "2021-06-29",
        "status": "hieu_qua",
        "places": "1",
        "teams": "1",
        "members": "12",
        "cameras_installed": "10",
        "cameras_working": "9",
        "note": "Hoạt động tốt.",
    }
    data.update(overrides)
    return client.post(reverse("models_registry:check", args=[model.pk]), data)


def test_commune_official_records_a_check_on_their_own_model(
    client_for, official_son_binh, camera_model
):
    response = post_check(client_for(official_son_binh), camera_model)
    assert response.status_code == 302
    camera_model.refresh_from_db()
    assert camera_model.current_status == "hieu_qua"
    assert (camera_model.cameras_installed, camera_model.cameras_working) == (10, 9)
    latest = camera_model.checks.first()
    assert latest.recorded_by == official_son_binh and latest.checked_on == dt.date(2021, 6, 29)


def test_commune_official_of_another_commune_gets_404_and_nothing_is_saved(
    client_for, official_son_lam, camera_model
):
    client = client_for(official_son_lam)
    assert client.get(reverse("models_registry:check", args=[camera_model.pk])).status_code == 404
    assert post_check(client, camera_model).status_code == 404
    assert camera_model.checks.count() == 1


def test_the_chairman_reads_but_may_not_record_a_check(client_for, chairman, camera_model):
    assert post_check(client_for(chairman), camera_model).status_code == 403
    assert camera_model.checks.count() == 1


@pytest.mark.parametrize("persona", ["officer", "leader", "secretariat"])
def test_police_and_secretariat_may_record_a_check_anywhere(
    client_for, personas, persona, camera_model
):
    assert post_check(client_for(personas[persona]), camera_model).status_code == 302
    assert camera_model.checks.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cameras_working": "11"}, "không thể lớn hơn số camera lắp đặt"),
        ({"checked_on": "2021-07-01"}, "Ngày kiểm tra không thể ở tương lai."),
        ({"checked_on": "2020-06-14"}, "Ngày kiểm tra trước ngày thành lập mô hình (15/06/2020)."),
        ({"status": ""}, "Trường này là bắt buộc."),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message_and_the_input_kept(
    client_for, official_son_binh, camera_model, overrides, message
):
    response = post_check(client_for(official_son_binh), camera_model, **overrides)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Hoạt động tốt." in html  # what was typed is still there
    assert camera_model.checks.count() == 1


def test_a_file_that_is_not_an_image_is_refused(client_for, official_son_binh, camera_model):
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = post_check(client_for(official_son_binh), camera_model, photo=fake)
    assert "không đúng định dạng; chỉ nhận JPEG, PNG" in response.content.decode()
    assert camera_model.checks.count() == 1


def test_a_too_large_image_is_refused(client_for, official_son_binh, camera_model, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("anh.png", png_bytes() + b"\x00" * 4096, content_type="image/png")
    response = post_check(client_for(official_son_binh), camera_model, photo=big)
    assert "quá lớn" in response.content.decode()
    assert camera_model.checks.count() == 1


def test_a_double_submit_records_one_check(client_for, official_son_binh, camera_model):
    client = client_for(official_son_binh)
    token = str(uuid.uuid4())
    first = post_check(client, camera_model, submission_token=token)
    second = post_check(client, camera_model, submission_token=token)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("models_registry:detail", args=[camera_model.pk])
    assert camera_model.checks.count() == 2


def test_the_photo_is_served_only_to_those_who_see_the_model(
    client_for, official_son_binh, official_son_lam, chairman, camera_model
):
    photo = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    post_check(client_for(official_son_binh), camera_model, photo=photo)
    check = StatusCheck.objects.exclude(photo="").get()
    url = reverse("models_registry:check_photo", args=[check.pk])
    assert check.photo.name.startswith("models_registry/photos/")
    assert "anh" not in check.photo.name  # the uploader's file name is not kept in the path
    response = client_for(chairman).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()
    assert client_for(official_son_lam).get(url).status_code == 404


def test_a_non_camera_model_has_no_camera_fields(client_for, official_son_binh, son_binh):
    model = make_model(son_binh, (dt.date(2020, 1, 10), "hoat_dong"))
    page = client_for(official_son_binh).get(reverse("models_registry:check", args=[model.pk]))
    assert "cameras_installed" not in page.content.decode()
    post_check(client_for(official_son_binh), model)
    model.refresh_from_db()
    assert model.cameras_installed is None and model.current_status == "hieu_qua"


def test_a_decompression_bomb_photo_is_refused_in_vietnamese(
    client_for, official_son_binh, camera_model
):
    """Issue 15.12: a 20000×20000 PNG is not accepted as a photo of the model."""
    from tests.core.test_uploads_and_tokens import _png_header_only

    bomb = SimpleUploadedFile("anh.png", _png_header_only(20_000, 20_000), content_type="image/png")
    response = post_check(client_for(official_son_binh), camera_model, photo=bomb)
    assert response.status_code == 200
    assert "quá lớn về kích thước điểm ảnh" in response.content.decode()
    assert camera_model.checks.count() == 1
