from django.utils.functional import SimpleLazyObject

from ban138.navigation import menu_with_badges
from ban138.roles import Role, roles_of


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = roles_of(user)
    return {
        "menu_items": menu_with_badges(request),
        "role_labels": [Role(code).label for code in Role.values if code in roles],
    }


def committee(request):
    """``committee`` in every template: the wording of the committee's level (ban138/committee.py)
    — ``{{ committee.whole_area }}`` reads "toàn huyện" / "toàn xã" / "toàn tỉnh". Lazy: a page
    that does not use it costs nothing."""
    from ban138.committee import current_wording

    return {"committee": SimpleLazyObject(current_wording)}
