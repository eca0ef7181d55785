import pytest
from django.test import Client
from django.urls import reverse


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    parts = [p.strip().split(" ", 1) for p in header.split(";") if p.strip()]
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


@pytest.mark.parametrize("path", ["/dang-nhap/", "/khong-co-trang-nay/"])
def test_security_headers_on_pages_and_404(client, db, path):
    response = client.get(path)
    csp = _csp(response)
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in csp["script-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.urls("tests.core.test_error_pages")
def test_security_headers_on_500(settings, db):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/no-tung/")
    assert response.status_code == 500
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_hsts_for_a_year_on_secure_requests(settings, client, db):
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    response = client.get("/dang-nhap/", secure=True)
    max_age = int(response["Strict-Transport-Security"].split("max-age=")[1].split(";")[0])
    assert max_age >= 31_536_000


def test_unknown_host_is_refused_with_400(client, db):
    assert client.get("/dang-nhap/", HTTP_HOST="tan-cong.example").status_code == 400


def test_authenticated_pages_are_not_cached(client_for, officer):
    response = client_for(officer).get(reverse("unit_list"))
    assert "no-store" in response["Cache-Control"]


def test_login_page_for_anonymous_may_be_cached_but_downloads_never(client, db):
    from django.http import HttpResponse

    from ban138.security import NoStoreMiddleware

    def download(request):
        response = HttpResponse(b"%PDF-1.7", content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="bao-cao.pdf"'
        return response

    class Anonymous:
        is_authenticated = False

    request = type("R", (), {"user": Anonymous()})()
    assert "no-store" in NoStoreMiddleware(download)(request)["Cache-Control"]


def test_production_cookies_are_secure_and_http_only():
    import os
    import subprocess
    import sys

    code = (
        "import ban138.settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "a.vn",
        "INFORMANT_KEYS": "t1:" + "A" * 43 + "=",
        "INFORMANT_ACTIVE_KEY_ID": "t1",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_URL": "postgres://ban138@/ban138",
    }
    env.pop("DEBUG", None)
    result = subprocess.run(  # noqa: S603 — fixed interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    secure, csrf_secure, httponly, samesite, redirect, hsts = result.stdout.split()
    assert (secure, csrf_secure, httponly, redirect) == ("True", "True", "True", "True")
    assert samesite in {"Lax", "Strict"}
    assert int(hsts) >= 31_536_000
