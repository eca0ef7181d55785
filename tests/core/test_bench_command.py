"""`make bench` keeps working: the command builds a small database of its own, measures every row
of its table beside the baselines and writes the table (PostgreSQL only, as the bench itself)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [pytest.mark.postgres, pytest.mark.django_db, pytest.mark.slow]

SIZE = 1000  # the rare search word first occurs at serial 1,000 (bench.datagen)
PREFIX = "ban138_benchtest_"  # never the databases `make bench` keeps


def test_the_bench_prints_every_row_with_its_baseline_on_a_small_database(tmp_path):
    db = settings.DATABASES["default"]
    server = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    output = tmp_path / "bench.md"
    env = {**os.environ, "DATABASE_URL": f"{server}/postgres"}
    try:
        result = subprocess.run(  # noqa: S603 — our own manage.py, fixed arguments
            [
                sys.executable,
                "manage.py",
                "bench",
                "--settings",
                "bench.settings",
                "--sizes",
                str(SIZE),
                "--runs",
                "1",
                "--no-load",
                "--memory-minutes",
                "0.1",
                "--rebuild",
                "--db-prefix",
                PREFIX,
                "--pg-url",
                server,
                "--output",
                str(output),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        _drop(server, f"{PREFIX}{SIZE}")
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
        ("gunicorn 2 workers: RSS MB after 0.1 min mixed load", "RSS MB at start"),
        ("landing /trang-chu/truong_ban/", "same, first after a write"),
        # Issue 18: the web workers stay responsive while the task worker renders six reports.
        ("login page while 6 reports render", "login page, worker idle"),
    ]:
        row = next((line for line in table.splitlines() if f"| {check}" in line), None)
        assert row is not None, check
        assert baseline in row, row
    # Every year of the data is compiled, each checked against the hand SQL's figures.
    compiled = [line for line in table.splitlines() if "| report compile 20" in line]
    assert len(compiled) >= 3, compiled
    assert "issued report download" in table and "campaign page" in table


def _drop(server: str, name: str) -> None:
    import psycopg2

    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()
