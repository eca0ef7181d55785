"""The Khánh Sơn demo, seeded once per test run and copied into each test that asks for it.

``seed_demo`` walks about 300 tips through the real services (validation, history, the workflow's
duties): half a minute of work that every module of report tests, the page crawl and the
browser journeys repeated. Now it is seeded once, inside a transaction that is rolled back, and
every table's rows as the seed left them are kept (``capture``). A test then makes its database
hold exactly those rows (``diff`` against what it holds now, then ``apply``: plain DELETEs and
INSERTs in one transaction) — inside the module's outer transaction for the ``demo`` fixture, or
committed for a test with a live server. The copy is the seed's own output, row for row. On
PostgreSQL a table that is empty when the copy starts (every table the seed fills, at the start of
a module) is written with ``COPY`` from the seed's own ``COPY ... TO STDOUT`` text, captured beside
its rows (``capture_copies``): a tenth of the time of the INSERTs, which cost 0.4 s a module.

``make test`` sets BAN138_TEST_RUN, so the workers of both its passes share one seed through a
file in the temporary directory (one per database vendor, run and state of the code); without it,
each worker seeds once. Seeding writes no files (checked in ``tests/core/test_seed_demo.py``), so
rows are the whole demo.
"""

import fcntl
import hashlib
import io
import os
import pickle  # nosec B403 - a file this test run wrote itself, in its own temporary directory
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

# The schema's own record: the same in every test database, and never the demo's.
NOT_COPIED = {"django_migrations"}


@dataclass
class TableChange:
    table: str
    pk: str
    columns: list[str]
    removed: list = field(default_factory=list)  # primary keys of rows to delete (or rewrite)
    added: list = field(default_factory=list)  # full rows to insert (new or rewritten)
    whole: bool = False  # the table held nothing: ``added`` is all its rows


def _rows(cursor, table):
    quoted = connection.ops.quote_name(table)
    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names from introspection)
    rows = [
        tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
        for row in cursor.fetchall()
    ]
    return [column[0] for column in cursor.description], rows


@dataclass(frozen=True)
class DemoSeed:
    """The one seed of a test run: ``seed_demo --dry-run --allow-production`` under production
    settings, as a demonstration machine would try it first. ``before``: every table before it;
    ``rows``: every table as the seed left it, captured inside its transaction just before the dry
    run rolls it back (``copies``: the same rows as PostgreSQL's COPY text, for the tables that
    hold any); ``left``: every table after it returned; ``files``: what it wrote under
    MEDIA_ROOT."""

    output: str
    before: dict
    rows: dict
    left: dict
    files: list
    copies: dict = field(default_factory=dict)


def capture():
    """Every table's rows, keyed by table name."""
    with connection.cursor() as cursor:
        return {
            table: _rows(cursor, table)
            for table in connection.introspection.table_names(cursor, include_views=False)
            if table not in NOT_COPIED
        }


def capture_copies(snapshot) -> dict:
    """PostgreSQL: the COPY text of every table of ``snapshot`` (a ``capture()``) that holds rows,
    its columns in the snapshot's order; elsewhere nothing."""
    if connection.vendor != "postgresql":
        return {}
    quote = connection.ops.quote_name
    copies = {}
    with connection.cursor() as cursor:
        for table, (columns, rows) in snapshot.items():
            if rows:
                text = io.StringIO()
                names = ", ".join(quote(column) for column in columns)
                cursor.copy_expert(f"COPY {quote(table)} ({names}) TO STDOUT", text)
                copies[table] = text.getvalue()
    return copies


def make_database_hold(snapshot, copies=None) -> None:
    """Make the database hold exactly the snapshot's rows, in one transaction (so foreign keys
    are checked once every table is written); ``copies`` (``capture_copies`` of the snapshot)
    writes a table that is empty by COPY. Content types may get other ids than the ones Django
    cached: its cache is emptied."""
    with transaction.atomic():
        apply(diff(capture(), snapshot), copies or {})
    ContentType.objects.clear_cache()


def shared(make: Callable[[], object], name: str = "demo"):
    """``make()``'s value, computed once for all the workers of a ``make test`` run (``name`` tells
    one such value from another)."""
    run = os.environ.get("BAN138_TEST_RUN")
    if not run:
        return make()
    folder = Path(tempfile.gettempdir()) / "ban138-test-demo"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / f"{connection.vendor}-{run}-{_code_state()}-{name}.pickle"
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return pickle.loads(path.read_bytes())  # noqa: S301  # nosec B301 - written above
        value = make()
        partial = path.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(value))
        partial.replace(path)
        return value


def _code_state() -> str:
    """The sources the seed runs (the apps, not the tests) and the day it is seeded for."""
    digest = hashlib.sha256(timezone.localdate().isoformat().encode())
    root = Path(settings.BASE_DIR)
    for package in ("ban138", "tips", "campaigns", "models_registry", "reports"):
        for source in sorted((root / package).rglob("*.py")):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def diff(before, after):
    changes = []
    with connection.cursor() as cursor:
        for table, (columns, rows) in after.items():
            old_rows = set(before.get(table, (columns, []))[1])
            if not old_rows:
                if rows:
                    changes.append(TableChange(table, "", columns, added=rows, whole=True))
                continue
            if old_rows == set(rows):
                continue
            pk = connection.introspection.get_primary_key_column(cursor, table)
            index = columns.index(pk)
            new_rows = set(rows)
            changes.append(
                TableChange(
                    table=table,
                    pk=pk,
                    columns=columns,
                    removed=[row[index] for row in old_rows - new_rows],
                    added=[row for row in rows if row not in old_rows],
                )
            )
    return changes


def _insert(cursor, table, names, rows):
    """Many rows to a statement (psycopg2's ``executemany`` sends one statement a row: 6,000 round
    trips for the demo), as many as the backend takes parameters for."""
    limit = connection.features.max_query_params or 10_000
    per_statement = max(1, min(1_000, limit // len(names)))
    row_marks = "(" + ", ".join(["%s"] * len(names)) + ")"
    for start in range(0, len(rows), per_statement):
        batch = rows[start : start + per_statement]
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES "  # noqa: S608
            + ", ".join([row_marks] * len(batch)),
            [value for row in batch for value in row],
        )


def apply(changes, copies=None):
    """Write the seed's rows back (foreign keys are deferred until the transaction ends, so the
    order of tables does not matter), then move each sequence past the ids it now holds. A table
    that held nothing is written from ``copies`` where it has the table's COPY text."""
    quote = connection.ops.quote_name
    copies = copies or {}
    with connection.cursor() as cursor:
        for change in changes:
            table = quote(change.table)
            if change.whole and change.table in copies:
                names = ", ".join(quote(column) for column in change.columns)
                cursor.copy_expert(
                    f"COPY {table} ({names}) FROM STDIN", io.StringIO(copies[change.table])
                )
                continue
            if change.removed:
                cursor.executemany(
                    f"DELETE FROM {table} WHERE {quote(change.pk)} = %s",  # noqa: S608
                    [(key,) for key in change.removed],
                )
            if change.added:
                _insert(cursor, table, [quote(column) for column in change.columns], change.added)
        tables = {change.table for change in changes}
        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.db_table in tables
        ]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
