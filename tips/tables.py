"""The rows of the register's table, built in Python rather than by the template engine.

A page of the register is 50 rows of 8 cells; the Django template language resolved ~500
variables and filters for it, which was 60% of the first request after a write (pyinstrument,
docs/PERFORMANCE.md). ``format_html_join`` escapes every value (no ``mark_safe`` on data); the
table's head and the empty row stay in ``tips/_tip_table.html``."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ban138.text import person_name
from tips.templatetags.tips_tags import days_left_badge

ROW = (
    '<tr><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
    "<td>{}</td><td>{}</td><td>{}</td></tr>"
)
SUMMARY_CHARS = 90


def register_rows(tips, today):
    """The ``<tr>`` of each tip: number (and "Khẩn"), receipt time, commune, crime group,
    summary, officer, state and the clock."""
    urgent = format_html(' <span class="badge text-bg-danger">{}</span>', _("Khẩn"))
    unassigned = format_html('<span class="text-secondary">{}</span>', _("Chưa phân công"))
    communes = {}

    def commune_name(tip):
        if tip.commune_id not in communes:
            communes[tip.commune_id] = tip.commune.full_name
        return communes[tip.commune_id]

    return format_html_join(
        "",
        ROW,
        (
            (
                reverse("tips:detail", args=[tip.pk]),
                tip.register_number,
                urgent if tip.urgent else "",
                timezone.localtime(tip.received_at).strftime("%d/%m/%Y %H:%M"),
                commune_name(tip),
                tip.crime_group.name,
                _short(tip.summary),
                person_name(tip.assigned_to) if tip.assigned_to_id else unassigned,
                tip.get_state_display(),
                days_left_badge(tip, today),
            )
            for tip in tips
        ),
    )


def _short(text: str) -> str:
    return text if len(text) <= SUMMARY_CHARS else Truncator(text).chars(SUMMARY_CHARS)
