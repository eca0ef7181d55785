"""Landing-page panels and the menu badge: the work on campaigns that is waiting for someone."""

from django.utils import timezone

from ban138 import caching
from ban138.roles import Role, roles_of
from campaigns.models import Campaign, Task

PANEL_ROWS = 10


def _overdue_tasks(today):
    return Task.objects.overdue(today).select_related("campaign")


def overdue_badge(request) -> int | None:
    """The secretariat follows up overdue tasks; the badge is theirs only."""
    if Role.SECRETARIAT not in roles_of(request.user):
        return None
    return caching.per_user(request, "campaigns_badge", _overdue_count)


def _overdue_count(request) -> int | None:
    return _overdue_tasks(timezone.localdate()).count() or None


def secretariat_context(request) -> dict:
    today = timezone.localdate()
    return {
        "today": today,
        "overdue": list(_overdue_tasks(today)[:PANEL_ROWS]),
        "overdue_count": _overdue_tasks(today).count(),
        "drafts": list(Campaign.objects.awaiting_approval()[:PANEL_ROWS]),
    }


def chairman_context(request) -> dict:
    return {"drafts": list(Campaign.objects.awaiting_approval()[:PANEL_ROWS])}
