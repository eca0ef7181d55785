"""Default deny: every route of the site, walked from the URLconf, needs a logged-in user."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Routes a stranger must reach: the login pages (ours and the admin's), and the admin's logout,
# which for a stranger only redirects (there is no session to end); and the status page for
# monitoring, which shows status words only (tests/core/test_backup.py).
PUBLIC = {"/dang-nhap/", "/quan-tri/login/", "/quan-tri/logout/", "/suc-khoe/"}
SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def _concrete(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:
        # The admin's regex routes: fill the named groups with a sample value.
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", "1", route).lstrip("^").rstrip("$").replace("\\", "")
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    return "/" + path


ROUTES = sorted({r for r in (_concrete(r) for r in _walk(get_resolver().url_patterns)) if r})


def test_the_walk_found_the_sites_routes():
    assert "/dia-ban/1/" in ROUTES
    assert len(ROUTES) > 20


@pytest.mark.parametrize("path", [r for r in ROUTES if r not in PUBLIC])
def test_route_requires_login(client, db, path):
    for method in (client.get, client.post):
        response = method(path)
        if response.status_code == 405:
            continue
        assert response.status_code in {301, 302}, f"{path}: {response.status_code}"
        location = response["Location"]
        if response.status_code == 301:  # APPEND_SLASH: follow once
            response = method(location)
            location = response.get("Location", "")
        assert "/dang-nhap/" in location or "/quan-tri/login/" in location, f"{path} → {location}"
