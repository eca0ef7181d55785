"""XLSX export, reminders, the menu badge, landing work lists, the data-quality page, demo data."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.tips.factories import make_tip, verifying_tip
from tips import services
from tips.exports import HEADERS
from tips.models import Tip, TipAction, TipDuty, TipState, TipStep

pytestmark = pytest.mark.django_db


def _days_ago(n):
    return timezone.now() - dt.timedelta(days=n)


def _sheet(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_export_has_vietnamese_headers_and_the_register_columns(
    client_for, officer, leader, son_binh
):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh, received_at=_days_ago(10))
    services.tip_decide(
        tip=tip,
        by=leader,
        outcome=TipState.NOT_PROSECUTED,
        number="8/QĐ-CAH",
        date=timezone.localdate(),
        ground="157_2",
    )
    make_tip(
        by=officer, commune=son_binh, received_at=_days_ago(400), summary="Năm ngoái, không xuất"
    )
    since = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    response = client_for(officer).get(reverse("tips:export"), {"date_from": since})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(_sheet(response).iter_rows(values_only=True))
    assert list(rows[2]) == HEADERS
    assert len(rows) == 4
    row = dict(zip(HEADERS, rows[3], strict=True))
    assert row["Số tiếp nhận"] == tip.register_number
    assert row["Quyết định"] == "Không khởi tố vụ án" and row["Số quyết định"] == "8/QĐ-CAH"
    assert row["Số ngày giải quyết"] == 10


def test_reminders_go_to_the_assigned_officer_and_leaders(
    officer, other_officer, leader, son_binh, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for user, email in (
        (officer, "a@x.invalid"),
        (other_officer, "b@x.invalid"),
        (leader, "c@x.invalid"),
    ):
        user.email = email
        user.save()
    late = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh, received_at=_days_ago(25)),
        by=leader,
        officer=officer,
    )
    make_tip(by=officer, commune=son_binh)  # not due yet
    call_command("send_reminders", stdout=io.StringIO())
    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {"a@x.invalid", "c@x.invalid"}
    assert late.register_number in to["a@x.invalid"].body and "quá hạn" in to["a@x.invalid"].body


def test_reminders_dry_run_sends_nothing(officer, leader, son_binh, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    leader.email = "c@x.invalid"
    leader.save()
    make_tip(by=officer, commune=son_binh, received_at=_days_ago(25))
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert mail.outbox == [] and "c@x.invalid" in out.getvalue()


def test_menu_badge_and_work_lists(client_for, officer, other_officer, leader, son_binh):
    mine = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh, received_at=_days_ago(25)),
        by=leader,
        officer=officer,
    )
    make_tip(
        by=officer,
        commune=son_binh,
        received_at=_days_ago(18),
        summary="Chưa phân công, sắp hết hạn",
    )
    leader_page = client_for(leader).get(reverse("landing", kwargs={"role": "lanh_dao_cong_an"}))
    badge = dict((item.url_name, count) for item, count in leader_page.context["menu_items"])
    assert badge["tips:register"] == 2
    assert "Quá hạn giải quyết" in leader_page.content.decode()
    officer_page = client_for(officer).get(reverse("landing", kwargs={"role": "tiep_nhan"}))
    assert (
        dict((i.url_name, c) for i, c in officer_page.context["menu_items"])["tips:register"] == 1
    )
    assert mine.register_number in officer_page.content.decode()
    other_page = client_for(other_officer).get(reverse("landing", kwargs={"role": "tiep_nhan"}))
    assert (
        dict((i.url_name, c) for i, c in other_page.context["menu_items"])["tips:register"] is None
    )


def test_landing_query_count_does_not_grow_with_tips(
    client_for, leader, officer, son_binh, django_assert_max_num_queries
):
    client = client_for(leader)
    url = reverse("landing", kwargs={"role": "lanh_dao_cong_an"})
    for i in range(30):
        make_tip(
            by=officer,
            commune=son_binh,
            received_at=_days_ago(i),
            summary=f"Nguồn tin thứ {i} khác nhau",
        )
    with django_assert_max_num_queries(15):
        client.get(url)


def test_quality_page_lists_overdue_unsolved_cases_and_likely_duplicates(
    client_for, officer, leader, son_binh
):
    late = make_tip(
        by=officer,
        commune=son_binh,
        received_at=_days_ago(30),
        summary="Trộm bò của ông A ở Liên Hòa",
    )
    twin = make_tip(
        by=officer,
        commune=son_binh,
        received_at=_days_ago(29),
        summary="Trộm bò của ông A ở Liên Hòa báo lại",
    )
    case_tip = verifying_tip(
        leader=leader, officer=officer, commune=son_binh, summary="Đánh bạc ăn tiền ở chợ"
    )
    services.tip_decide(
        tip=case_tip,
        by=leader,
        outcome=TipState.PROSECUTED,
        number="20/QĐ",
        date=timezone.localdate(),
    )
    page = client_for(leader).get(reverse("tips:quality")).content.decode()
    assert late.register_number in page and twin.register_number in page and "20/QĐ" in page
    assert client_for(officer).get(reverse("tips:quality")).status_code == 403


def test_demo_seed_is_idempotent_covers_every_state_and_matches_the_2020_article(demo):
    from tips import demo as tips_demo
    from tips.queries import period_figures

    first = list(Tip.objects.order_by("year", "number").values_list("summary", "state"))
    tips_demo.seed(stdout=io.StringIO())  # over the seeded demo: adds nothing
    assert Tip.objects.count() == len(first)
    assert set(Tip.objects.values_list("state", flat=True)) == set(TipState.values)
    y2020 = period_figures(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31))
    y2019 = period_figures(start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31))
    assert y2020.received == 57
    # The article's 54 were settled within 2020; the three carried over were settled early in
    # 2021, as a district settles them: no tip of a past year is still open.
    tips_2020 = Tip.objects.filter(year=2020).exclude(state=TipState.MERGED)
    assert tips_2020.filter(decision_date__lte=dt.date(2020, 12, 31)).count() == 54
    assert y2020.settled == 57
    this_year = timezone.localdate().year
    assert not Tip.objects.open().filter(year__lt=this_year).exists()
    assert Tip.objects.open().filter(year=this_year).exists()  # the current year in progress
    old_duties = TipDuty.objects.filter(sent_on__isnull=True, tip__year__lt=this_year)
    assert not old_duties.exists()  # every past notice sent
    assert TipStep.objects.filter(action=TipAction.RESUME).exists()
    assert y2019.received > y2020.received
    assert y2020.by_crime_group["ma_tuy"] > 0 and y2020.by_crime_group["co_bac"] > 0


def test_the_work_lists_read_in_one_query_equal_each_list_read_alone(
    rf, officer, leader, son_binh, django_assert_num_queries
):
    """Overlapping lists (an overdue tip that is also the officer's own) with more than a panel's
    rows each: the one-query read returns exactly each list's own first rows."""
    from ban138.auth import user_with_access
    from tips.panels import PANEL_ROWS, work_lists

    today = timezone.localdate()
    for i in range(PANEL_ROWS + 4):
        tip = make_tip(by=officer, commune=son_binh, received_at=_days_ago(30 + i))
        if i % 2:
            services.tip_assign(tip=tip, by=leader, officer=officer)
    for i in range(PANEL_ROWS + 2):
        make_tip(by=officer, commune=son_binh, received_at=_days_ago(17 + i % 3))
    request = rf.get("/")
    # As the request's user: read with its roles and committee (ban138/auth.py).
    request.user = user_with_access(officer.pk)
    with django_assert_num_queries(1):
        lists = {key: rows for key, _title, rows in work_lists(request)["lists"]}
    tips = Tip.objects.order_by("due_on", "id")
    expected = {
        "overdue": tips.overdue(today).assigned_to(officer),
        "due_soon": tips.due_soon(today).assigned_to(officer),
        "unassigned": tips.unassigned(),
        "mine": tips.open().assigned_to(officer),
    }
    assert set(lists) == set(expected)
    for key, queryset in expected.items():
        assert lists[key] == list(queryset[:PANEL_ROWS]), key
    assert len(lists["unassigned"]) == PANEL_ROWS and lists["overdue"]


def test_the_badge_counts_at_most_a_hundred_and_shows_99_plus(
    client_for, officer, leader, son_binh
):
    """A bounded count: at a province's size the badge reads at most 100 index entries."""
    from tests.tips.test_register_list import _bulk

    _bulk(300, officer, son_binh)
    page = client_for(leader).get(reverse("tips:register"))
    badge = dict((item.url_name, count) for item, count in page.context["menu_items"])
    assert badge["tips:register"] == 100
    assert Tip.objects.needs_attention(timezone.localdate()).count() > 100
    assert '<span class="badge rounded-pill text-bg-light">99+</span>' in page.content.decode()


def test_an_unsent_notice_shows_on_the_tip_the_quality_page_and_in_reminders(
    client_for, officer, leader, son_binh, settings
):
    """Art. 146(1): the written notice of receipt to the procuracy has its own 03-day clock;
    recording it as sent (number, date) closes it everywhere."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    leader.email = "c@x.invalid"
    leader.save()
    tip = make_tip(by=officer, commune=son_binh, received_at=_days_ago(6))
    duty = tip.duties.get()
    label = "Thông báo bằng văn bản việc tiếp nhận cho Viện kiểm sát"
    assert label in client_for(leader).get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert label in client_for(leader).get(reverse("tips:quality")).content.decode()
    call_command("send_reminders", stdout=io.StringIO())
    assert label in mail.outbox[0].body and tip.register_number in mail.outbox[0].body
    response = client_for(leader).post(
        reverse("tips:action", args=[tip.pk, "da-gui-thong-bao"]),
        {"duty": duty.pk, "number": "5/TB-CAH", "date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    duty.refresh_from_db()
    assert (duty.sent_number, duty.sent_on) == ("5/TB-CAH", timezone.localdate())
    page = client_for(leader).get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert "Đã ghi nhận: Thông báo bằng văn bản việc tiếp nhận" in page  # says what was done
    assert "đã gửi ngày" in page
    assert label not in client_for(leader).get(reverse("tips:quality")).content.decode()
    mail.outbox.clear()
    call_command("send_reminders", stdout=io.StringIO())
    assert all(label not in m.body for m in mail.outbox)
