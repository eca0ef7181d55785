"""The officer's journey: a phone tip from Sơn Bình is logged, assigned, looked into and closed.

Driven through the visible Vietnamese labels and buttons, as the officer and the leader do it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_serious

pytestmark = pytest.mark.django_db(transaction=True)

SUMMARY = "Người dân báo có nhóm thanh niên tụ tập đánh bạc tại nhà văn hóa thôn Liên Hòa."
INFORMANT = "Phạm Thị Hoa"
# The smallest valid PNG (1×1): the upload is checked by content, not by name.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def crime_groups(db):
    from tips.reference import ensure_crime_groups

    ensure_crime_groups()


@pytest.fixture
def named_leader(leader):
    """The leader under a name of their own, so the access log shows who looked."""
    leader.last_name, leader.first_name = "Trần Thị", "Lan"
    leader.save()
    return leader


def _fill_phone_tip(page, attachment):
    page.get_by_label("Loại nguồn tin").select_option(label="Tin báo về tội phạm")
    page.get_by_label("Hình thức tiếp nhận").select_option(label="Điện thoại")
    page.get_by_label("Xã / thị trấn").select_option(label="Xã Sơn Bình")
    page.get_by_label("Thôn / tổ dân phố").select_option(label="Thôn Liên Hòa")
    page.get_by_label("Nhóm tội phạm").select_option(index=1)
    page.get_by_label("Tóm tắt nội dung").fill(SUMMARY)
    page.get_by_label("Họ tên người tố giác, báo tin").fill(INFORMANT)
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Tệp đính kèm (PDF, JPEG, PNG)").set_input_files(str(attachment))


def test_officer_logs_a_phone_tip_and_a_leader_closes_it(
    browser, live_server, log_in, officer, named_leader, crime_groups, tmp_path, shoot
):
    attachment = tmp_path / "bien-ban-tiep-nhan.png"
    attachment.write_bytes(PNG)

    officer_context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = officer_context.new_page()
    log_in(page, officer)
    page.get_by_role("link", name="Tiếp nhận nguồn tin mới").click()
    expect(page.get_by_role("heading", name="Tiếp nhận nguồn tin về tội phạm")).to_be_visible()
    shoot(page, "officer-intake-form")
    assert axe_serious(page) == []

    _fill_phone_tip(page, attachment)
    page.get_by_role("button", name="Ghi vào sổ").click()

    heading = page.get_by_role("heading", name=re.compile(r"Nguồn tin số \d+.\d{4}"))
    expect(heading).to_be_visible()
    number = re.search(r"\d+/\d{4}", heading.inner_text()).group(0)
    expect(page.get_by_text(f"Đã ghi vào sổ: nguồn tin số {number}.")).to_be_visible()
    # The 20-day clock of Art. 147(1): received today, due 20 days on (or the next working day
    # when that falls on a day off), so the badge says 20 or a few more days.
    due = _due_for_today()
    expect(page.get_by_text(f"Còn {(due - _today()).days} ngày")).to_be_visible()
    expect(page.get_by_text(due.strftime("%d/%m/%Y"))).to_be_visible()
    # The receipt record names the informant: until the tip is assigned to this officer, only
    # leaders open it (issue 15.2); the page says a file is there.
    expect(page.get_by_text("1 tệp có thông tin nhận biết người tố giác")).to_be_visible()
    shoot(page, "officer-tip-registered")

    page.get_by_role("link", name="Nguồn tin", exact=True).first.click()
    expect(page.get_by_role("link", name=number)).to_be_visible()
    shoot(page, "officer-register-list")
    assert axe_serious(page) == []

    # A leader, in a browser of their own.
    leader_context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    lead = leader_context.new_page()
    log_in(lead, named_leader)
    expect(lead.get_by_role("heading", name="Bàn làm việc — Lãnh đạo Công an")).to_be_visible()
    assert axe_serious(lead) == []
    work_list = lead.locator("[data-list=unassigned]")
    work_list.get_by_role("link", name=number).click()

    assign = _step(lead, "Phân công cán bộ thụ lý")
    assign.get_by_label("Cán bộ thụ lý").select_option(label=_name(officer))
    assign.get_by_role("button", name="Phân công").click()
    expect(
        lead.get_by_text(f"Đã phân công nguồn tin số {number} cho {_name(officer)}.")
    ).to_be_visible()
    expect(lead.get_by_text("Đã phân công").first).to_be_visible()

    lead.get_by_label("Lý do xem (ghi vào nhật ký)").fill("Phân công, liên hệ người báo tin")
    lead.get_by_role("button", name="Hiện thông tin người tố giác").click()
    expect(lead.get_by_text(INFORMANT)).to_be_visible()
    expect(lead.get_by_text("Lượt xem này đã được ghi nhật ký.")).to_be_visible()
    shoot(lead, "leader-informant-revealed")

    lead.get_by_role("link", name="Chất lượng dữ liệu").click()
    lead.get_by_role("link", name="Nhật ký xem thông tin người tố giác").click()
    log_row = lead.get_by_role("row").filter(has=lead.get_by_role("link", name=number))
    expect(log_row).to_contain_text("Trần Thị Lan")
    shoot(lead, "leader-reveal-log")
    log_row.get_by_role("link", name=number).click()

    # The officer finds it in their own list and starts verifying.
    page.goto(f"{live_server.url}/")
    page.locator("[data-list=mine]").get_by_role("link", name=number).click()
    _step(page, "Bắt đầu xác minh").get_by_role("button", name="Bắt đầu xác minh").click()
    expect(page.get_by_text("Đang xác minh").first).to_be_visible()

    lead.reload()
    decision = _step(lead, "Quyết định không khởi tố vụ án hình sự")
    decision.get_by_label("Căn cứ không khởi tố (Điều 157)").select_option(index=2)
    decision.get_by_label("Số quyết định không khởi tố").fill("12/QĐ-CAH")
    decision.get_by_label("Ghi chú").fill("Không có dấu hiệu tội phạm.")
    decision.get_by_role("button", name="Ghi quyết định không khởi tố").click()
    expect(lead.get_by_text("Đã ghi quyết định không khởi tố số 12/QĐ-CAH")).to_be_visible()
    expect(lead.get_by_text("Không khởi tố vụ án").first).to_be_visible()
    shoot(lead, "leader-tip-decided")

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Nguồn tin cần xử lý")).to_be_visible()
    expect(page.get_by_role("region", name="Nguồn tin cần xử lý")).not_to_contain_text(number)
    shoot(page, "officer-landing-after-decision")
    officer_context.close()
    leader_context.close()


def _step(page, title):
    """A step panel of the detail page, opened (each is a <details> headed by the step's name)."""
    region = page.get_by_role("region", name=title)
    summary = region.locator("summary")
    if region.locator("details").get_attribute("open") is None:
        summary.click()
    return region


def test_suspend_resume_decide_and_a_merge_undone(
    browser, live_server, log_in, officer, named_leader, crime_groups, shoot, son_binh
):
    """Art. 148–149 in the browser: a tip past its 20 days is suspended on an Art. 148(1) ground,
    resumed (01 month from the resume decision, Art. 149(1)) and decided; a duplicate is merged
    after a confirmation that shows both, and the leader undoes the merge with a reason."""
    import datetime as dt

    from django.utils import timezone

    from tests.tips.factories import make_tip
    from tips import services

    received = timezone.now() - dt.timedelta(days=40)
    tip = make_tip(by=officer, commune=son_binh, received_at=received, summary=SUMMARY)
    tip = services.tip_assign(tip=tip, by=named_leader, officer=officer)
    tip = services.tip_start_verification(tip=tip, by=officer)
    duplicate = make_tip(by=officer, commune=son_binh, summary="Báo lại: " + SUMMARY)
    target = make_tip(by=officer, commune=son_binh, summary="Một vụ khác, mới tiếp nhận")
    today = timezone.localdate()

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    lead = context.new_page()
    log_in(lead, named_leader)
    lead.goto(f"{live_server.url}/nguon-tin/{tip.pk}/")
    expect(lead.get_by_text("Quá hạn", exact=False).first).to_be_visible()
    suspend = _step(lead, "Quyết định tạm đình chỉ giải quyết nguồn tin")
    suspend.get_by_label("Căn cứ tạm đình chỉ (Điều 148 khoản 1)").select_option(index=1)
    suspend.get_by_label("Số quyết định tạm đình chỉ").fill("3/QĐ-CAH")
    suspend.get_by_role("button", name="Ghi quyết định tạm đình chỉ").click()
    # ground a without the pending request: refused, what was typed kept
    expect(lead.get_by_role("alert")).to_contain_text("Điều 148 khoản 1 điểm a, b")
    suspend = _step(lead, "Quyết định tạm đình chỉ giải quyết nguồn tin")
    expect(suspend.get_by_label("Số quyết định tạm đình chỉ")).to_have_value("3/QĐ-CAH")
    suspend.get_by_label(re.compile("Việc trưng cầu")).fill("Trưng cầu giám định ngày 01/11")
    suspend.get_by_role("button", name="Ghi quyết định tạm đình chỉ").click()
    expect(lead.get_by_text("Đã ghi quyết định tạm đình chỉ số 3/QĐ-CAH")).to_be_visible()
    expect(lead.get_by_text("Tạm dừng tính hạn").first).to_be_visible()
    duties = lead.get_by_role("region", name="Thông báo, quyết định phải gửi")
    expect(duties).to_contain_text("Gửi quyết định tạm đình chỉ cho Viện kiểm sát")
    shoot(lead, "leader-tip-suspended")

    resume = _step(lead, "Phục hồi giải quyết nguồn tin")
    resume.get_by_label("Số quyết định phục hồi").fill("4/QĐ-CAH")
    resume.get_by_role("button", name="Phục hồi").click()
    due = _due(today, "149_1")
    expect(lead.get_by_text(f"hạn mới {due:%d/%m/%Y}")).to_be_visible()
    expect(
        lead.get_by_text(re.compile("01 tháng kể từ ngày quyết định phục hồi, Điều 149"))
    ).to_be_visible()
    shoot(lead, "leader-tip-resumed")

    decide = _step(lead, "Quyết định khởi tố vụ án hình sự")
    decide.get_by_label("Số quyết định khởi tố vụ án").fill("9/QĐ-CAH")
    decide.get_by_role("button", name="Ghi quyết định khởi tố").click()
    expect(lead.get_by_text("Đã ghi quyết định khởi tố vụ án số 9/QĐ-CAH")).to_be_visible()
    timeline = lead.get_by_role("region", name="Diễn biến")
    expect(timeline).to_contain_text("Quyết định tạm đình chỉ giải quyết nguồn tin")
    expect(timeline).to_contain_text("Số 3/QĐ-CAH")  # the suspension stays on the record
    expect(timeline).to_contain_text("Phục hồi giải quyết nguồn tin")
    shoot(lead, "leader-tip-prosecuted")

    lead.goto(f"{live_server.url}/nguon-tin/{duplicate.pk}/")
    merge = _step(lead, "Gộp vào nguồn tin khác")
    merge.get_by_label(re.compile("Gộp vào nguồn tin số")).fill(target.register_number)
    merge.get_by_role("button", name="Gộp").click()
    expect(lead.get_by_text("Một vụ khác, mới tiếp nhận")).to_be_visible()  # both shown
    shoot(lead, "leader-merge-confirmation")
    lead.get_by_role("button", name="Xác nhận gộp").click()
    expect(lead.get_by_text(f"vào nguồn tin số {target.register_number}")).to_be_visible()
    undo = _step(lead, "Hủy việc gộp nguồn tin")
    undo.get_by_label("Lý do").fill("Gộp nhầm: hai vụ khác nhau.")
    undo.get_by_role("button", name="Hủy việc gộp").click()
    expect(lead.get_by_text("Đã hủy việc gộp")).to_be_visible()
    expect(lead.get_by_text("Tiếp nhận").first).to_be_visible()
    shoot(lead, "leader-merge-undone")
    assert axe_serious(lead) == []
    context.close()


def _due(start, rule):
    from tips.deadlines import rule_end

    return rule_end(start, rule)


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _due_for_today():
    from tips.deadlines import BASE_DAYS, due_date

    today = _today()
    due = due_date(today)
    assert BASE_DAYS <= (due - today).days <= BASE_DAYS + 5
    return due


def _name(user):
    from ban138.text import person_name

    return person_name(user)
