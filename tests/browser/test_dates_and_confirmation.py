"""In a browser set to English, as most office PCs are: date fields still show and take
dd/mm/yyyy with a Vietnamese calendar, a date that does not exist is kept and flagged in
Vietnamese, and approving a campaign plan asks for confirmation first."""

import pytest
from playwright.sync_api import expect

from campaigns.models import Campaign, State

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def english_page(browser, live_server):
    context = browser.new_context(
        locale="en-US", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 375, "height": 740}
    )
    yield context.new_page()
    context.close()


def test_a_date_is_picked_and_typed_as_dd_mm_yyyy_in_an_english_browser(
    english_page, live_server, log_in, commune_official_with_model
):
    page = english_page
    official, model = commune_official_with_model
    log_in(page, official)
    page.goto(f"{live_server.url}/mo-hinh/{model.pk}/cap-nhat/")
    field = page.get_by_label("Ngày kiểm tra")
    assert field.get_attribute("type") == "text"
    field.click()
    calendar = page.locator(".flatpickr-calendar.open")
    expect(calendar).to_be_visible()
    expect(calendar.locator(".flatpickr-weekday").first).to_have_text("T2")
    expect(calendar.locator(".flatpickr-monthDropdown-months")).to_contain_text("Tháng")
    # Typed (as pasted from a document): 4 January, kept as typed.
    field.fill("04/01/2026")
    page.keyboard.press("Tab")
    expect(field).to_have_value("04/01/2026")
    # A day that does not exist stays in the field and is flagged in Vietnamese.
    field.fill("31/02/2026")
    page.keyboard.press("Tab")
    expect(field).to_have_value("31/02/2026")
    assert "ngày/tháng/năm" in field.evaluate("e => e.validationMessage")


def test_approving_a_plan_asks_first(english_page, live_server, log_in, chairman, draft_campaign):
    page = english_page
    log_in(page, chairman)
    page.goto(f"{live_server.url}/dot-cao-diem/{draft_campaign.pk}/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Phê duyệt kế hoạch").click()
    page.wait_for_timeout(300)
    assert Campaign.objects.get(pk=draft_campaign.pk).state == State.DRAFT
    assert "Phê duyệt kế hoạch?" in questions[0]

    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Phê duyệt kế hoạch").click()
    expect(page.get_by_text("Đã phê duyệt kế hoạch.")).to_be_visible()
    assert Campaign.objects.get(pk=draft_campaign.pk).state == State.APPROVED


@pytest.fixture
def draft_campaign(secretariat, son_binh, son_lam):
    from campaigns.models import TargetKind
    from tests.campaigns.factories import CampaignFactory, TargetFactory

    campaign = CampaignFactory(created_by=secretariat, communes=[son_binh, son_lam])
    TargetFactory(campaign=campaign, kind=TargetKind.SOLVED_RATE, value=70)
    return campaign


@pytest.fixture
def commune_official_with_model(official_son_binh, son_binh):
    import datetime as dt

    from models_registry.models import Status
    from tests.models_registry.factories import make_model

    return official_son_binh, make_model(son_binh, (dt.date(2020, 7, 1), Status.ACTIVE))
