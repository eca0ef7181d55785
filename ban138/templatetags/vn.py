"""Template filters for Vietnamese numbers and dates: {{ n|vn_number }}, {{ d|vn_date_long }}."""

from django import template

from ban138 import text

register = template.Library()


@register.filter
def vn_number(value, decimals=0):
    return text.format_number(value, int(decimals))


@register.filter
def vn_percent(value, decimals=1):
    return text.format_percent(value, int(decimals))


@register.filter
def vn_date_long(value):
    return text.format_date_long(value)


@register.filter
def person_name(user):
    return text.person_name(user)
