"""`make bench` keeps working: the command builds a small database of its own, measures every row
of its table beside the baselines and writes the table (PostgreSQL only, as the bench itself)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

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
                "--sizes",
                str(SIZE),
                "--runs",
                "1",
                "--no-load",
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
    table = Path(output).read_text()
    assert table.startswith("Machine: ")
    for check, baseline in [
        ("tip list, page 1", "admin changelist"),
        ("tip list, filtered", "admin changelist filtered"),
        ("tip search, rare word, first after a write", "same, repeated"),
        ("report compile", "hand SQL (GROUPING SETS)"),
        ("report PDF render", "bare WeasyPrint"),
        ("landing /trang-chu/truong_ban/", "same, first after a write"),
    ]:
        row = next(line for line in table.splitlines() if f"| {check}" in line)
        assert baseline in row, row
    assert "issued report download" in table and "campaign page" in table


def _drop(server: str, name: str) -> None:
    import psycopg2

    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()
