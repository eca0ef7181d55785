"""Security audit trail: one JSON object per line on the ``ban138.audit`` logger.

JSON (not free text) so that a username containing a newline cannot forge a second entry, and
so the lines can be shipped to any log store as they are.
"""

import datetime as dt
import json
import logging

from axes.signals import user_locked_out
from django.contrib.auth import signals

from ban138.security import client_ip

logger = logging.getLogger("ban138.audit")


def record(event: str, *, request=None, username: str | None = None, **details) -> None:
    user = getattr(request, "user", None)
    if username is None and user is not None and user.is_authenticated:
        username = user.get_username()
    entry = {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "event": event,
        "user": username,
        "ip": client_ip(request),
        **details,
    }
    logger.info(json.dumps(entry, ensure_ascii=False, default=str))


def _logged_in(sender, request, user, **kwargs):
    record("login", request=request, username=user.get_username())


def _logged_out(sender, request, user, **kwargs):
    record("logout", request=request, username=user.get_username() if user else None)


def _login_failed(sender, credentials, request=None, **kwargs):
    # Django already masks the password in `credentials`; only the username is kept.
    record("login_failed", request=request, username=credentials.get("username"))


def _locked_out(sender, request, username, ip_address, **kwargs):
    record("lockout", request=request, username=username)


def connect_signals() -> None:
    user_locked_out.connect(_locked_out, dispatch_uid="ban138.audit.lockout")
    signals.user_logged_in.connect(_logged_in, dispatch_uid="ban138.audit.login")
    signals.user_logged_out.connect(_logged_out, dispatch_uid="ban138.audit.logout")
    signals.user_login_failed.connect(_login_failed, dispatch_uid="ban138.audit.failed")
