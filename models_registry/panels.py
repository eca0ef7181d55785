"""Landing-page panels and the menu badge of the registry (registered in apps.py)."""

from django.utils import timezone

from ban138 import caching
from ban138.access import scope_of
from ban138.navigation import Panel
from ban138.roles import Role, roles_of
from models_registry.models import SecurityModel
from models_registry.queries import movement_figures

BADGE = "models_badge"


def badge(request) -> int | None:
    """Commune officials see how many of their models have gone quiet; others get no badge.
    Cached per user, dropped on any model or status-check write (models_registry.apps)."""
    if Role.COMMUNE_OFFICIAL not in roles_of(request.user):
        return None
    return caching.per_user(request, BADGE, _quiet_count)


def _quiet_count(request) -> int | None:
    quiet = SecurityModel.objects.visible_to(request.user).gone_quiet(timezone.localdate())
    return quiet.count() or None


def official_context(request) -> dict:
    today = timezone.localdate()
    models = SecurityModel.objects.visible_to(request.user).with_related()
    rows = [(model, model.is_quiet(today)) for model in models]
    # Quiet ones first: they are the reason the official opened the page.
    rows.sort(key=lambda row: not row[1])
    return {"rows": rows, "quiet_count": sum(quiet for _, quiet in rows)}


def counts_context(request) -> dict:
    year = timezone.localdate().year
    scope = scope_of(request.user)
    figures = movement_figures(year=year, commune_ids=scope.unit_ids)
    return {"year": year, "figures": figures}


OFFICIAL_PANEL = Panel(
    "models_registry/panels/official.html",
    frozenset({Role.COMMUNE_OFFICIAL}),
    context=official_context,
    order=20,
)
COUNTS_PANEL = Panel(
    "models_registry/panels/counts.html",
    frozenset({Role.SECRETARIAT, Role.CHAIRMAN}),
    context=counts_context,
    order=40,
)
