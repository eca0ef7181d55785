"""Caches for what every page repeats: the OTP rule, menu badges, landing-page panels and the
reference lists behind filter forms (communes, crime groups).

Invalidation is by generation: any write to a model of this project (post_save, post_delete,
m2m_changed on ``settings.LOCAL_APPS``) bumps the ``data`` generation, and every cached value
derived from the data carries that generation in its key, so the next read recomputes it. The
reference lists behind filter forms (models marked ``reference_data = True``: units, crime
groups, model types) have a ``reference`` generation of their own, so a tip written does not
make every filter form be rebuilt. Nothing about permissions is cached: roles and the bound
commune are read with the user on every request (ban138/auth.py) and are part of the key of
anything computed per user.

The generation numbers live in the cache itself, so every process that serves pages must share
one cache: production refuses to start without ``REDIS_URL`` (Django's Redis backend, shared by
every worker and host) or ``CACHE_DIR`` (a file cache shared by one host's workers); local memory
is for development's one-process runserver only (ban138/settings.py). A write in any process then
moves the generation for all of them, and the next page any of them serves is recomputed
(tests/core/test_shared_cache.py: two gunicorn processes, one Redis). Never cache across users
what depends on the user: ``per_user`` keys carry the user's pk, roles and commune.
"""

import hashlib
import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

TIMEOUT = 60
DATA = "data"
REFERENCE = "reference"
_MISSING = object()


def cached(key: str, compute, timeout: int = TIMEOUT):
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


def _generation_key(name: str) -> str:
    return f"ban138:generation:{name}"


def generation(name: str = DATA) -> int:
    key = _generation_key(name)
    value = cache.get(key)
    if value is None:
        # First use, a restarted shared cache, or the key was culled: start from a number no
        # earlier generation had (the clock in ns), so nothing cached before can match again.
        cache.add(key, time.time_ns(), None)
        value = cache.get(key) or time.time_ns()
    return value


def bump(name: str = DATA) -> None:
    """Drop every value cached under generation ``name`` at once (new generation, new keys)."""
    try:
        cache.incr(_generation_key(name))
    except ValueError:  # not set yet, or culled
        cache.set(_generation_key(name), time.time_ns(), None)


def shared(name: str, compute, *, depends_on: str = DATA):
    """``compute()`` — a value that is the same for every user — until the data changes (or,
    with ``depends_on=REFERENCE``, until a reference list changes)."""
    return cached(f"ban138:{name}:{depends_on}{generation(depends_on)}", compute)


def per_user(request, name: str, compute, *, max_age: int | None = None):
    """``compute(request)`` for this user, their roles and commune, and today, until the data
    changes — or, with ``max_age``, for that many seconds whatever is written meanwhile (figures
    allowed to lag, such as the year-to-date totals, which cost a full compile to refresh)."""
    from ban138.access import scope_of
    from ban138.roles import roles_of

    user = request.user
    scope = scope_of(user)
    # The scope's units as a digest: a province's hundred communes would make a key longer than
    # a cache server takes (memcached: 250 characters, no spaces).
    units = hashlib.sha256(",".join(map(str, sorted(scope.commune_ids))).encode()).hexdigest()
    who = f"{user.pk}:{','.join(sorted(roles_of(user)))}:{units[:16]}:{scope.committee_id}"
    version = generation() if max_age is None else "timed"
    key = f"ban138:{name}:{who}:{timezone.localdate()}:{version}"
    return cached(key, lambda: compute(request), max_age or TIMEOUT)


def data_changed(sender, **_kwargs) -> None:
    """Signal receiver: a row of one of this project's models was written. The generation moves
    at once and again when the transaction commits: a page another request computes in between
    (still seeing the old rows) is then stored under a generation nobody reads any more."""
    if sender._meta.app_label in settings.LOCAL_APPS:
        names = (DATA, REFERENCE) if getattr(sender, "reference_data", False) else (DATA,)
        for name in names:
            bump(name)
            transaction.on_commit(partial(bump, name))


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(data_changed, weak=False, dispatch_uid=f"ban138.caching.{id(signal)}")
