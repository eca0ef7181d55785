"""Who may see and change tips (DESIGN.md: officers record, leaders assign, extend and decide).

Tips are district-wide police work: commune officials, the secretariat and the chairman get
403 here and read figures through tips/queries.py instead.
"""

from ban138.access import AccessPolicy
from ban138.committees import body_committee_id
from ban138.roles import POLICE, Role, has_role


class TipPolicy(AccessPolicy):
    view_roles = POLICE
    change_roles = POLICE
    # A tip is its receiving body's, so its committee's (issue 20.3).
    committee_field = "receiving_body__committee"

    def committee_id_of(self, obj) -> int | None:
        return body_committee_id(obj.receiving_body_id)

    def can_change(self, user, obj) -> bool:
        """Leaders change any tip; an officer only the tips assigned to them."""
        if not super().can_change(user, obj):
            return False
        return has_role(user, Role.POLICE_LEADER) or obj.assigned_to_id == user.pk


class LeaderOnlyPolicy(AccessPolicy):
    """Pages for police leaders alone: the reveal log and the data-quality page."""

    view_roles = frozenset({Role.POLICE_LEADER})
    change_roles = frozenset({Role.POLICE_LEADER})


class CasePolicy(AccessPolicy):
    view_roles = POLICE
    change_roles = frozenset({Role.POLICE_LEADER})
    committee_field = "tip__receiving_body__committee"

    def commune_id_of(self, obj):
        return obj.tip.commune_id

    def committee_id_of(self, obj) -> int | None:
        return body_committee_id(obj.tip.receiving_body_id)

    def can_change(self, user, obj) -> bool:
        if not self.in_scope(user, obj):
            return False
        return has_role(user, Role.POLICE_LEADER) or (
            has_role(user, Role.OFFICER) and obj.tip.assigned_to_id == user.pk
        )


tip_policy = TipPolicy()
case_policy = CasePolicy()
leader_policy = LeaderOnlyPolicy()
