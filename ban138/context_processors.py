from ban138.navigation import menu_for
from ban138.roles import Role, roles_of


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = roles_of(user)
    return {
        "menu_items": menu_for(user),
        "role_labels": [Role(code).label for code in Role.values if code in roles],
    }
