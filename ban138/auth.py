"""The authentication backend: Django's ModelBackend, but the user of a request arrives with its
roles, its bound commune and its committee in the same query.

Every page needs the user's roles (menu, access policy) and, for a commune official, the commune
their scope is limited to. Read lazily, those are two more queries per request; here they are
correlated subqueries of the one ``SELECT … FROM auth_user`` that loads the session's user. They
are still read from the database on every request, so a role taken away or a commune re-bound
applies on the very next request — nothing about permissions is cached between requests. What a
process keeps is the query itself, unevaluated (:func:`_users_with_access`): building its nine
subqueries cost 3 ms of every request, more than running it.
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, Subquery

from ban138.roles import Role, remember_roles


def user_with_access(user_id):
    """The active-or-not user ``user_id`` with its roles and bound commune, or None."""
    user = _users_with_access().filter(pk=user_id).first()
    if user is not None:
        remember_roles(user, {role for role in Role if getattr(user, f"_holds_{role.value}")})
    return user


@functools.cache
def _users_with_access():
    """Every user with the annotations above: built once per process and never evaluated itself;
    each request filters a clone of it, as a view does with a class's ``queryset``."""
    from ban138.models import CommitteeMembership, CommitteeProfile, OfficialProfile

    User = get_user_model()
    memberships = User.groups.through.objects.filter(user=OuterRef("pk"))
    annotations = {
        f"_holds_{role.value}": Exists(memberships.filter(group__name=role.value)) for role in Role
    }
    bound = OfficialProfile.objects.filter(user=OuterRef("pk")).values("commune_id")[:1]
    # The user's committee, and whether the installation holds more than one (ban138.committees).
    member_of = CommitteeMembership.objects.filter(user=OuterRef("pk")).values("committee_id")
    first = CommitteeProfile.objects.order_by("pk").values("pk")[:1]
    several = Exists(CommitteeProfile.objects.filter(pk__gt=Subquery(first)))
    return User._default_manager.annotate(
        _bound_commune_id=Subquery(bound),
        _committee_id=Subquery(member_of[:1]),
        _several_committees=several,
        **annotations,
    )


class AccessLoadingBackend(ModelBackend):
    """ModelBackend whose ``get_user`` (run once per request by the session) also loads roles and
    the bound commune; login, passwords and admin permissions are ModelBackend's own."""

    def get_user(self, user_id):
        user = user_with_access(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
