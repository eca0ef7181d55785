"""Logging filters, importable before Django's apps are ready (settings.LOGGING names them)."""


class OneLineFor403:
    """Logging filter for ``django.request``: a refused request (403) is routine — a role
    opening a page not meant for it — and is logged as its one line ("Forbidden (Permission
    denied): /path"), without the traceback Django attaches (issue 15.14). Errors keep theirs."""

    def filter(self, record) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
