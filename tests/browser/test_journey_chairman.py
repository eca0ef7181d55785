"""The chairman's journey: open the 2020 report draft, look at the preview, issue it, download the
PDF and read it back."""


import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_serious
from tests.reports.pdf_checks import normalised, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)

OUTSTANDING = [
    ("Gương sáng", "xã Sơn Lâm"),
    ("Giáo họ tự quản về ANTT", "xã Sơn Trung"),
    ("Thôn tự quản về ANTT", "xã Sơn Hiệp"),
]


@pytest.fixture
def demo_chairman(committed_demo):
    """The Khánh Sơn demo (2019–2021 data, the 2020 draft); its chairman with a known password."""
    from django.contrib.auth.models import User

    from tests.conftest import PASSWORD

    chairman = User.objects.get(username="truongban")
    chairman.set_password(PASSWORD)
    chairman.save()
    return chairman


def test_chairman_previews_issues_and_downloads_the_2020_report(
    page, live_server, log_in, demo_chairman, shoot
):
    log_in(page, demo_chairman)
    expect(page.get_by_role("heading", name="Bàn làm việc — Trưởng ban")).to_be_visible()
    assert axe_serious(page) == []
    shoot(page, "chairman-landing")

    page.get_by_role("link", name="Báo cáo tổng kết").first.click()
    expect(page.get_by_role("heading", name="Báo cáo tổng kết", exact=True)).to_be_visible()
    assert axe_serious(page) == []
    shoot(page, "chairman-report-index")
    page.get_by_role("region", name="Dự thảo đang soạn").get_by_role("link", name="2020").click()

    expect(
        page.get_by_role("heading", name="Dự thảo báo cáo tổng kết năm 2020 — Huyện Khánh Sơn")
    ).to_be_visible()
    assert axe_serious(page) == []
    shoot(page, "chairman-draft")

    page.get_by_role("link", name="Xem trước").click()
    expect(page.get_by_text("BÁO CÁO", exact=True)).to_be_visible()
    for name, _commune in OUTSTANDING:
        expect(page.get_by_text(name).first).to_be_visible()
    shoot(page, "chairman-preview")
    page.go_back()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_text("Đã ban hành báo cáo số 15/BC-BCĐ138.")).to_be_visible(timeout=30_000)
    shoot(page, "chairman-issued")
    assert axe_serious(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF báo cáo số 15/BC-BCĐ138").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    text = normalised(pdf_text(download.path().read_bytes()))
    assert "BÁO CÁO" in text
    assert "năm 2020" in text
    for name, commune in OUTSTANDING:
        assert f"mô hình “{name}” {commune}" in text
