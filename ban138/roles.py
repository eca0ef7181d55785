"""The committee's roles. Each is a Django group (created by migration 0002) named by its code."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "tiep_nhan", _("Cán bộ tiếp nhận")
    POLICE_LEADER = "lanh_dao_cong_an", _("Lãnh đạo Công an")
    COMMUNE_OFFICIAL = "can_bo_xa", _("Cán bộ xã")
    SECRETARIAT = "thuong_truc", _("Thường trực BCĐ")
    CHAIRMAN = "truong_ban", _("Trưởng ban")


POLICE = frozenset({Role.OFFICER, Role.POLICE_LEADER})
# Roles whose work covers the whole district rather than one commune.
DISTRICT_WIDE = frozenset({Role.OFFICER, Role.POLICE_LEADER, Role.SECRETARIAT, Role.CHAIRMAN})


def group_for(role: Role) -> Group:
    """The role's group; get_or_create so that a flushed test database heals itself."""
    group, _created = Group.objects.get_or_create(name=role.value)
    return group


def remember_roles(user, roles) -> None:
    """Keep ``roles`` (read with the user, see ban138.auth) for the rest of the request."""
    user._ban138_roles = frozenset(str(role) for role in roles)


def roles_of(user) -> frozenset[str]:
    """The role codes a user holds, cached on the user object for the rest of the request (the
    request's user arrives with them from ban138.auth; any other user object costs one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_ban138_roles", None)
    if cached is None:
        valid = set(Role.values)
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(name for name in names if name in valid)
        user._ban138_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))
