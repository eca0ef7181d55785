import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ban138.models import CommitteeProfile
from tests.conftest import PASSWORD


def _token(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _login(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


@pytest.fixture
def leaders_need_otp(district):
    CommitteeProfile.objects.update(require_otp_police_leaders=True, require_otp_staff=True)


def test_without_the_policy_a_leader_signs_in_with_a_password_only(client, leader):
    _login(client, leader)
    assert client.get(reverse("unit_list")).status_code == 200


def test_a_leader_with_no_authenticator_is_sent_to_enrol(client, leader, leaders_need_otp):
    _login(client, leader)
    response = client.get(reverse("unit_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp_setup"))
    page = client.get(response["Location"])
    assert "Cài đặt xác thực hai bước" in page.content.decode()
    assert client.get(reverse("otp_qr"))["Content-Type"] == "image/svg+xml"


def test_enrolling_with_a_valid_code_opens_the_site(client, leader, leaders_need_otp):
    _login(client, leader)
    client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(user=leader)
    response = client.post(reverse("otp_setup"), {"token": _token(device), "next": "/dia-ban/"})
    assert response["Location"] == "/dia-ban/"
    assert client.get(reverse("unit_list")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_an_enrolled_leader_must_enter_a_code_after_the_password(client, leader, leaders_need_otp):
    device = TOTPDevice.objects.create(user=leader, name="BCD138", confirmed=True)
    _login(client, leader)
    assert client.get(reverse("unit_list"))["Location"].startswith(reverse("otp_verify"))
    page = client.post(reverse("otp_verify"), {"token": "000000"})
    assert "không đúng" in page.content.decode()
    assert client.get(reverse("unit_list")).status_code == 302
    # django-otp throttles after a failure (1 s, then doubling); let that time pass.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    client.post(reverse("otp_verify"), {"token": _token(device)})
    assert client.get(reverse("unit_list")).status_code == 200


def test_other_roles_are_not_asked_for_a_code(client, officer, leaders_need_otp):
    _login(client, officer)
    assert client.get(reverse("unit_list")).status_code == 200


def test_the_admin_site_requires_the_second_factor_when_enabled(client, outsider, leaders_need_otp):
    outsider.is_staff = True
    outsider.save()
    _login(client, outsider)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("otp_setup"))


def test_next_cannot_send_the_user_to_another_site(client, leader, leaders_need_otp):
    device = TOTPDevice.objects.create(user=leader, name="BCD138", confirmed=True)
    _login(client, leader)
    response = client.post(
        reverse("otp_verify"), {"token": _token(device), "next": "https://ke-xau.example/"}
    )
    assert response["Location"] == reverse("home")
