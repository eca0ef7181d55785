import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ban138.settings")

application = get_wsgi_application()


def _refuse_to_serve_a_broken_install():
    """In production, the database checks run before the first request is served — among them
    the informant keys against the stored ciphertext (tips/checks.py): with a wrong or missing
    key the worker does not boot, so gunicorn and systemd report the failure at start, not a
    police leader at the first reveal."""
    from django.conf import settings
    from django.core import checks
    from django.core.management.base import SystemCheckError

    if not settings.PRODUCTION:
        return
    errors = [
        message
        for message in checks.run_checks(databases=["default"], tags=[checks.Tags.database])
        if message.is_serious()
    ]
    if errors:
        raise SystemCheckError("\n".join(str(message) for message in errors))


_refuse_to_serve_a_broken_install()
