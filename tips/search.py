"""Finding a tip: by its register number ("49/2026", "49"), or by words of its summary, address,
commune, village and decision number, accent-insensitive (ban138.text.fold).

``Tip.search_text`` holds those words folded, split on anything that is not a letter or digit
and padded with a space at each end: " 49 qd csdt mat trom xe may son binh thon lien hoa ". On
PostgreSQL a pg_trgm GIN index serves it (tips/0003). A word of three letters or more is looked
for anywhere ("%trom%": "trôm" finds "trộm cắp"); a shorter word only as a whole word
("% xe %"): pg_trgm can extract no trigram from "%xe%", so that pattern read every row of the
index (399 ms at 1M tips), whereas " xe " has the padded trigrams " xe" and "xe " and is served by
the index like any other word (docs/PERFORMANCE.md, measured by ``make bench``). A query must have
one word of at least MIN_WORD letters; a lone letter is refused with a message, never a scan.
"""

import re

from django.db.models import Q

from ban138.text import fold

# A word shorter than SUBSTRING_FROM matches only whole; a query needs one of MIN_WORD or more.
SUBSTRING_FROM = 3
MIN_WORD = 2

_NOT_A_WORD = re.compile(r"[\W_]+")
# "49", "49/2026", "số 49", "đơn số 49/2026": the register number, found by the (year, number)
# unique index — never by text, where "49" is also a house number.
_REGISTER_NUMBER = re.compile(r"(?:(?:don|so|nguon tin)\s+)*([0-9]{1,9})\s*(?:/\s*([0-9]{4}))?")


def words(text: str) -> list[str]:
    """The folded words of ``text``: "Đơn số 49/QĐ-CSĐT" → ["don", "so", "49", "qd", "csdt"]."""
    return _NOT_A_WORD.sub(" ", fold(text or "")).split()


def search_text(*parts: str) -> str:
    """What ``Tip.search_text`` stores for these parts (space-padded folded words)."""
    joined = " ".join(words(" ".join(p for p in parts if p)))
    return f" {joined} " if joined else ""


def register_number(query: str) -> tuple[int, int | None] | None:
    """(number, year or None) when the whole query is a register number, else None."""
    found = _REGISTER_NUMBER.fullmatch(fold(query or "").strip())
    if not found:
        return None
    return int(found.group(1)), int(found.group(2)) if found.group(2) else None


def is_searchable(query: str) -> bool:
    """False for a query no index can serve (no word of MIN_WORD letters, not a number)."""
    return register_number(query) is not None or any(len(w) >= MIN_WORD for w in words(query))


def condition(query: str) -> Q:
    """The filter for ``query`` (which :func:`is_searchable` accepted)."""
    from tips.models import RegisterCounter

    number = register_number(query)
    if number is not None:
        number, year = number
        # Each receiving body keeps its own register (issue 20): the unique (body, year, number)
        # index is read once per register of the counters (a few rows: bodies × years), never
        # as a scan of the tips. A tip of before receiving bodies (none on an installation
        # without a committee) is read through its own partial (year, number) index.
        counters = RegisterCounter.objects.order_by()
        if year is not None:
            counters = counters.filter(year=year)
        found = Q(number=number, receiving_body__isnull=True, **({"year": year} if year else {}))
        for body_id, counter_year in counters.values_list("body", "year"):
            found |= Q(number=number, receiving_body_id=body_id, year=counter_year)
        return found
    found = Q()
    for word in words(query):
        found &= Q(search_text__contains=word if len(word) >= SUBSTRING_FROM else f" {word} ")
    return found


def refresh_search_text(tips, batch: int = 2_000) -> int:
    """Recompute ``search_text`` of ``tips`` (a unit renamed), in batches; returns how many changed.
    A bulk update sends no post_save, so the cached pages are dropped here."""
    from ban138 import caching
    from ban138.models import AdministrativeUnit

    changed, last = 0, 0
    while True:
        rows = list(
            tips.filter(pk__gt=last)
            .order_by("pk")
            .only("pk", "summary", "address", "commune_id", "village_id", "decision_number")[:batch]
        )
        if not rows:
            break
        unit_ids = {t.commune_id for t in rows} | {t.village_id for t in rows if t.village_id}
        names = dict(AdministrativeUnit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
        for tip in rows:
            tip.search_text = search_text(
                tip.summary,
                tip.address,
                names.get(tip.commune_id, ""),
                names.get(tip.village_id, ""),
                tip.decision_number,
            )
        rows[0].__class__.objects.bulk_update(rows, ["search_text"])
        changed += len(rows)
        last = rows[-1].pk
    if changed:
        caching.bump()
    return changed


def trigram_index_operation():
    """The migration operation that makes the trigram index (tips/0003, and the squashed
    migration that stands for 0001–0016); PostgreSQL only: SQLite has the plain index of 0001."""
    from django.db import migrations

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS tips_tip_search_trgm "
                "ON tips_tip USING gin (search_text gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP INDEX IF EXISTS tips_tip_search_trgm")

    return migrations.RunPython(create, drop)
