"""Caches for the per-request repeats (the OTP rule, menu badges) in Django's cache.

The default cache is locmem, i.e. per worker process: an invalidation made in one worker does not
reach another's copy. Entries therefore live at most ``TIMEOUT`` seconds, which bounds how stale
another worker can be; with a shared cache (Redis, Memcached) invalidation is immediate everywhere.
Never cache across users: per-user values carry the user's pk in their key.
"""

from django.core.cache import cache
from django.utils import timezone

TIMEOUT = 60
_MISSING = object()


def cached(key: str, compute, timeout: int = TIMEOUT):
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


def _generation_key(name: str) -> str:
    return f"ban138:generation:{name}"


def bump(name: str) -> None:
    """Drop every per-user value under ``name`` at once (new generation, new keys)."""
    try:
        cache.incr(_generation_key(name))
    except ValueError:  # not set yet, or evicted
        cache.set(_generation_key(name), 1, None)


def per_user(request, name: str, compute):
    """``compute(request)`` for this user and today's date, until ``bump(name)``."""
    generation = cache.get(_generation_key(name), 0)
    key = f"ban138:{name}:{request.user.pk}:{timezone.localdate()}:{generation}"
    return cached(key, lambda: compute(request))
