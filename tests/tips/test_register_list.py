"""The register list: access, filters, accent-insensitive search, keyset paging, query count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ban138 import caching
from tests.tips.factories import make_tip
from tips.models import CrimeGroup, Tip

pytestmark = pytest.mark.django_db
URL = reverse("tips:register")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("officer", 200),
        ("leader", 200),
        ("official_son_binh", 403),
        ("secretariat", 403),
        ("chairman", 403),
        ("outsider", 403),
    ],
)
def test_only_police_open_the_register(client_for, personas, persona, status):
    assert client_for(personas[persona]).get(URL).status_code == status


def test_anonymous_is_sent_to_login(client):
    assert reverse("login") in client.get(URL)["Location"]


@pytest.mark.parametrize("name", ["tips:create", "tips:quality", "tips:reveal_log", "tips:export"])
def test_commune_officials_cannot_open_any_tip_page(client_for, official_son_binh, name):
    assert client_for(official_son_binh).get(reverse(name)).status_code == 403


def test_search_ignores_accents_and_case(client_for, officer, son_binh, son_lam):
    hit = make_tip(
        by=officer, commune=son_binh, summary="Trộm bò ở Sơn Bình", address="Gần suối Đá"
    )
    miss = make_tip(by=officer, commune=son_lam, summary="Gây rối tại chợ", address="Tô Hạp")
    client = client_for(officer)
    for query in ("son binh", "SƠN BÌNH", "đa", "da", "suoi"):
        page = client.get(URL, {"q": query}).content.decode()
        assert hit.register_number in page, query
        assert f">{miss.register_number}<" not in page, query


def test_filters_narrow_the_list(client_for, officer, son_binh, son_lam):
    drugs = make_tip(by=officer, commune=son_binh, group="ma_tuy", summary="Ma túy ở Sơn Bình")
    theft = make_tip(
        by=officer,
        commune=son_lam,
        summary="Trộm ở Sơn Lâm",
        received_at=timezone.now() - dt.timedelta(days=40),
    )
    client = client_for(officer)
    page = client.get(
        URL, {"crime_group": CrimeGroup.objects.get(code="ma_tuy").pk}
    ).content.decode()
    assert f">{drugs.register_number}<" in page and f">{theft.register_number}<" not in page
    page = client.get(URL, {"overdue": "on"}).content.decode()
    assert f">{theft.register_number}<" in page and f">{drugs.register_number}<" not in page
    page = client.get(URL, {"commune": son_lam.pk}).content.decode()
    assert f">{theft.register_number}<" in page and f">{drugs.register_number}<" not in page
    since = timezone.localdate() - dt.timedelta(days=5)
    page = client.get(URL, {"date_from": since.isoformat()}).content.decode()
    assert f">{drugs.register_number}<" in page and f">{theft.register_number}<" not in page


def test_overdue_tips_come_first_and_show_days_left(client_for, officer, son_binh):
    old = make_tip(by=officer, commune=son_binh, received_at=timezone.now() - dt.timedelta(days=40))
    new = make_tip(by=officer, commune=son_binh)
    page = client_for(officer).get(URL).content.decode()
    assert page.index(f">{old.register_number}<") < page.index(f">{new.register_number}<")
    assert "Quá hạn" in page and "Còn" in page


def _bulk(n, officer, commune):
    group = CrimeGroup.objects.first()
    start = Tip.objects.count()
    Tip.objects.bulk_create(
        [
            Tip(
                year=2021,
                number=start + i + 1,
                kind="to_giac",
                channel="dien_thoai",
                received_at=timezone.now() - dt.timedelta(days=i % 60),
                commune=commune,
                crime_group=group,
                summary=f"Nguồn tin số {i}",
                registered_by=officer,
                assigned_to=officer,
                clock_start=timezone.localdate(),
                due_on=timezone.localdate() + dt.timedelta(days=(i % 30) - 10),
            )
            for i in range(n)
        ]
    )
    caching.bump()  # bulk_create sends no post_save; bulk writers drop the cache themselves


def test_the_list_query_count_is_the_same_for_10_and_500_tips(client_for, officer, son_binh):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(officer)
    client.get(URL)
    _bulk(10, officer, son_binh)
    with CaptureQueriesContext(connection) as ten:
        client.get(URL)
    _bulk(490, officer, son_binh)
    with CaptureQueriesContext(connection) as five_hundred:
        client.get(URL, {"q": "nguon tin"})
    assert len(ten) == len(five_hundred)
    assert not any("OFFSET" in q["sql"].upper() for q in five_hundred.captured_queries)


def test_keyset_pages_walk_every_tip_once(client_for, officer, son_binh):
    _bulk(120, officer, son_binh)
    client = client_for(officer)
    seen, params = [], {}
    for _ in range(5):
        response = client.get(URL, params)
        seen += response.context["tip_ids"]
        if not response.context["next_cursor"]:
            break
        params = {"sau": response.context["next_cursor"]}
    assert sorted(seen) == sorted(Tip.objects.values_list("pk", flat=True))
    assert len(seen) == len(set(seen)) == 120


def _mixed_register(officer, commune, n=130):
    """``n`` tips in all six streams: open and closed, overdue (several on each deadline, so
    pages cut through ties), due soon and later, urgent with and without the alert recorded."""
    from tips.models import TipState

    _bulk(n, officer, commune)
    ids = list(Tip.objects.order_by("id").values_list("pk", flat=True))
    Tip.objects.filter(pk__in=ids[::4]).update(state=TipState.PROSECUTED)
    Tip.objects.filter(pk__in=ids[1::3]).update(urgent=True)
    Tip.objects.filter(pk__in=ids[1::6]).update(urgent_alerted_at=timezone.now())
    caching.bump()


def _expected_order(today):
    """The register's order, computed here from the rule itself (issue 14): open urgent tips
    whose alert is not recorded above everything; within each of those two groups, overdue
    first from the earliest deadline, then due within five days, then the rest; ties and the
    non-overdue buckets newest first."""
    from tips.models import OPEN_STATES

    def key(tip):
        is_open = tip.state in OPEN_STATES
        unalerted = 0 if is_open and tip.urgent and tip.urgent_alerted_at is None else 1
        if is_open and tip.due_on < today:
            return (unalerted, 0, tip.due_on.toordinal(), -tip.pk)
        if is_open and tip.due_on <= today + dt.timedelta(days=5):
            return (unalerted, 1, 0, -tip.pk)
        return (unalerted, 2, 0, -tip.pk)

    tips = list(Tip.objects.all())
    streams = {key(t)[:2] for t in tips}
    assert streams == {(u, b) for u in (0, 1) for b in (0, 1, 2)}  # every stream has tips
    return [t.pk for t in sorted(tips, key=key)]


def test_walking_every_page_gives_the_order_of_one_sorted_list(client_for, officer, son_binh):
    """Issue 14: the order holds across pages, not only within one — no tip twice, none lost."""
    _mixed_register(officer, son_binh)
    client = client_for(officer)
    seen, params = [], {}
    for _ in range(10):
        response = client.get(URL, params)
        seen += response.context["tip_ids"]
        if not response.context["next_cursor"]:
            break
        params = {"sau": response.context["next_cursor"]}
    expected = _expected_order(timezone.localdate())
    assert len(expected) == 130 and seen == expected


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 11])
def test_keyset_pages_of_every_size_cut_the_sorted_list_anywhere(officer, son_binh, size):
    """Small pages put a boundary inside every stream, inside runs of tips with the same
    deadline and between the streams: each walk is the sorted list, cut into pages."""
    from tips.views import _parse_cursor, keyset_page

    _mixed_register(officer, son_binh, n=60)
    today = timezone.localdate()
    seen, cursor = [], None
    for _ in range(100):
        rows, next_cursor = keyset_page(Tip.objects.for_list(), cursor, today, size=size)
        assert len(rows) <= size
        seen += [t.pk for t in rows]
        if next_cursor is None:
            break
        cursor = _parse_cursor(next_cursor)
        assert cursor is not None
    assert seen == _expected_order(today)


@pytest.mark.parametrize(
    "raw",
    ["", "x", "0-12", "3-12", "1-20260101-12", "6-12", "0-20261332-12", "1-1-2", "0-2026010-1"],
)
def test_a_cursor_that_does_not_name_a_stream_position_is_refused(raw):
    """An overdue stream's cursor carries the deadline, the others' do not; anything else (an
    old bookmark, a typed value) is no cursor: the first rows are shown, never an error."""
    from tips.views import _parse_cursor

    assert _parse_cursor(raw) is None


def test_a_cursor_names_the_stream_and_its_sort_key():
    from tips.views import _parse_cursor

    assert _parse_cursor("0-20261201-15") == (0, dt.date(2026, 12, 1), 15)
    assert _parse_cursor("3-20261201-15") == (3, dt.date(2026, 12, 1), 15)
    assert _parse_cursor("4-15") == (4, None, 15)


def test_overdue_most_overdue_first_and_unalerted_urgent_tips_above_everything(
    client_for, officer, leader, son_binh
):
    """Issue 14: on one page, open urgent tips whose alert is not recorded come first, then the
    overdue ones from the earliest deadline, then due-soon, then the rest newest first."""
    from tips import services

    now = timezone.now()
    late_10 = make_tip(by=officer, commune=son_binh, received_at=now - dt.timedelta(days=40))
    late_30 = make_tip(by=officer, commune=son_binh, received_at=now - dt.timedelta(days=60))
    fresh = make_tip(by=officer, commune=son_binh)
    urgent = make_tip(by=officer, commune=son_binh, urgent=True)
    alerted = services.tip_record_alert(
        tip=make_tip(by=officer, commune=son_binh, urgent=True), by=officer
    )
    caching.bump()
    ids = [t.pk for t in client_for(leader).get(URL).context["tips"]]
    assert ids == [urgent.pk, late_30.pk, late_10.pk, alerted.pk, fresh.pk]
