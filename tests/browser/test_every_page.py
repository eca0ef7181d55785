"""Every page of every role, on a phone (375 × 740) and a desktop (1366 × 900), in a browser set
to English as most office PCs are: no page scrolls sideways, controls a finger hits are at least
44 px tall and status badges at least 14 px on the phone, and axe finds nothing serious or
critical at either size. The pages come from the URL conf and the demo data (tests/browser/
crawl.py), so a new page is crawled without anyone adding it here. To look at them, run it with
CRAWL_SCREENSHOTS=1: every page at both sizes is then kept under artifacts/screenshots/crawl/
<role>/ (a sixth of the crawl's time, so not in every run).

The crawl is found once, with Django's test client on the demo rolled back (the first test, with
the tests that roll back), and shared with the browser tests, which commit and so run last
(tests/demo_snapshot.py: the same rows, so the same keys). The browser work is one test per
role, which tests/ordering.py hands out one by one, so both workers share it."""

import functools
import os
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from ban138.roles import Role
from tests import demo_snapshot
from tests.browser.conftest import SCREENSHOTS, axe_serious
from tests.browser.crawl import MEASURE, NOT_PAGES, discover, unexplained

# Page layout does not depend on the database: crawled once, on SQLite.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor == "postgresql",
        reason="bố cục trang không phụ thuộc CSDL: chỉ duyệt một lần, trên SQLite",
    ),
]
KEEP_SCREENSHOTS = os.environ.get("CRAWL_SCREENSHOTS") == "1"

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
SIGNED_OUT = "chua-dang-nhap"
LABELS = [SIGNED_OUT, *(str(role) for role in Role)]


def _users():
    User = get_user_model()
    users = {SIGNED_OUT: None}
    for role in Role:
        user = User.objects.filter(groups__name=role.value, is_active=True).order_by("pk").first()
        assert user is not None, f"the demo data has no user with the role {role.label}"
        users[str(role)] = user
    return users


@functools.cache  # once a process, when no make test run shares it
def _crawl():
    return demo_snapshot.shared(lambda: discover(_users()), name="crawl")


def _context(browser, live_server, user):
    # English, as on most office PCs: nothing on the page may depend on the browser's language.
    context = browser.new_context(viewport=PHONE, locale="en-US", timezone_id="Asia/Ho_Chi_Minh")
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def _problems(measure: dict, *, phone: bool) -> list[str]:
    found = []
    if measure["overflow"] > 0:
        found.append(f"scrolls sideways by {measure['overflow']} px: {measure['wide']}")
    if phone and measure["small"]:
        found.append(f"controls under 44 px: {measure['small']}")
    if phone and measure["tiny"]:
        found.append(f"status text under 14 px: {measure['tiny']}")
    return found


def test_every_pattern_is_a_page_of_some_role_or_explained(demo):
    crawl = _crawl()
    assert unexplained(crawl) == {}, "pages the crawl cannot reach; fill their keys or explain"
    assert set(NOT_PAGES) <= set(crawl.outcome)  # no stale explanation
    assert list(crawl.pages) == LABELS
    assert not [label for label in LABELS if not crawl.pages[label]], "a role that opens no page"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("label", LABELS)
def test_every_page_of_the_role_fits_a_phone_and_a_desktop(
    label, browser, live_server, committed_demo
):
    crawl = _crawl()
    urls, axed = crawl.pages[label], set(crawl.axe[label])
    assert urls, f"{label} opens no page"
    folder = SCREENSHOTS / "crawl" / label
    if KEEP_SCREENSHOTS:
        folder.mkdir(parents=True, exist_ok=True)
    context = _context(browser, live_server, _users()[label])
    page = context.new_page()
    problems = []
    for url in urls:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + url)
        page.wait_for_load_state()
        name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "trang-dau"
        for size, phone in ((PHONE, True), (DESKTOP, False)):
            page.set_viewport_size(size)
            where = f"{label} {url} at {size['width']} px"
            measure = page.evaluate(MEASURE)
            problems += [f"{where}: {p}" for p in _problems(measure, phone=phone)]
            if KEEP_SCREENSHOTS:
                shot = folder / f"{name}-{size['width']}.png"
                page.screenshot(path=str(shot), full_page=True)
            if url in axed:
                problems += [f"{where}: axe {v}" for v in axe_serious(page)]
    context.close()
    assert not problems, "\n".join(problems)
