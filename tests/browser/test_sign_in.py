import pytest

from tests.browser.conftest import PHONE, axe_serious

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_signs_in_through_the_form_and_reaches_their_desk(
    page, live_server, log_in, officer, shoot
):
    log_in(page, officer)
    assert page.get_by_role("heading", name="Bàn làm việc — Cán bộ tiếp nhận").is_visible()
    shoot(page, "officer-landing")
    assert axe_serious(page) == []


def test_login_page_is_accessible_and_usable_by_keyboard(page, live_server, officer, shoot):
    from tests.conftest import PASSWORD

    page.goto(f"{live_server.url}/dang-nhap/")
    shoot(page, "login")
    assert axe_serious(page) == []
    page.get_by_label("Tên đăng nhập").focus()
    page.keyboard.type(officer.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/trang-chu/tiep_nhan/")


def test_wrong_password_shows_the_vietnamese_error(page, live_server, log_in, officer):
    log_in(page, officer, password="sai-mat-khau")
    assert page.get_by_text("Vui lòng nhập chính xác tên đăng nhập và mật khẩu").is_visible()


def test_commune_official_landing_on_a_phone(
    browser, live_server, official_son_binh, log_in, shoot
):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    log_in(page, official_son_binh)
    assert page.get_by_role("link", name="Xã Sơn Bình").is_visible()
    shoot(page, "commune-official-landing-phone")
    assert axe_serious(page) == []
    context.close()
