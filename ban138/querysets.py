"""Reading several short lists of one model in one query (a landing page's work lists)."""

from collections.abc import Callable

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL


def first_rows_of_each(lists: list[tuple[QuerySet, Callable]], limit: int) -> list[list]:
    """The first ``limit`` rows of each queryset, in one query.

    Each entry is an ordered queryset over the same model and a Python sort key giving the same
    total order (so ties cannot be broken differently). The ids of each list's first ``limit``
    rows are glued by UNION ALL; the rows are then read once, by primary key, with one EXISTS per
    list saying which lists each row belongs to — a row in two lists is read once. Each list is
    rebuilt from the rows that belong to it, sorted by its key and cut to ``limit``: its own first
    ``limit`` rows are all among them, and a row from another list that also belongs to it can
    only rank after them."""
    if not lists:
        return []
    parts, params = [], []
    for number, (queryset, _key) in enumerate(lists):
        if queryset.query.is_empty():
            continue
        ids = queryset.values("pk")[:limit]
        sql, list_params = ids.query.get_compiler(using=ids.db).as_sql()
        # ORM-compiled SQL with its own params and an int: nothing from the request.
        parts.append(f"SELECT * FROM ({sql}) AS head{number}")  # noqa: S608  # nosec B608
        params.extend(list_params)
    if not parts:
        return [[] for _ in lists]
    first = lists[0][0]
    rows = first.model._default_manager.filter(
        pk__in=RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611  # nosec B611
    )
    rows.query.select_related = first.query.select_related
    rows = list(
        rows.annotate(
            **{
                f"_in_list_{number}": Exists(queryset.order_by().filter(pk=OuterRef("pk")))
                for number, (queryset, _key) in enumerate(lists)
            }
        )
    )
    return [
        sorted((row for row in rows if getattr(row, f"_in_list_{number}")), key=key)[:limit]
        for number, (_queryset, key) in enumerate(lists)
    ]
