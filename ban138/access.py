"""The one place that answers: may this user see or change this object, and within which units?

Every app states its rules as an :class:`AccessPolicy` and fetches objects through it, so the
answer is the same in lists, detail pages, exports and reports:

* anonymous users never reach a policy (views require login);
* a user without a role the policy names gets 403 — the feature is not theirs;
* an object outside the user's units gets 404 — its existence is not theirs to know;
* a user who may see but not change the object gets 403 on a change.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from ban138.roles import DISTRICT_WIDE, Role, roles_of


@dataclass(frozen=True)
class Scope:
    """The communes a user's work covers: all of them, or a fixed set (possibly empty)."""

    everything: bool
    commune_ids: frozenset[int] = frozenset()

    def covers(self, commune_id: int | None) -> bool:
        return self.everything or (commune_id is not None and commune_id in self.commune_ids)

    def filter(self, queryset: QuerySet, field: str = "commune") -> QuerySet:
        if self.everything:
            return queryset
        return queryset.filter(**{f"{field}__in": self.commune_ids})


ALL = Scope(everything=True)
NOTHING = Scope(everything=False)


def scope_of(user) -> Scope:
    """District-wide roles see every commune; a commune official sees only the commune bound in
    their profile — with the records filed under the units it wholly succeeded (a commune formed
    in 2025 inherits its predecessors' files, ban138/succession.py). A commune official with no
    binding sees nothing (fail closed)."""
    roles = roles_of(user)
    if roles & DISTRICT_WIDE:
        return ALL
    if Role.COMMUNE_OFFICIAL in roles:
        commune_id = bound_commune_id(user)
        if not commune_id:
            return NOTHING
        from django.utils import timezone

        from ban138.succession import SuccessionGraph

        area = SuccessionGraph.cached().area(commune_id, on=timezone.localdate())
        return Scope(False, area.unit_ids)
    return NOTHING


def bound_commune_id(user) -> int | None:
    from ban138.models import OfficialProfile

    if hasattr(user, "_bound_commune_id"):  # read with the request's user (ban138.auth)
        return user._bound_commune_id

    return OfficialProfile.objects.filter(user=user).values_list("commune_id", flat=True).first()


class AccessPolicy:
    """Rules for one kind of object. Subclass per model and set the role sets; override
    :meth:`commune_id_of` when the commune is not a plain ``commune`` foreign key."""

    view_roles: frozenset[str] = frozenset()
    change_roles: frozenset[str] = frozenset()
    commune_field = "commune"

    def commune_id_of(self, obj: Model) -> int | None:
        return getattr(obj, f"{self.commune_field}_id")

    def can_view(self, user, obj: Model) -> bool:
        return bool(roles_of(user) & self.view_roles) and scope_of(user).covers(
            self.commune_id_of(obj)
        )

    def can_change(self, user, obj: Model) -> bool:
        return bool(roles_of(user) & self.change_roles) and scope_of(user).covers(
            self.commune_id_of(obj)
        )

    def visible(self, user, queryset: QuerySet) -> QuerySet:
        """Rows the user may see: none without a viewing role, else those in scope."""
        if not roles_of(user) & self.view_roles:
            return queryset.none()
        return scope_of(user).filter(queryset, self.commune_field)

    def require_role(self, user, roles: Iterable[str]) -> None:
        if not roles_of(user) & set(roles):
            raise PermissionDenied

    def get_for_view(self, user, queryset: QuerySet, **lookup) -> Model:
        """Fetch for reading: 403 without a viewing role, 404 if missing or out of scope."""
        self.require_role(user, self.view_roles)
        obj = queryset.filter(**lookup).first()
        if obj is None or not scope_of(user).covers(self.commune_id_of(obj)):
            raise Http404
        return obj

    def get_for_change(self, user, queryset: QuerySet, **lookup) -> Model:
        """Fetch for writing: as :meth:`get_for_view`, then 403 if the user may only read."""
        obj = self.get_for_view(user, queryset, **lookup)
        if not self.can_change(user, obj):
            raise PermissionDenied
        return obj
