"""Reports read from a PostgreSQL streaming replica when one is configured (issue 18).

With ``DATABASE_REPLICA_URL`` set, settings add a ``replica`` database and this router. Reads go
to the replica only inside :func:`replica_reads` — which the report-file task wraps around
compiling and rendering figures — so a user never reads a page older than their own write, and
everything else (pages, issuing a report, whose frozen figures must include all that was
committed, backups) reads the primary. Writes and migrations always go to the primary. Replica
lag (seconds) is harmless for an annual or per-commune report.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connections

REPLICA = "replica"
_replica_reads = ContextVar("ban138_replica_reads", default=False)


@contextmanager
def replica_reads():
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReportReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and REPLICA in connections.databases:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, copied: rows from either side relate

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
