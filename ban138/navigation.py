"""Menu entries and landing-page panels that each app registers from its AppConfig.ready().

Keeping the registry here lets every app own its own links and panels while the core decides
who sees them: an entry is shown only to the roles it names (the views check again on the server).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from ban138.roles import roles_of


@dataclass(frozen=True)
class MenuItem:
    """A menu link. ``badge(request)`` may return a count shown beside it (e.g. overdue tips)."""

    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 100
    badge: Callable | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Panel:
    """A block on a role's landing page: a template and a function giving its context. Its HTML is
    kept until the next write, or for ``max_age`` seconds when set (ban138/caching.py)."""

    template_name: str
    roles: frozenset[str]
    context: Callable = field(default=lambda request: {})
    order: int = 100
    max_age: int | None = None


# A menu badge counts at most this many and shows "99+" beyond: the count reads a bounded number
# of index entries however large the table (issue #9: never an exact COUNT(*) over the table).
BADGE_LIMIT = 100


def bounded_count(queryset) -> int | None:
    """``queryset``'s count, capped at BADGE_LIMIT; None for zero (no badge)."""
    return queryset[:BADGE_LIMIT].count() or None


_menu: list[MenuItem] = []
_panels: list[Panel] = []


def register_menu(item: MenuItem) -> None:
    if item not in _menu:
        _menu.append(item)


def register_panel(panel: Panel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def menu_for(user) -> list[MenuItem]:
    roles = roles_of(user)
    return sorted((i for i in _menu if i.roles & roles), key=lambda i: (i.order, i.label))


def menu_with_badges(request) -> list[tuple[MenuItem, int | None]]:
    return [(item, item.badge(request) if item.badge else None) for item in menu_for(request.user)]


def panels_for(user) -> list[Panel]:
    roles = roles_of(user)
    return sorted((p for p in _panels if p.roles & roles), key=lambda p: p.order)
