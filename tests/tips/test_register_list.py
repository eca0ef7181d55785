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


@pytest.mark.xfail(
    strict=True,
    reason=(
        "issue 14 changed tips.views.with_priority (urgent tips not yet alerted first, overdue "
        "most overdue first); the keyset streams (priority_streams / _page_ids_sql, being "
        "reworked by the performance engineer) still cut pages by -id, so pages follow the old "
        "order across page boundaries. Remove this mark when the streams follow the new order."
    ),
)
def test_streams_walk_pages_in_the_old_case_order(client_for, officer, son_binh):
    """Tips in all three priority streams, several pages: exactly the old CASE order."""
    from tips.models import OPEN_STATES, TipState

    _bulk(130, officer, son_binh)
    today = timezone.localdate()
    closed = list(Tip.objects.order_by("id").values_list("pk", flat=True)[::4])
    Tip.objects.filter(pk__in=closed).update(state=TipState.PROSECUTED)
    client = client_for(officer)
    seen, params = [], {}
    for _ in range(10):
        response = client.get(URL, params)
        seen += response.context["tip_ids"]
        if not response.context["next_cursor"]:
            break
        params = {"sau": response.context["next_cursor"]}

    def bucket(tip):
        if tip.state in OPEN_STATES and tip.due_on < today:
            return 0
        if tip.state in OPEN_STATES and tip.due_on <= today + dt.timedelta(days=5):
            return 1
        return 2

    tips = list(Tip.objects.all())
    expected = [t.pk for t in sorted(tips, key=lambda t: (bucket(t), -t.pk))]
    assert {bucket(t) for t in tips} == {0, 1, 2}
    assert seen == expected and len(expected) == 130


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
