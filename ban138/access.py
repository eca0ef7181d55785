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
    """What a user's work covers. First the committee (issue 20.3): with several committees on
    one installation, ``committee_id`` is the user's and ``area_ids`` its area — records of
    another committee are not theirs, whatever their unit. Then the communes: the whole area
    (``everything``) or a fixed set (possibly empty). With one committee, ``committee_id`` and
    ``area_ids`` are None: nothing to separate, every filter below is as it always was."""

    everything: bool
    commune_ids: frozenset[int] = frozenset()
    committee_id: int | None = None
    area_ids: frozenset[int] | None = None

    @property
    def unit_ids(self) -> frozenset[int] | None:
        """The units the user's figures cover (None: every unit of the installation)."""
        return (self.area_ids if self.everything else self.commune_ids) if self.limited else None

    @property
    def limited(self) -> bool:
        return not self.everything or self.area_ids is not None

    def owns(self, committee_id: int | None) -> bool:
        """Whether a record of ``committee_id`` is the user's committee's."""
        return self.committee_id is None or committee_id == self.committee_id

    def covers(self, commune_id: int | None) -> bool:
        if self.everything:
            return self.area_ids is None or commune_id is None or commune_id in self.area_ids
        return commune_id is not None and commune_id in self.commune_ids

    def filter(self, queryset: QuerySet, field: str = "commune") -> QuerySet:
        ids = self.unit_ids
        return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})

    def filter_committee(self, queryset: QuerySet, field: str | None) -> QuerySet:
        if self.committee_id is None or field is None:
            return queryset
        return queryset.filter(**{f"{field}_id": self.committee_id})


ALL = Scope(everything=True)
NOTHING = Scope(everything=False, committee_id=0, area_ids=frozenset())


def scope_of(user) -> Scope:
    """The user's committee first: with several committees, a user of none sees nothing, and
    everyone else only their committee's records within its area (ban138/committees.py). Then
    committee-wide roles see the whole area; a commune official only the commune bound in their
    profile — with the records filed under the units it wholly succeeded (a commune formed in
    2025 inherits its predecessors' files, ban138/succession.py). A commune official with no
    binding sees nothing (fail closed)."""
    from ban138.committees import area_ids, committee_id_of, several_committees

    roles = roles_of(user)
    committee_id = area = None
    if several_committees(user):
        committee_id = committee_id_of(user)
        if committee_id is None:
            return NOTHING
        area = area_ids(committee_id)
    if roles & DISTRICT_WIDE:
        return Scope(True, committee_id=committee_id, area_ids=area)
    if Role.COMMUNE_OFFICIAL in roles:
        commune_id = bound_commune_id(user)
        if not commune_id or (area is not None and commune_id not in area):
            return NOTHING
        from django.utils import timezone

        from ban138.succession import SuccessionGraph

        unit_ids = SuccessionGraph.cached().area(commune_id, on=timezone.localdate()).unit_ids
        return Scope(False, unit_ids, committee_id=committee_id, area_ids=area)
    return NOTHING


def bound_commune_id(user) -> int | None:
    from ban138.models import OfficialProfile

    if hasattr(user, "_bound_commune_id"):  # read with the request's user (ban138.auth)
        return user._bound_commune_id

    return OfficialProfile.objects.filter(user=user).values_list("commune_id", flat=True).first()


class AccessPolicy:
    """Rules for one kind of object. Subclass per model and set the role sets. The committee is
    the first filter of every rule (here, once): ``committee_field`` names the object's committee
    (None: the object belongs to an area, not a committee — a unit, a security model); override
    :meth:`committee_id_of` when it is not a plain foreign key, :meth:`commune_id_of` when the
    commune is not a plain ``commune`` foreign key, and :meth:`covers` / :meth:`filter_scope`
    when the object's place in the area is more than one commune."""

    view_roles: frozenset[str] = frozenset()
    change_roles: frozenset[str] = frozenset()
    commune_field = "commune"
    committee_field: str | None = None

    def commune_id_of(self, obj: Model) -> int | None:
        return getattr(obj, f"{self.commune_field}_id")

    def committee_id_of(self, obj: Model) -> int | None:
        return getattr(obj, f"{self.committee_field}_id")

    def covers(self, scope: Scope, obj: Model) -> bool:
        """Whether the object lies in the scope's area (the committee is checked before)."""
        return scope.covers(self.commune_id_of(obj))

    def filter_scope(self, scope: Scope, queryset: QuerySet) -> QuerySet:
        return scope.filter(queryset, self.commune_field)

    def in_scope(self, user, obj: Model) -> bool:
        scope = scope_of(user)
        if self.committee_field is not None and not scope.owns(self.committee_id_of(obj)):
            return False
        return self.covers(scope, obj)

    def can_view(self, user, obj: Model) -> bool:
        return bool(roles_of(user) & self.view_roles) and self.in_scope(user, obj)

    def can_change(self, user, obj: Model) -> bool:
        return bool(roles_of(user) & self.change_roles) and self.in_scope(user, obj)

    def visible(self, user, queryset: QuerySet) -> QuerySet:
        """Rows the user may see: none without a viewing role, else those of the user's
        committee and in scope."""
        if not roles_of(user) & self.view_roles:
            return queryset.none()
        scope = scope_of(user)
        return self.filter_scope(scope, scope.filter_committee(queryset, self.committee_field))

    def of_committee(self, user, queryset: QuerySet, via: str = "") -> QuerySet:
        """Only the rows of the user's committee: for a page that lists the objects (or, with
        ``via`` = "tip__", rows pointing at them) whatever their commune — a leader's work lists,
        the reveal log. The role is the page's own check."""
        field = f"{via}{self.committee_field}" if self.committee_field else None
        return scope_of(user).filter_committee(queryset, field)

    def require_role(self, user, roles: Iterable[str]) -> None:
        if not roles_of(user) & set(roles):
            raise PermissionDenied

    def get_for_view(self, user, queryset: QuerySet, **lookup) -> Model:
        """Fetch for reading: 403 without a viewing role, 404 if missing or out of scope
        (another committee's object included)."""
        self.require_role(user, self.view_roles)
        obj = queryset.filter(**lookup).first()
        if obj is None or not self.in_scope(user, obj):
            raise Http404
        return obj

    def get_for_change(self, user, queryset: QuerySet, **lookup) -> Model:
        """Fetch for writing: as :meth:`get_for_view`, then 403 if the user may only read."""
        obj = self.get_for_view(user, queryset, **lookup)
        if not self.can_change(user, obj):
            raise PermissionDenied
        return obj
