"""Two server processes, one database, one Redis: a write through one is seen by the very next
request to the other (issue: the page cache was per worker, so the other served stale pages).

Real components: two gunicorn processes, the test's PostgreSQL database and a redis-server the test
starts on a free port. The leader's register page is cached per user by data generation
(ban138/caching.py); the generation lives in the shared cache, so a write in A moves it for B.
With each process's own local-memory cache (no REDIS_URL) B keeps serving its stale page, and this
test fails (tried).
"""

import base64
import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.tips.factories import make_tip

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited early with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port} after {seconds} s")


@contextlib.contextmanager
def running(command: list[str], port: int, env: dict):
    process = subprocess.Popen(  # noqa: S603 — a fixed command line of the test's own
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_for_port(port, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def database_url() -> str:
    db = connection.settings_dict
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


class PageForms(HTMLParser):
    """The fields a browser would submit from each form of a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.fields: dict | None = None
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.fields = {}
            self.forms.append(self.fields)
        if self.fields is None or ("name" not in attrs and tag != "option"):
            return
        unticked = attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs
        if tag == "input" and not unticked:
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs["name"]
            self.fields.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.fields = None

    @classmethod
    def form_with(cls, page: str, field: str) -> dict:
        parser = cls()
        parser.feed(page)
        return next(form for form in parser.forms if field in form)


class Browser:
    """Just enough of a browser: one session cookie, CSRF cookie, form replay."""

    def __init__(self, session_cookie: str):
        self.cookies = {settings.SESSION_COOKIE_NAME: session_cookie}

    def request(self, port: int, method: str, path: str, body: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        conn.request(method, path, data, headers)
        response = conn.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        page = response.read().decode()
        conn.close()
        return response.status, page


@pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server không có (CI cài gói redis-server)")
def test_a_write_on_one_server_is_seen_by_the_next_request_to_the_other(leader, son_binh):
    tip = make_tip(by=leader, commune=son_binh, summary="Trộm cắp tài sản lần đầu")
    client = Client()
    client.force_login(leader)
    browser = Browser(client.cookies[settings.SESSION_COOKIE_NAME].value)

    redis_port, port_a, port_b = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ban138.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECRET_KEY": settings.SECRET_KEY,
        "INFORMANT_KEYS": "test1:" + base64.b64encode(settings.INFORMANT_KEYS["test1"]).decode(),
        "INFORMANT_ACTIVE_KEY_ID": "test1",
    }
    gunicorn = [sys.executable, "-m", "gunicorn", "ban138.wsgi", "--workers", "1"]
    redis = [REDIS_SERVER, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""]
    with (
        running([*redis, "--appendonly", "no"], redis_port, env),
        running([*gunicorn, "--bind", f"127.0.0.1:{port_a}"], port_a, env),
        running([*gunicorn, "--bind", f"127.0.0.1:{port_b}"], port_b, env),
    ):
        status, page = browser.request(port_b, "GET", "/nguon-tin/")
        assert status == 200 and "Trộm cắp tài sản lần đầu" in page  # B has cached its page

        status, form_page = browser.request(port_a, "GET", f"/nguon-tin/{tip.pk}/sua/")
        assert status == 200
        fields = PageForms.form_with(form_page, "summary")
        fields["summary"] = "Trộm cắp tài sản, đã sửa trên máy A"
        status, _ = browser.request(port_a, "POST", f"/nguon-tin/{tip.pk}/sua/", fields)
        assert status == 302, "the edit on A was refused"

        status, page = browser.request(port_b, "GET", "/nguon-tin/")
        assert status == 200
        assert "đã sửa trên máy A" in page
        assert "Trộm cắp tài sản lần đầu" not in page
