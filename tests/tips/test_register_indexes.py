"""The register's streams are each read by an index of their own (docs/PERFORMANCE.md, "Register
list"): the urgent tips whose alert is not recorded by ``tip_unalerted_due_id_idx`` — they are a
handful, and without it they were found by reading every open tip (190 ms at 1M, issue 21)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from tests.tips.factories import make_tip
from tips.models import Tip
from tips.views import priority_streams

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_unalerted_streams_are_read_by_their_own_index(officer, son_binh):
    # Many open tips, three of them urgent with no alert recorded: the shape of a real register.
    today = timezone.localdate()
    first = make_tip(by=officer, commune=son_binh)
    clones = []
    for number in range(first.number + 1, first.number + 3_000):
        clone = Tip.objects.get(pk=first.pk)
        clone.pk, clone.number = None, number
        clone.due_on = today + dt.timedelta(days=number % 40 - 20)  # overdue, due soon, later
        clones.append(clone)
    Tip.objects.bulk_create(clones, batch_size=1_000)
    unalerted = Tip.objects.order_by("-pk")[:3].values_list("pk", flat=True)
    Tip.objects.filter(pk__in=list(unalerted)).update(urgent=True, urgent_alerted_at=None)
    Tip.objects.exclude(pk__in=list(unalerted)).update(urgent=False)
    connection.cursor().execute("ANALYZE tips_tip")
    streams = priority_streams(Tip.objects.all(), today)
    for stream in streams[:3]:
        assert "tip_unalerted_due_id_idx" in _plan(stream.values("pk")[:51])


def test_a_register_number_is_found_in_each_registers_unique_index(officer, son_binh):
    """ "49" is read from the (receiving body, year, number) index of each register the counters
    know — with the body and year in the index condition, not a walk of the whole index for
    number 49 (50 ms at 1M tips once the registers were kept per body, issue 20)."""
    from tips import search

    first = make_tip(by=officer, commune=son_binh)
    clones = []
    for number in range(first.number + 1, first.number + 3_000):
        clone = Tip.objects.get(pk=first.pk)
        clone.pk, clone.number = None, number
        clones.append(clone)
    Tip.objects.bulk_create(clones, batch_size=1_000)
    connection.cursor().execute("ANALYZE tips_tip")
    for query in ("49", f"49/{first.year}"):
        plan = _plan(Tip.objects.filter(search.condition(query)).values("pk"))
        assert "tip_number_unique_per_body_year" in plan, plan
        assert f"(receiving_body_id = {first.receiving_body_id})" in plan, plan
    assert Tip.objects.filter(search.condition(f"{first.number}")).get() == first
