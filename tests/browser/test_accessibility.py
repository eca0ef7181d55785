"""Keyboard-only intake, and axe on the landing pages the journeys do not already cover."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_serious

pytestmark = pytest.mark.django_db(transaction=True)


def _tab_to(page, target, limit=25):
    """Press Tab until ``target`` has the focus, as a keyboard user moves through the form."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def test_intake_form_works_with_the_keyboard_alone(page, live_server, log_in, officer):
    from tips.reference import ensure_crime_groups

    ensure_crime_groups()
    log_in(page, officer)
    page.goto(f"{live_server.url}/nguon-tin/tiep-nhan/")
    assert axe_serious(page) == []
    # Every visible field has a label that names it.
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('input, select, textarea')]
             .filter(e => e.type !== 'hidden' && e.checkVisibility() && e.labels.length === 0)
             .map(e => e.name)"""
    )
    assert unlabelled == []

    page.locator("body").focus()
    _tab_to(page, page.get_by_label("Loại nguồn tin"))
    page.keyboard.press("ArrowDown")
    _tab_to(page, page.get_by_label("Hình thức tiếp nhận"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    _tab_to(page, page.get_by_label("Nhóm tội phạm"))
    page.keyboard.press("ArrowDown")
    _tab_to(page, page.get_by_label("Xã / thị trấn"))
    page.keyboard.press("ArrowDown")
    _tab_to(page, page.get_by_label("Tóm tắt nội dung"))
    page.keyboard.type("Mất trộm xe máy trước cửa nhà trong đêm.")
    _tab_to(page, page.get_by_label("Người tố giác giấu tên / không rõ danh tính"))
    page.keyboard.press("Space")
    _tab_to(page, page.get_by_role("button", name="Ghi vào sổ"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name=re.compile(r"Nguồn tin số \d+.\d{4}"))).to_be_visible()
    expect(page.get_by_text("Điện thoại", exact=True)).to_be_visible()


def test_secretariat_landing_is_accessible(page, live_server, log_in, secretariat, shoot):
    log_in(page, secretariat)
    expect(page.get_by_role("heading", name="Bàn làm việc — Thường trực BCĐ")).to_be_visible()
    shoot(page, "secretariat-landing")
    assert axe_serious(page) == []
