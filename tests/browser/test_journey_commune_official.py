"""The commune official's journey, on a phone: update a model of their commune, see it in the
history, and be turned away from a model of another commune."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, axe_serious

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "Lắp thêm 02 camera ở ngã ba Liên Hòa; tất cả đều hoạt động tốt."


@pytest.fixture
def models(son_binh, son_lam, lien_hoa):
    from models_registry.models import Status
    from tests.models_registry.factories import make_model, model_type

    camera = make_model(
        son_binh,
        (dt.date(2020, 7, 1), Status.ACTIVE),
        name="Camera an ninh",
        village=lien_hoa,
        model_type=model_type("camera"),
    )
    other = make_model(son_lam, (dt.date(2020, 5, 1), Status.ACTIVE), name="Gương sáng")
    return camera, other


def test_commune_official_updates_a_model_on_a_phone(
    browser, live_server, log_in, official_son_binh, models, shoot
):
    _camera, other = models
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", is_mobile=True
    )
    page = context.new_page()
    log_in(page, official_son_binh)
    assert axe_serious(page) == []
    shoot(page, "official-landing-phone")

    page.get_by_role("link", name="Cập nhật Camera an ninh").click()
    expect(page.get_by_role("heading", name="Cập nhật tình trạng")).to_be_visible()
    expect(page.get_by_text("Camera an ninh", exact=True)).to_be_visible()
    _no_sideways_scroll(page)
    assert axe_serious(page) == []

    page.get_by_label("Hoạt động hiệu quả").check()
    page.get_by_label("Số camera lắp đặt").fill("10")
    page.get_by_label("Số camera đang hoạt động").fill("10")
    page.get_by_label("Nhận xét").fill(NOTE)
    shoot(page, "official-check-form-phone")
    page.get_by_role("button", name="Lưu tình trạng").click()

    expect(page.get_by_text("Đã ghi nhận tình trạng mô hình.")).to_be_visible()
    history = page.get_by_role("region", name="Lịch sử kiểm tra (mới nhất trước)")
    latest = history.get_by_role("listitem").first
    expect(latest).to_contain_text(dt.date.today().strftime("%d/%m/%Y"))
    expect(latest).to_contain_text("Hoạt động hiệu quả")
    expect(latest).to_contain_text(NOTE)
    expect(latest).to_contain_text("camera 10/10 hoạt động")
    _no_sideways_scroll(page)
    shoot(page, "official-model-history-phone")

    response = page.goto(f"{live_server.url}/mo-hinh/{other.pk}/cap-nhat/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Không tìm thấy trang (404)")).to_be_visible()
    expect(page.get_by_text("nằm ngoài địa bàn bạn phụ trách")).to_be_visible()
    shoot(page, "official-refused-phone")
    response = page.goto(f"{live_server.url}/mo-hinh/{other.pk}/")
    assert response.status == 404
    context.close()


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"trang rộng {width}px, tràn ngang trên điện thoại"
