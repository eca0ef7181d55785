import time

from django.contrib.auth.models import User
from django.urls import reverse

from ban138.security import SESSION_LOGIN_AT, SESSION_SEEN_AT
from tests.conftest import PASSWORD


def _login(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


def _age_session(client, *, login_ago: int, seen_ago: int):
    session = client.session
    now = int(time.time())
    session[SESSION_LOGIN_AT] = now - login_ago
    session[SESSION_SEEN_AT] = now - seen_ago
    session.save()


def test_session_key_changes_at_login(client, officer):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    _login(client, officer)
    assert client.session.session_key != before


def test_logout_flushes_the_session(client, officer):
    _login(client, officer)
    key = client.session.session_key
    client.post(reverse("logout"))
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()


def test_idle_for_more_than_30_minutes_logs_out(client, officer):
    _login(client, officer)
    _age_session(client, login_ago=31 * 60, seen_ago=31 * 60)
    response = client.get(reverse("unit_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_activity_keeps_the_session_alive(client, officer):
    _login(client, officer)
    _age_session(client, login_ago=2 * 3600, seen_ago=29 * 60)
    assert client.get(reverse("unit_list")).status_code == 200


def test_twelve_hours_after_login_the_session_ends_even_if_active(client, officer):
    _login(client, officer)
    _age_session(client, login_ago=12 * 3600 + 60, seen_ago=10)
    assert client.get(reverse("unit_list")).status_code == 302


def test_deactivating_a_user_ends_their_sessions(client, officer):
    _login(client, officer)
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert client.get(reverse("unit_list")).status_code == 302


def test_changing_the_password_ends_other_sessions(client, officer):
    from django.test import Client

    other = Client()
    _login(other, officer)
    _login(client, officer)
    client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-cau-mat-khau-dai-hon-2026",
            "new_password2": "Mot-cau-mat-khau-dai-hon-2026",
        },
    )
    assert client.get(reverse("unit_list")).status_code == 200
    assert other.get(reverse("unit_list")).status_code == 302
