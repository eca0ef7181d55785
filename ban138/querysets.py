"""Reading the first rows of several querysets of one model in one query: a landing page's work
lists (``first_rows_of_each``) and the register's keyset page over its priority streams
(``tips.views.keyset_page``). The one place that composes raw SQL from ORM querysets."""

import re
from collections.abc import Callable, Sequence

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL


def union_of_heads(
    querysets: Sequence[QuerySet],
    limit: int,
    *,
    then_first: int | None = None,
    key: str | None = None,
) -> RawSQL | None:
    """The primary keys of each queryset's first ``limit`` rows (each in its own order), glued by
    UNION ALL, as a subquery for ``pk__in``; None when every queryset is empty.

    With ``then_first``, the querysets are streams read one after the other: only the first
    ``then_first`` keys in (stream, ``key``, -pk) order are kept — one keyset page across the
    streams. ``key`` names an annotation every stream carries: the value a stream is sorted by
    before its newest-first tie-break (NULL in a stream sorted by -pk alone), so each stream's
    own order is what the glued rows are cut by. Each head is read by its own index with a
    LIMIT, so nothing sorts every matching row."""
    if key is not None and not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise ValueError(f"not an annotation name: {key!r}")
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        if queryset.query.is_empty():
            continue
        # Its columns are named "pk" (and the key's name): Django aliases values() columns.
        head = (queryset.values("pk", key) if key else queryset.values("pk"))[:limit]
        sql, head_params = head.query.get_compiler(using=head.db).as_sql()
        columns = f"pk, {key}" if key else "pk"
        # ORM-compiled SQL with its own params, a checked annotation name and ints: nothing
        # from the request.
        parts.append(f"SELECT {columns}, {int(number)} AS part FROM ({sql}) AS head{int(number)}")  # noqa: S608  # nosec B608
        params.extend(head_params)
    if not parts:
        return None
    union = " UNION ALL ".join(parts)
    if then_first is not None:
        within = f"{key}, pk DESC" if key else "pk DESC"
        union = f"{union} ORDER BY part, {within} LIMIT {int(then_first)}"
    return RawSQL(f"SELECT pk FROM ({union}) AS heads", params)  # noqa: S608, S611  # nosec B608 B611


def first_rows_of_each(lists: list[tuple[QuerySet, Callable]], limit: int) -> list[list]:
    """The first ``limit`` rows of each queryset, in one query.

    Each entry is an ordered queryset over the same model and a Python sort key giving the same
    total order (so ties cannot be broken differently). The ids of each list's first ``limit``
    rows come from :func:`union_of_heads`; the rows are then read once, by primary key, with one
    EXISTS per list saying which lists each row belongs to — a row in two lists is read once. Each
    list is rebuilt from the rows that belong to it, sorted by its key and cut to ``limit``: its
    own first ``limit`` rows are all among them, and a row from another list that also belongs to
    it can only rank after them."""
    if not lists:
        return []
    heads = union_of_heads([queryset for queryset, _key in lists], limit)
    if heads is None:
        return [[] for _ in lists]
    first = lists[0][0]
    rows = first.model._default_manager.filter(pk__in=heads)
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
