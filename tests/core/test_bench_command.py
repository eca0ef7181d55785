"""`make bench` keeps working: it measures every row of its table beside the baselines on a small
database and writes the table (PostgreSQL only, as the bench itself).

The bench's database starts as a copy of this test's, which holds the demo as ``seed_demo`` left
it (``committed_demo``, the run's one seed): ``generate_data`` adds its 1,000 tips to it, as to
any database already seeded, and the bench finds it there and migrates it, as on every run after
its first. A database of its own from nothing (``--rebuild``: migrate, ``seed_demo``, the tips)
would spend 45 s of this test re-making the demo that the rest of the suite already checks
(tests/core/test_seed_demo.py, test_generate_data.py)."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection, connections

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SIZE = 1000  # the rare search word first occurs at serial 1,000 (bench.datagen)
PREFIX = "ban138_benchtest_"  # never the databases `make bench` keeps


def _manage(*args, env, timeout=600):
    return subprocess.run(  # noqa: S603 — our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args, "--settings", "bench.settings"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_the_bench_prints_every_row_with_its_baseline_on_a_small_database(
    committed_demo, tmp_path
):
    db = settings.DATABASES["default"]
    server = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    name = f"{PREFIX}{SIZE}"
    output = tmp_path / "bench.md"
    # The demo's informants were sealed with this run's key: the bench's pages must open them.
    keys = ",".join(
        f"{kid}:{base64.b64encode(key).decode()}" for kid, key in settings.INFORMANT_KEYS.items()
    )
    env = {
        **os.environ,
        "DATABASE_URL": f"{server}/postgres",
        "INFORMANT_KEYS": keys,
        "INFORMANT_ACTIVE_KEY_ID": settings.INFORMANT_ACTIVE_KEY_ID,
    }
    template = connection.settings_dict["NAME"]
    connections.close_all()  # a template database may have no other session
    _drop(server, name)
    _admin(server, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        generated = _manage(
            "generate_data", "--tips", str(SIZE), "--no-progress",
            "--database-url", f"{server}/{name}", env=env,
        )  # fmt: skip
        assert generated.returncode == 0, generated.stderr[-2000:]
        assert f"{SIZE:,} nguồn tin" in generated.stdout, generated.stdout[-2000:]
        result = _manage(
            "bench", "--sizes", str(SIZE), "--runs", "1", "--no-load", "--render-reports", "2",
            "--memory-minutes", "0.05", "--db-prefix", PREFIX, "--pg-url", server,
            "--output", str(output), env=env,
        )  # fmt: skip
    finally:
        _drop(server, name)
    assert result.returncode == 0, result.stderr[-2000:]
    # Nothing failed on the side: a load thread's refused request once only printed a traceback.
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    table = Path(output).read_text()
    assert table.startswith("Machine: ")
    for check, baseline in [
        ("tip list, page 1 |", "admin changelist"),
        ("tip list, page 1, first after another user's write", "bare keyset page"),
        ("tip list, page 1, warm cache", "same, first after another user's write"),
        ("tip list, filtered", "admin changelist filtered"),
        ("tip search, 2 letters, found", "bare keyset page"),
        ("tip search, 2 letters, none", "bare keyset page"),
        ("tip search, 3 letters, none", "bare keyset page"),
        ("tip search, 8 letters, found", "bare keyset page"),
        ("tip search, rare word", "bare keyset page"),
        ("report compile 20", "same figures (checked)"),
        ("report compile, worst year", "same figures (checked)"),
        ("report PDF render", "bare WeasyPrint"),
        ("gunicorn 2 workers: RSS MB after 0.05 min mixed load", "RSS MB at start"),
        ("landing /trang-chu/truong_ban/", "same, first after a write"),
        # Issue 18: the web workers stay responsive while the task worker renders reports (six in
        # `make bench`; two here, the same measurement).
        ("login page while 2 reports render", "login page, worker idle"),
    ]:
        row = next((line for line in table.splitlines() if f"| {check}" in line), None)
        assert row is not None, check
        assert baseline in row, row
    # Every year of the data is compiled, each checked against the hand SQL's figures.
    compiled = [line for line in table.splitlines() if "| report compile 20" in line]
    assert len(compiled) >= 3, compiled
    assert "issued report download" in table and "campaign page" in table


def _admin(server: str, statement: str) -> None:
    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(statement)
    admin.close()


def _drop(server: str, name: str) -> None:
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
