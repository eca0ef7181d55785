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
