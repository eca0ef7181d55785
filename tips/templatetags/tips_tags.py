"""{{ tip|days_left_badge:today }} — the clock shown wherever a tip appears;
{% tip_rows tips today %} — the register table's rows (tips/tables.py)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tips.deadlines import DUE_SOON_DAYS

register = template.Library()


@register.filter
def days_left_badge(tip, today):
    left = tip.days_left(today)
    if left is None:
        if tip.is_suspended:
            return format_html(
                '<span class="badge text-bg-secondary">{}</span>', _("Tạm dừng tính hạn")
            )
        return format_html('<span class="text-secondary">{}</span>', _("Đã giải quyết"))
    if left < 0:
        return format_html(
            '<span class="badge badge-overdue">{}</span>', _("Quá hạn %(n)s ngày") % {"n": -left}
        )
    if left == 0:
        return format_html('<span class="badge badge-due-soon">{}</span>', _("Hết hạn hôm nay"))
    css = "badge badge-due-soon" if left <= DUE_SOON_DAYS else "badge text-bg-light"
    return format_html('<span class="{}">{}</span>', css, _("Còn %(n)s ngày") % {"n": left})


@register.simple_tag
def tip_rows(tips, today):
    from tips.tables import register_rows

    return register_rows(tips, today)
