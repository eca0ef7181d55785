"""Who may touch the annual report.

Drafts: the secretariat edits, the chairman reads them (to preview and issue). Issued reports:
the chairman, the secretariat and police leaders read them; a commune official reads only the
reports of their own commune. Reports of the whole district have no commune, so a commune-bound
user is never in scope for them (404).
"""

from ban138.access import AccessPolicy
from ban138.roles import Role

READERS = frozenset({Role.CHAIRMAN, Role.SECRETARIAT, Role.POLICE_LEADER})


class _ByReportUnit(AccessPolicy):
    # Lists filter on the report's unit: a district-wide report's unit is the district, never in
    # a commune official's scope.
    commune_field = "unit"
    committee_field = "committee"  # a report is its committee's (issue 20.3)

    def commune_id_of(self, obj):
        return obj.unit_id if obj.unit.is_commune else None


class DraftPolicy(_ByReportUnit):
    view_roles = frozenset({Role.SECRETARIAT, Role.CHAIRMAN})
    change_roles = frozenset({Role.SECRETARIAT})
    issue_roles = frozenset({Role.CHAIRMAN})


class IssuedReportPolicy(_ByReportUnit):
    view_roles = READERS | {Role.COMMUNE_OFFICIAL}
    change_roles = frozenset()


class CommuneReportPolicy(AccessPolicy):
    """The live per-commune report: district-wide readers, and the commune's own official.
    The object is the commune itself."""

    view_roles = READERS | {Role.COMMUNE_OFFICIAL}
    change_roles = frozenset()
    commune_field = "pk"  # lists filter communes by their own key

    def commune_id_of(self, obj):
        return obj.pk


draft_policy = DraftPolicy()
issued_policy = IssuedReportPolicy()
commune_report_policy = CommuneReportPolicy()
