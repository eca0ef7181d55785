"""Whole-database backup and restore, with the database's own tools.

Never `dumpdata`: it goes through the models and would write informants' identities decrypted.
A backup copies the stored rows as they are — informant data stays ciphertext tagged with its key
id — and the encryption keys, which live outside the database, are not in it.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(RuntimeError):
    pass


def backup_database(output: Path, *, alias: str = "default") -> Path:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        _pg(
            "pg_dump", connection.settings_dict, "--format=custom", "--no-owner", f"--file={output}"
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(output) as target:
            connection.connection.backup(target)  # online backup API: consistent while in use
    else:
        raise BackupError(f"Không hỗ trợ sao lưu CSDL {connection.vendor}.")
    return output


def restore_database(source: Path, *, settings_dict: dict | None = None) -> None:
    """Replace the contents of a database (the default one unless ``settings_dict`` names
    another of the same engine) with the backup's."""
    if not source.exists():
        raise BackupError(f"Không tìm thấy tệp sao lưu {source}.")
    if settings_dict is None:
        connections["default"].close()
        settings_dict = connections["default"].settings_dict
    engine = settings_dict["ENGINE"]
    if engine.endswith("postgresql"):
        _pg(
            "pg_restore",
            settings_dict,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(source),
        )
    elif engine.endswith("sqlite3"):
        with sqlite3.connect(source) as backup, sqlite3.connect(settings_dict["NAME"]) as target:
            backup.backup(target)
    else:
        raise BackupError(f"Không hỗ trợ khôi phục CSDL {engine}.")


def _pg(tool: str, params: dict, *args: str) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(f"Không tìm thấy {tool}; hãy cài gói postgresql-client.")
    env = {**os.environ, "PGPASSWORD": params.get("PASSWORD") or ""}
    command = [
        executable,
        f"--host={params.get('HOST') or 'localhost'}",
        f"--port={params.get('PORT') or 5432}",
        f"--username={params.get('USER') or 'postgres'}",
        f"--dbname={params['NAME']}",
        *args,
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{tool} thất bại: {result.stderr.strip()}")
