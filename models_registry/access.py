"""Who may see and change security models and their checks (DESIGN.md, roles table).

* Commune officials see the models of their own commune and record checks on them; they do not
  create or edit the model itself. Another commune's model is a 404 to them.
* Police (tiếp nhận, lãnh đạo) and the secretariat create and edit any model and record checks.
* The chairman reads everything.
"""

from ban138.access import AccessPolicy
from ban138.roles import POLICE, Role, roles_of

EDITORS = frozenset({*POLICE, Role.SECRETARIAT})
READERS = frozenset({*EDITORS, Role.COMMUNE_OFFICIAL, Role.CHAIRMAN})


class SecurityModelPolicy(AccessPolicy):
    """Creating and editing a model (its name, type, place, figures, recognitions)."""

    view_roles = READERS
    change_roles = EDITORS

    def may_create(self, user) -> bool:
        return bool(roles_of(user) & self.change_roles)


class CheckPolicy(AccessPolicy):
    """Recording a status check on a model: editors and the model's own commune official."""

    view_roles = READERS
    change_roles = frozenset({*EDITORS, Role.COMMUNE_OFFICIAL})


class CheckPhotoPolicy(AccessPolicy):
    """A check's photo is seen by whoever may see its model."""

    view_roles = READERS
    commune_field = "model__commune"

    def commune_id_of(self, obj):
        return obj.model.commune_id


model_policy = SecurityModelPolicy()
check_policy = CheckPolicy()
photo_policy = CheckPhotoPolicy()
