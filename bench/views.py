"""Baselines of ``make bench`` served through the same middleware as the product's pages: a
constant page (the floor of one request) and a bare keyset page of the register — the same 50
rows, read by hand-written SQL, rendered by a minimal template, no cache (what the register's
first page after a write is measured against). Never routed in production (bench/urls.py)."""

import datetime as dt

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.utils import timezone

from tips.models import OPEN_STATES

PAGE = b"<!doctype html><title>bare</title><p>" + b"x" * 2000 + b"</p>"

# The register's six streams (tips.views.priority_streams: the urgent tips whose alert is not
# recorded, then the others; in each, overdue by (deadline, -id), due within 5 days, the rest by
# -id), each read by its index with a LIMIT, glued and cut to 51 rows by (stream, the stream's
# own key, -id) as ban138.querysets.union_of_heads does; the rows joined to their commune,
# group and officer.
OPEN = "state IN %(open)s"
UNALERTED = f"({OPEN} AND urgent AND urgent_alerted_at IS NULL)"
BUCKETS = (
    (f"{OPEN} AND due_on < %(today)s", "due_on", "due_on ASC, id DESC"),
    (f"{OPEN} AND due_on >= %(today)s AND due_on <= %(soon)s", "NULL::date", "id DESC"),
    (f"NOT ({OPEN} AND due_on <= %(soon)s)", "NULL::date", "id DESC"),
)
HEADS = " UNION ALL ".join(
    f"(SELECT id AS pk, {key} AS due_key, {3 * g + b} AS part FROM tips_tip "  # noqa: S608  # nosec B608
    f"WHERE {group} AND {where} ORDER BY {order} LIMIT 51)"
    for g, group in enumerate((UNALERTED, f"NOT {UNALERTED}"))
    for b, (where, key, order) in enumerate(BUCKETS)
)
KEYSET_SQL = f"""
WITH page AS (
  SELECT pk, part, due_key FROM ({HEADS} ORDER BY part, due_key, pk DESC LIMIT 51) AS heads
)
SELECT t.id, t.number, t.year, t.received_at, c.name, g.name, t.summary, u.last_name,
       u.first_name, t.state, t.due_on
FROM page JOIN tips_tip t ON t.id = page.pk
JOIN ban138_administrativeunit c ON c.id = t.commune_id
JOIN tips_crimegroup g ON g.id = t.crime_group_id
LEFT JOIN auth_user u ON u.id = t.assigned_to_id
ORDER BY page.part, page.due_key, t.id DESC
"""  # noqa: S608  # nosec B608 — constant fragments only (above); values are parameters
TEMPLATE = """<!doctype html><title>Sổ tiếp nhận</title><table>
{% for r in rows %}<tr><td><a href="/nguon-tin/{{ r.0 }}/">{{ r.1 }}/{{ r.2 }}</a></td>
<td>{{ r.3|date:"d/m/Y H:i" }}</td><td>{{ r.4 }}</td><td>{{ r.5 }}</td>
<td>{{ r.6|truncatechars:90 }}</td><td>{{ r.7 }} {{ r.8 }}</td><td>{{ r.9 }}</td>
<td>{{ r.10|date:"d/m/Y" }}</td></tr>{% endfor %}</table>"""


def bare(request):
    return HttpResponse(PAGE)


def bare_keyset(request):
    today = timezone.localdate()
    params = {
        "open": tuple(str(s) for s in OPEN_STATES),
        "today": today,
        "soon": today + dt.timedelta(days=5),
    }
    with connection.cursor() as cursor:
        cursor.execute(KEYSET_SQL, params)
        rows = cursor.fetchall()[:50]  # as the register: 51 read, the 51st only says "more"
    html = engines["django"].from_string(TEMPLATE).render({"rows": rows})
    return HttpResponse(html)
