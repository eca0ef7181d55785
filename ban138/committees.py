"""Which committee a user, a request and a new record belong to (issue 20.3: several committees
on one installation — a province's and its communes').

* A user belongs to one committee: their :class:`~ban138.models.CommitteeMembership`. While the
  installation holds a single committee, a user with no membership belongs to it — an install
  of before this change works as it did. With several, a user with no membership belongs to
  none and sees nothing (ban138/access.py: fail closed).
* The request's committee is its user's: the middleware below remembers the user for the
  request, and :func:`active_committee_id` reads it (so ``CommitteeProfile.current()`` and the
  letterhead wording are the user's committee's, without a word changed in the apps). Outside
  a request the work is the first committee's, unless :func:`acting_for` names another.
* A committee's area (:func:`area_ids`) is its unit, every unit below it and the units linked to
  those by a succession either way (ban138/filing.py files records under it).

Everything here is read with the request's user in its one query (ban138/auth.py) or from the
reference cache (ban138/caching.py), so a page costs no extra query for it.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

_request_user = contextvars.ContextVar("ban138_request_user", default=None)
_forced = contextvars.ContextVar("ban138_forced_committee", default=None)


class CommitteeMiddleware:
    """Remember the request's user for :func:`active_committee_id` (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _request_user.reset(token)


@contextmanager
def acting_for(committee):
    """Work as ``committee`` outside a request (management commands, the demo seed, tests)."""
    token = _forced.set(
        committee if committee is None or isinstance(committee, int) else committee.pk
    )
    try:
        yield
    finally:
        _forced.reset(token)


def committee_ids() -> tuple[int, ...]:
    """Every committee's pk, oldest first (cached until a committee or a unit changes)."""
    from ban138.caching import REFERENCE, shared
    from ban138.models import CommitteeProfile

    return shared(
        "committee_ids",
        lambda: tuple(CommitteeProfile.objects.order_by("pk").values_list("pk", flat=True)),
        depends_on=REFERENCE,
    )


def several_committees(user=None) -> bool:
    if user is not None and hasattr(user, "_several_committees"):  # read by ban138.auth
        return bool(user._several_committees)
    return len(committee_ids()) > 1


def sole_committee_id() -> int | None:
    ids = committee_ids()
    return ids[0] if len(ids) == 1 else None


def membership_id(user) -> int | None:
    """The committee of the user's membership row (None: no row)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if hasattr(user, "_committee_id"):  # read with the request's user (ban138.auth)
        return user._committee_id
    from ban138.models import CommitteeMembership

    pk = CommitteeMembership.objects.filter(user=user).values_list("committee_id", flat=True)
    user._committee_id = pk.first()
    return user._committee_id


def committee_id_of(user) -> int | None:
    """The committee ``user`` works for: their membership, else the only committee; None when
    there are several committees and the user is a member of none."""
    pk = membership_id(user)
    if pk is not None:
        return pk
    if not getattr(user, "is_authenticated", False):
        return None
    return None if several_committees(user) else sole_committee_id()


def active_committee_id() -> int | None:
    """The committee of the work being done: forced by :func:`acting_for`, else the request
    user's (None for a user of no committee among several: fail closed), else — outside a
    request (a management command, the shell) — the installation's first committee."""
    forced = _forced.get()
    if forced is not None:
        return forced
    user = _request_user.get()
    if user is not None and getattr(user, "is_authenticated", False):
        return committee_id_of(user)
    ids = committee_ids()
    return ids[0] if ids else None


def committee_of(user):
    from ban138.models import CommitteeProfile

    pk = committee_id_of(user)
    return CommitteeProfile.objects.select_related("district").filter(pk=pk).first() if pk else None


def default_committee_id() -> int | None:
    """The default of a record's ``committee`` field: the committee of the work being done."""
    return active_committee_id()


def default_receiving_body_id() -> int | None:
    """The default of a tip's receiving body: the active committee's standing body."""
    committee_id = active_committee_id()
    return standing_body_ids().get(committee_id) if committee_id else None


def _bodies() -> tuple[dict[int, int], dict[int, int]]:
    """({body pk: committee pk}, {committee pk: its standing body pk}), cached."""
    from ban138.caching import REFERENCE, shared
    from ban138.models import ReceivingBody

    def compute():
        rows = ReceivingBody.objects.values_list("pk", "committee_id", "is_standing")
        return (
            {pk: committee for pk, committee, _s in rows},
            {committee: pk for pk, committee, standing in rows if standing},
        )

    return shared("receiving_bodies", compute, depends_on=REFERENCE)


def body_committee_id(body_id: int | None) -> int | None:
    return _bodies()[0].get(body_id) if body_id else None


def standing_body_ids() -> dict[int, int]:
    return _bodies()[1]


def area_ids(committee_id: int) -> frozenset[int]:
    """Every unit of the committee's area (cached until a unit, succession or committee
    changes)."""
    from ban138.caching import REFERENCE, shared

    return shared(
        f"committee_area:{committee_id}", lambda: _area(committee_id), depends_on=REFERENCE
    )


def _area(committee_id: int) -> frozenset[int]:
    from ban138.models import AdministrativeUnit, CommitteeProfile
    from ban138.succession import SuccessionGraph

    root = CommitteeProfile.objects.filter(pk=committee_id).values_list("district_id", flat=True)
    root = root.first()
    if root is None:
        return frozenset()
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in AdministrativeUnit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    linked: dict[int, set[int]] = {}
    for edge in SuccessionGraph.cached().edges:
        linked.setdefault(edge.successor_id, set()).add(edge.predecessor_id)
        linked.setdefault(edge.predecessor_id, set()).add(edge.successor_id)
    area, todo = {root}, [root]
    while todo:  # down the tree and along successions, both ways, until nothing is added
        current = todo.pop()
        for pk in (*children.get(current, ()), *linked.get(current, ())):
            if pk not in area:
                area.add(pk)
                todo.append(pk)
    return frozenset(area)
