from django import template

register = template.Library()


@register.filter
def quiet_on(model, today):
    """{{ model|quiet_on:today }} — the gone-quiet flag, by the same rule as the lists' filter."""
    return model.is_quiet(today)


@register.filter
def of(mapping, key):
    """{{ figures.by_status|of:code }} — a dictionary value by a key held in a variable."""
    return mapping.get(key, 0)
