"""Who may see and change campaigns, their tasks, hand-entered results and outreach sessions.

A campaign spans several communes, so its scope is not one ``commune`` column: a commune
official sees a campaign once it is approved and includes their commune; drafts are the
secretariat's and the chairman's working papers (and the police's, who carry them out).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from ban138.access import AccessPolicy, Scope, scope_of
from ban138.roles import POLICE, Role
from campaigns.models import Campaign, State

EVERY_ROLE = frozenset(Role.values)
SECRETARIAT = frozenset({Role.SECRETARIAT})
# Police carry the campaign out, so they keep tasks and results up to date with the secretariat.
RUNNERS = SECRETARIAT | POLICE


class CampaignPolicy(AccessPolicy):
    view_roles = EVERY_ROLE
    change_roles = SECRETARIAT
    approve_roles = frozenset({Role.CHAIRMAN})
    close_roles = frozenset({Role.SECRETARIAT, Role.CHAIRMAN})
    committee_field = "committee"  # a plan is its committee's (issue 20.3)

    def covers(self, scope: Scope, campaign: Campaign) -> bool:
        if scope.everything:
            return True
        if campaign.state == State.DRAFT:
            return False
        return any(campaign.includes_commune(pk) for pk in scope.commune_ids)

    def filter_scope(self, scope: Scope, queryset: QuerySet) -> QuerySet:
        if scope.everything:
            return queryset
        return queryset.approved_or_later().including_any(scope.commune_ids)

    def get_for_roles(self, user, queryset: QuerySet, roles, **lookup) -> Campaign:
        """Fetch for an action only ``roles`` may take: 404 out of scope, then 403."""
        obj = self.get_for_view(user, queryset, **lookup)
        self.require_role(user, roles)
        return obj


class TaskPolicy(AccessPolicy):
    """Tasks are read with their campaign and kept up to date by the secretariat and police."""

    view_roles = EVERY_ROLE
    change_roles = RUNNERS
    committee_field = "campaign__committee"

    def committee_id_of(self, obj):
        return obj.campaign.committee_id


class CommuneFiguresPolicy(AccessPolicy):
    """Hand-entered results and outreach: a commune official enters their own commune's only."""

    view_roles = EVERY_ROLE
    change_roles = RUNNERS | {Role.COMMUNE_OFFICIAL}

    def require_entry(self, user, campaign: Campaign, commune_id: int) -> None:
        """A commune outside the user's scope or the campaign is not theirs to know: 404."""
        self.require_role(user, self.change_roles)
        scope = scope_of(user)
        if (
            not scope.owns(campaign.committee_id)
            or not scope.covers(commune_id)
            or not campaign.includes_commune(commune_id)
        ):
            raise Http404
        if campaign.state != State.APPROVED:
            raise PermissionDenied


campaign_policy = CampaignPolicy()
task_policy = TaskPolicy()
figures_policy = CommuneFiguresPolicy()
