"""Landing-page panels and the menu badge: the work on campaigns that is waiting for someone."""

from django.utils import timezone

from ban138 import caching
from ban138.roles import Role, roles_of
from campaigns.access import campaign_policy
from campaigns.models import Campaign, Task

PANEL_ROWS = 10


def _overdue_tasks(request, today):
    """The overdue tasks of the user's committee's campaigns (ban138/access.py)."""
    tasks = Task.objects.overdue(today).select_related("campaign")
    return campaign_policy.of_committee(request.user, tasks, via="campaign__")


def _drafts(request):
    return campaign_policy.of_committee(request.user, Campaign.objects.awaiting_approval())


def overdue_badge(request) -> int | None:
    """The secretariat follows up overdue tasks; the badge is theirs only."""
    if Role.SECRETARIAT not in roles_of(request.user):
        return None
    return caching.per_user(request, "campaigns_badge", _overdue_count)


def _overdue_count(request) -> int | None:
    return _overdue_tasks(request, timezone.localdate()).count() or None


def secretariat_context(request) -> dict:
    today = timezone.localdate()
    return {
        "today": today,
        "overdue": list(_overdue_tasks(request, today)[:PANEL_ROWS]),
        "overdue_count": _overdue_tasks(request, today).count(),
        "drafts": list(_drafts(request)[:PANEL_ROWS]),
    }


def chairman_context(request) -> dict:
    return {"drafts": list(_drafts(request)[:PANEL_ROWS])}
