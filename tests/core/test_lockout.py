import json
import logging

from django.urls import reverse

from tests.conftest import PASSWORD


def _attempt(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_failures_lock_the_username_from_that_address(client, officer):
    for _ in range(5):
        _attempt(client, officer.username, "sai")
    response = _attempt(client, officer.username, PASSWORD)
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_spread_over_addresses_lock_the_username_everywhere(
    client, officer, other_officer
):
    """Issue 15.9: five wrong passwords from five addresses lock the username as well."""
    for n in range(5):
        _attempt(client, officer.username, "sai", ip=f"198.51.100.{n + 1}")
    assert _attempt(client, officer.username, PASSWORD, ip="192.0.2.50").status_code == 429
    # Another user from those addresses is not affected.
    assert _attempt(client, other_officer.username, PASSWORD, ip="198.51.100.1").status_code == 302


def test_a_try_while_locked_does_not_restart_the_cool_off(client, officer):
    import datetime as dt

    from axes.models import AccessAttempt
    from django.db.models import F

    for _ in range(5):
        _attempt(client, officer.username, "sai")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=10))
    assert _attempt(client, officer.username, "sai").status_code == 429  # locked: refused
    # Sixteen minutes after the lock (six after the refused try) the lock has ended.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=6))
    assert _attempt(client, officer.username, PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, officer, settings):
    import datetime as dt

    from axes.models import AccessAttempt

    for _ in range(5):
        _attempt(client, officer.username, "sai")
    # Fifteen minutes later (axes compares the last failure time with the cool-off).
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert _attempt(client, officer.username, PASSWORD).status_code == 302


def test_behind_one_proxy_the_client_address_is_the_last_forwarded_hop(rf, settings):
    from ban138.security import client_ip

    settings.BEHIND_PROXY = True
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "203.0.113.9"
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "127.0.0.1"


def test_auth_events_are_single_json_lines_even_for_a_username_with_a_newline(
    client, officer, caplog
):
    caplog.set_level(logging.INFO, logger="ban138.audit")
    _attempt(client, 'ke-gia-mao\n{"event": "login"}', "sai")
    _attempt(client, officer.username, PASSWORD)
    client.post(reverse("logout"))
    lines = [r.getMessage() for r in caplog.records if r.name == "ban138.audit"]
    assert all("\n" not in line for line in lines)
    events = [json.loads(line) for line in lines]
    assert [e["event"] for e in events] == ["login_failed", "login", "logout"]
    assert events[0]["user"].startswith("ke-gia-mao\n")
    assert events[1]["ip"] == "203.0.113.7"
    assert events[1]["time"].endswith("+00:00")
