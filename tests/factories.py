"""Factories for the core; each app's tests add theirs in tests/<app>/factories.py."""

import factory
from django.contrib.auth.models import User

from ban138.models import AdministrativeUnit, OfficialProfile, UnitKind
from ban138.roles import Role, group_for


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    kind = UnitKind.COMMUNE
    name = factory.Sequence(lambda n: f"Xã Thử {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Hùng"
    last_name = "Nguyễn Văn"
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem-138")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            self.groups.add(group_for(Role(role)))
        if create:
            self.save()


FIRST = object()


def make_user(
    username: str, *roles: Role, commune: AdministrativeUnit | None = None, committee=FIRST
) -> User:
    """A user with ``roles``, a member of ``committee`` — by default the installation's first
    committee, if there is one (None: of no committee)."""
    from ban138.models import CommitteeMembership, CommitteeProfile

    user = UserFactory(username=username, roles=list(roles))
    if commune is not None:
        OfficialProfile.objects.create(user=user, commune=commune)
    if committee is FIRST:
        committee = CommitteeProfile.objects.order_by("pk").first()
    if committee is not None:
        CommitteeMembership.objects.create(user=user, committee=committee)
    return user
