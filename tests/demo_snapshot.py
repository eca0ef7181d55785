"""The Khánh Sơn demo, seeded once per test worker and copied into each module that asks for it.

``seed_demo`` walks about 260 tips through the real services (validation, history, the workflow's
duties): seconds of work that every module of report tests repeated. A worker now seeds it once
inside a transaction it rolls back, keeps the rows the seed wrote (table by table, as the database
returns them), and each module then writes those same rows back with plain INSERTs — inside its
own outer transaction, so the module still ends on the empty database. The copy is the seed's own
output, row for row: what a test sees is what ``seed_demo`` made, only faster.

The rows are compared against the database as it stood before the seed (the data migrations'
rows: role groups, crime groups, model types), so only what the seed added or changed is copied.
Seeding writes no files (checked in ``tests/core/test_seed_demo.py``), so rows are the whole demo.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection


@dataclass
class TableChange:
    table: str
    pk: str
    columns: list[str]
    removed: list = field(default_factory=list)  # primary keys of rows the seed changed or deleted
    added: list = field(default_factory=list)  # full rows the seed added or changed


def _rows(cursor, table):
    quoted = connection.ops.quote_name(table)
    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names from introspection)
    return [column[0] for column in cursor.description], cursor.fetchall()


def capture():
    """Every table's rows, keyed by table name."""
    with connection.cursor() as cursor:
        return {
            table: _rows(cursor, table)
            for table in connection.introspection.table_names(cursor, include_views=False)
        }


def diff(before, after):
    changes = []
    with connection.cursor() as cursor:
        for table, (columns, rows) in after.items():
            old_rows = set(before.get(table, (columns, []))[1])
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


def apply(changes):
    """Write the seed's rows back (foreign keys are deferred until the transaction ends, so the
    order of tables does not matter), then move each sequence past the ids it now holds."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for change in changes:
            table = quote(change.table)
            if change.removed:
                cursor.executemany(
                    f"DELETE FROM {table} WHERE {quote(change.pk)} = %s",  # noqa: S608
                    [(key,) for key in change.removed],
                )
            if change.added:
                names = ", ".join(quote(column) for column in change.columns)
                marks = ", ".join(["%s"] * len(change.columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                    change.added,
                )
        tables = {change.table for change in changes}
        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.db_table in tables
        ]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
