"""/suc-khoe/: a status page for monitoring — the database answers, the last backup is good and
recent. Public (a monitor has no account) and therefore says nothing but status words and the
time of the last backup: no names, no counts, no paths, no error text (that goes to ADMINS).
HTTP 200 when everything is ok, 503 otherwise, so any HTTP check can alert on it."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ban138.backup import read_status


def backup_state(now=None) -> tuple[str, str]:
    """("ok" | "failed" | "stale" | "none", ISO time of the last attempt or "")."""
    status = read_status()
    if status is None:
        return "none", ""
    at = str(status.get("at", ""))
    if not status.get("ok"):
        return "failed", at
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return "failed", at
    now = now or timezone.now()
    if now - when > timedelta(hours=settings.BACKUP_MAX_AGE_HOURS):
        return "stale", at
    return "ok", at


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "failed"
    return "ok"


@require_GET
@never_cache
def health(request):
    database = database_state()
    backup, backup_at = backup_state()
    healthy = database == "ok" and backup == "ok"
    return JsonResponse(
        {
            "status": "ok" if healthy else "failed",
            "database": database,
            "backup": backup,
            "backup_at": backup_at,
        },
        status=200 if healthy else 503,
    )
