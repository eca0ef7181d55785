"""CSRF is enforced and no code path opts out of it or of explicit form fields."""

import pathlib

from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = ["ban138", "tips", "campaigns", "models_registry", "reports"]


def _source_files():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_login_without_a_csrf_token_is_refused(officer):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_logout_without_a_csrf_token_is_refused(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("unit_list")).status_code == 200


def test_no_view_is_exempt_from_csrf():
    offenders = [str(p) for p in _source_files() if "csrf_exempt" in p.read_text()]
    assert offenders == []


def test_no_form_takes_every_model_field():
    offenders = [
        str(p)
        for p in _source_files()
        if '"__all__"' in p.read_text() or "'__all__'" in p.read_text()
    ]
    assert offenders == []
