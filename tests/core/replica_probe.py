"""Run by tests/core/test_replica.py in a process of its own, with DATABASE_URL on a throw-away
primary and DATABASE_REPLICA_URL on its streaming replica (started by the test with
``pg_basebackup -R``). Migrates and seeds the primary, then drives the report worker's own code
path (reports.background.commune_context with on_replica, as render_report_file calls it) and
prints, as one JSON line, what it saw: where each query went and the figures each read gave."""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ban138.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from ban138.demo import seed_profile, seed_units  # noqa: E402
from ban138.models import AdministrativeUnit  # noqa: E402
from ban138.roles import Role  # noqa: E402
from ban138.routers import replica_reads  # noqa: E402
from reports.background import commune_context  # noqa: E402
from reports.services import compile_report  # noqa: E402
from tests.factories import make_user  # noqa: E402
from tests.tips.factories import make_tip  # noqa: E402


def recorder(alias, seen):
    def wrapper(execute, sql, params, many, context):
        seen.append((alias, sql))
        return execute(sql, params, many, context)

    return wrapper


def recorded(fn):
    seen = []
    with (
        connections["default"].execute_wrapper(recorder("default", seen)),
        connections["replica"].execute_wrapper(recorder("replica", seen)),
    ):
        value = fn()
    return value, seen


def scalar(alias, sql):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def wait_until_replayed(seconds=30):
    target = scalar("default", "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if scalar("replica", f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
            return
        time.sleep(0.1)
    raise TimeoutError("the replica did not replay the primary's WAL in time")


def tips_queries(seen):
    return sorted({alias for alias, sql in seen if '"tips_tip"' in sql})


def inserts_on(seen):
    return sorted({alias for alias, sql in seen if sql.lstrip().upper().startswith("INSERT")})


def main():
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"migrated in {time.monotonic() - started:.0f} s", file=sys.stderr)
    district = seed_units()  # the demo's units and committee, as tests/conftest.py seeds them
    seed_profile(district)
    chairman = make_user("kt_truongban", Role.CHAIRMAN)
    officer = make_user("kt_canbo_tiepnhan", Role.OFFICER)
    commune = AdministrativeUnit.objects.get(parent=district, name="Sơn Bình")
    make_tip(by=officer, commune=commune, received_at=timezone.now())
    wait_until_replayed()
    year = timezone.localdate().year

    def report():
        _, context = commune_context(chairman, commune.pk, year, on_replica=True)
        return context["figures"].tips_received.current

    out = {"replica_in_recovery": scalar("replica", "SELECT pg_is_in_recovery()")}
    out["before"], seen = recorded(report)
    out["before_tips_queries_on"] = tips_queries(seen)

    # Replay paused: a tip written now is on the primary only, so what the report shows tells
    # which server it read.
    scalar("replica", "SELECT pg_wal_replay_pause()::text")
    def write():
        return make_tip(by=officer, commune=commune, received_at=timezone.now())

    _, seen = recorded(write)
    out["write_inserts_on"] = inserts_on(seen)
    with replica_reads():  # a write inside the replica's reads still goes to the primary
        _, seen = recorded(write)
    out["write_in_replica_reads_inserts_on"] = inserts_on(seen)
    out["paused_report"], _ = recorded(report)
    out["primary_figure"] = compile_report(year=year, unit=commune).tips_received.current

    scalar("replica", "SELECT pg_wal_replay_resume()::text")
    wait_until_replayed()
    out["after"], seen = recorded(report)
    out["after_tips_queries_on"] = tips_queries(seen)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
