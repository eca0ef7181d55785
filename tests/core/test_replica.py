"""Reports read from a real PostgreSQL streaming replica (issue 18, docs/DEPLOY.md § 12).

The test starts its own throw-away primary (initdb, on a free port of this machine) and a hot
standby cloned from it with ``pg_basebackup -R`` — the shared server on 5432 is left alone: its
pg_hba.conf allows no replication connections, and changing it is not a test's business. A
process of its own (tests/core/replica_probe.py) runs the app with DATABASE_URL on the primary
and DATABASE_REPLICA_URL on the standby, and drives the report worker's code path. With replay
paused on the standby, a tip written on the primary is missing from the report (it read the
standby) while the primary already counts it; after replay resumes the report counts it. Every
query on tips went to the replica alias, every INSERT to the primary — even one made inside
replica_reads(). Without the router (or without replica_reads in the task) the paused report
would count the new tip, and this fails.

Two app processes against one PostgreSQL and one Redis, a write on one seen by the next request
to the other: tests/core/test_shared_cache.py.
"""

import contextlib
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.core.test_shared_cache import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


INITDB, PG_CTL, PG_BASEBACKUP = (_pg_bin(n) for n in ("initdb", "pg_ctl", "pg_basebackup"))


def _as_postgres(args: list[str], **kwargs):
    """PostgreSQL refuses to run as root: as root, run its tools as the postgres user."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(  # noqa: S603 — the PostgreSQL tools, arguments of the test's own
        args, check=True, capture_output=True, text=True, timeout=120, **kwargs
    )


@contextlib.contextmanager
def _server(data: Path, port: int, sockets: Path, *settings: str):
    options = " ".join(
        [f"-p {port}", "-c listen_addresses=127.0.0.1", f"-k {sockets}", "-c fsync=off", *settings]
    )
    _as_postgres([PG_CTL, "-D", str(data), "-o", options, "-l", str(data.parent / f"{port}.log"),
                  "-w", "-t", "60", "start"])
    try:
        yield port
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            _as_postgres([PG_CTL, "-D", str(data), "-m", "immediate", "-w", "stop"])


@pytest.fixture
def streaming_pair():
    if not (INITDB and PG_CTL and PG_BASEBACKUP):
        pytest.skip("initdb, pg_ctl or pg_basebackup not found (the PostgreSQL server package)")
    work = Path(tempfile.mkdtemp(prefix="ban138-replica-"))
    if os.geteuid() == 0:
        shutil.chown(work, "postgres", "postgres")
    primary, replica, sockets = work / "primary", work / "replica", work / "sockets"
    try:
        _as_postgres(["mkdir", "-m", "0700", str(sockets)])
        # initdb's own pg_hba.conf with --auth=trust allows replication from 127.0.0.1.
        _as_postgres([INITDB, "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8"])
        primary_port, replica_port = free_port(), free_port()
        with _server(primary, primary_port, sockets, "-c wal_level=replica",
                     "-c max_wal_senders=4"):
            _as_postgres([PG_BASEBACKUP, "-h", "127.0.0.1", "-p", str(primary_port), "-U",
                          "postgres", "-D", str(replica), "-R", "-X", "stream"])
            with _server(replica, replica_port, sockets, "-c hot_standby=on"):
                yield primary_port, replica_port
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_reports_read_the_streaming_replica_and_writes_go_to_the_primary(streaming_pair):
    primary_port, replica_port = streaming_pair
    subprocess.run(  # noqa: S603 — fixed command
        [_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres", "-qc",
         "CREATE DATABASE ban138"],
        check=True, capture_output=True, timeout=60,
    )
    env = {
        k: v for k, v in os.environ.items()
        if k not in {"DJANGO_ENV", "BAN138_ENV_FILE", "REDIS_URL", "CACHE_DIR"}
    }
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{primary_port}/ban138"
    env["DATABASE_REPLICA_URL"] = f"postgres://postgres@127.0.0.1:{replica_port}/ban138"
    result = subprocess.run(  # noqa: S603 — the test's own probe
        [sys.executable, str(ROOT / "tests" / "core" / "replica_probe.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["replica_in_recovery"] is True  # the alias is a real standby
    assert seen["before_tips_queries_on"] == ["replica"]
    assert seen["write_inserts_on"] == ["default"]
    assert seen["write_in_replica_reads_inserts_on"] == ["default"]
    # Replay paused: the primary counts both new tips, the report (from the standby) does not.
    assert seen["primary_figure"] == seen["before"] + 2
    assert seen["paused_report"] == seen["before"]
    # Replayed: the report reads them.
    assert seen["after"] == seen["before"] + 2
    assert seen["after_tips_queries_on"] == ["replica"]
