"""Filters for campaign pages: the state as users see it today and targets written out."""

from decimal import Decimal

from django import template

from ban138.text import format_number, format_percent
from campaigns.models import RATE_KINDS

register = template.Library()


@register.filter
def state_label(campaign, today):
    return campaign.state_label_on(today)


@register.filter
def state_code(campaign, today):
    return campaign.state_on(today)


@register.filter
def amount(value, kind):
    """A target or result in its unit's style: "70 %" for a rate, "1.250" for a count."""
    if value is None:
        return "—"
    if kind in RATE_KINDS:
        return format_percent(value)
    value = Decimal(value)
    return format_number(value, 0 if value == value.to_integral_value() else 1)
