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

# The register's three streams (overdue, due within 5 days, the rest), each newest first with
# a LIMIT, glued and cut to 51 rows; the rows joined to their commune, group and officer.
KEYSET_SQL = """
WITH page AS (
  SELECT id, stream FROM (
    (SELECT id, 0 AS stream FROM tips_tip
      WHERE state IN %(open)s AND due_on < %(today)s ORDER BY id DESC LIMIT 51)
    UNION ALL
    (SELECT id, 1 FROM tips_tip
      WHERE state IN %(open)s AND due_on >= %(today)s AND due_on <= %(soon)s
      ORDER BY id DESC LIMIT 51)
    UNION ALL
    (SELECT id, 2 FROM tips_tip
      WHERE NOT (state IN %(open)s AND due_on <= %(soon)s) ORDER BY id DESC LIMIT 51)
    ORDER BY 2, 1 DESC LIMIT 51) AS heads
)
SELECT t.id, t.number, t.year, t.received_at, c.name, g.name, t.summary, u.last_name,
       u.first_name, t.state, t.due_on
FROM page JOIN tips_tip t ON t.id = page.id
JOIN ban138_administrativeunit c ON c.id = t.commune_id
JOIN tips_crimegroup g ON g.id = t.crime_group_id
LEFT JOIN auth_user u ON u.id = t.assigned_to_id
ORDER BY page.stream, t.id DESC
"""
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
        rows = cursor.fetchall()
    html = engines["django"].from_string(TEMPLATE).render({"rows": rows})
    return HttpResponse(html)
