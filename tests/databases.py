"""The test databases (and the static files), set up for a suite that runs in minutes.

**SQLite on disk** (:func:`sqlite_on_disk`). Django's SQLite test database is in memory, so it
is migrated again by every run (95 migrations, some ten seconds of state rendering each time).
On disk, under the temporary directory, one file per checkout and worker, a run with
``--reuse-db`` (a file or two of tests, run again and again) reuses what the last one migrated,
as it does on PostgreSQL; ``make test`` makes it afresh. Nothing is synced to disk (``PRAGMA
synchronous = OFF``): a test database that a crash loses is made again by the next run.

**The flush on PostgreSQL** (:func:`install_fast_flush`). A test that commits for real ends
with Django's ``flush``; on PostgreSQL that is one TRUNCATE of every table (79 tables, 520
relations with their indexes and TOAST tables): about 3 seconds, whatever they hold, because
TRUNCATE gives each relation a new file. The ~30 such tests spent a minute and a half of
``make test`` there.

Here the flush empties only the tables that hold rows, with DELETE: the same empty database, in a
few milliseconds. It runs with ``session_replication_role = replica`` for its transaction, which
turns off row triggers, so the audit tables' append-only trigger (ban138.models.
append_only_trigger), which rightly refuses a DELETE, lets the test database be emptied, and the
foreign-key triggers, whose rows all go in the same transaction, are skipped too. That setting
needs a superuser (CI's and this machine's ``postgres``); for any other role the flush stays
Django's own. SQLite's flush already deletes table by table.

**The static files, listed once** (:func:`scan_static_files_once`). Outside production WhiteNoise
serves from the finders, and lists every static file (Bootstrap's included) when its middleware
is made: in a server once, but the test client makes the middleware anew for each client, and
the suite's tests make a client or more each (13 ms a listing here). Here a process lists them
once for each set of WhiteNoise settings and every later middleware gets the same table.
"""

import hashlib
import tempfile
from pathlib import Path

from django.db.backends.postgresql.operations import DatabaseOperations

_original_sql_flush = DatabaseOperations.sql_flush


def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if reset_sequences or not tables or not _is_superuser(self.connection):
        return _original_sql_flush(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    quote = self.quote_name
    holding = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608 (Django's tables)
        for table in tables
    )
    with self.connection.cursor() as cursor:
        cursor.execute(holding, list(tables))
        full = [row[0] for row in cursor.fetchall()]
    if not full:
        return []
    return [
        "SET LOCAL session_replication_role = replica",
        *(f"DELETE FROM {quote(table)}" for table in full),  # noqa: S608
        # Back on for the rest of the transaction, should a caller's outer one go on.
        "SET LOCAL session_replication_role = origin",
    ]


def _is_superuser(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def install_fast_flush() -> None:
    DatabaseOperations.sql_flush = sql_flush


def sqlite_on_disk() -> None:
    from django.conf import settings
    from django.db.backends.signals import connection_created

    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3") or database.get("TEST", {}).get("NAME"):
        return
    checkout = hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:10]
    name = Path(tempfile.gettempdir()) / f"ban138-test-{checkout}.sqlite3"  # + "_gw0" per worker
    database.setdefault("TEST", {})["NAME"] = str(name)
    connection_created.connect(_unsynced, dispatch_uid="ban138-test-sqlite-unsynced")


def _unsynced(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")


def scan_static_files_once() -> None:
    from django.conf import settings
    from whitenoise.middleware import WhiteNoiseMiddleware

    scan = WhiteNoiseMiddleware.add_files_from_finders
    tables: dict = {}

    def add_files_from_finders(self):
        key = (
            self.static_prefix,
            self.max_age,
            self.allow_all_origins,
            self.charset,
            self.add_headers_function,
            repr(getattr(settings, "WHITENOISE_MIMETYPES", None)),
            repr(settings.STATICFILES_DIRS),
            tuple(settings.STATICFILES_FINDERS),
        )
        if key not in tables:
            before = dict(self.files)
            scan(self)
            tables[key] = {url: f for url, f in self.files.items() if before.get(url) is not f}
        self.files.update(tables[key])

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders
