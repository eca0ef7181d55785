"""Backup and restore with the database's own tools, proven by restoring into a fresh database."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ban138.backup import backup_database, restore_database
from tests.conftest import raw_connection

pytestmark = pytest.mark.django_db(transaction=True)


def _row_counts(raw, tables) -> dict[str, int]:
    cursor = raw.cursor()
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 — names from introspection
        counts[table] = cursor.fetchone()[0]
    return counts


def test_restore_into_a_fresh_database_finds_the_same_rows(tmp_path, fresh_database):
    call_command("seed_demo", stdout=io.StringIO())
    dump = backup_database(tmp_path / "ban138.dump")
    restore_database(dump, settings_dict=fresh_database)
    tables = connection.introspection.table_names()
    original = {t: n for t, n in _row_counts(connection.connection, tables).items()}
    raw = raw_connection(fresh_database)
    try:
        restored = _row_counts(raw, tables)
    finally:
        raw.close()
    assert original["ban138_administrativeunit"] > 0
    assert restored == original


def test_backup_command_writes_a_private_file(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    target = tmp_path / "b.dump"
    call_command("backup", output=target, stdout=io.StringIO())
    assert target.stat().st_size > 0
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_restore_refuses_without_confirmation(tmp_path):
    target = tmp_path / "b.dump"
    target.write_bytes(b"x")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", input=target, stdout=io.StringIO())
