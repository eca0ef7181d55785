"""Backups that restore (issue 18): the drill — back up, restore into a fresh database and
media directory, compare rows, informants, files and issued reports' hashes — plus the refusals
of `restore --dry-run`, the loud failure of `backup`, and what a backup must not hold."""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.core.management import CommandError, call_command
from django.db import connection

from ban138.backup import (
    BackupError,
    backup_database,
    create_backup,
    inspect_backup,
    pg_environment,
    restore_backup,
    stored_files,
)
from reports import services as report_services
from tests.conftest import raw_connection
from tests.security.conftest import png_upload
from tests.tips.factories import local, make_tip
from tips import crypto
from tips import services as tip_services

pytestmark = pytest.mark.django_db(transaction=True)
IDENTITY = {"name": "ZZCANARY Nguyễn", "id_number": "099999999999", "phone": "", "address": ""}
ROOT = Path(__file__).resolve().parents[2]


def _row_counts(raw, tables) -> dict[str, int]:
    cursor = raw.cursor()
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 — names from introspection
        counts[table] = cursor.fetchone()[0]
    return counts


def _fetch(raw, sql, *params):
    mark = "?" if isinstance(raw, sqlite3.Connection) else "%s"
    cursor = raw.cursor()
    cursor.execute(sql.replace("?", mark), params)
    return cursor.fetchall()


@pytest.fixture
def site(officer, chairman, secretariat, district, son_binh):
    """A district with a tip (informant + attachment), an issued report and a live session. The
    report is 2019's: the demo, which the drill commits first, holds 2020's draft."""
    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY, received_at=local(2020, 5, 4))
    attachment = tip_services.attachment_add(tip=tip, by=officer, upload=png_upload())
    draft = report_services.report_draft_create(year=2019, unit=district, created_by=secretariat)
    draft = report_services.report_draft_update(
        draft=draft, expected_version=draft.version, number="15",
        document_date=local(2020, 3, 10).date(),
        shortcomings="Công tác nắm tình hình còn chậm.",
        tasks="Tiếp tục triển khai đồng bộ các giải pháp.",
    )
    issued = report_services.report_issue(draft=draft, user=chairman)
    session = SessionStore()
    session["_auth_user_id"] = str(officer.pk)
    session.create()
    return {"tip": tip, "attachment": attachment, "issued": issued, "session": session}


def test_drill_back_up_drop_restore_and_compare_everything(
    tmp_path, fresh_database, committed_demo, site  # every app's rows, not only the site's
):
    archive = tmp_path / "backups" / "ban138.tar"
    create_backup(archive)
    media_before = {
        p.relative_to(settings.MEDIA_ROOT).as_posix(): p.read_bytes()
        for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()
    }
    assert site["attachment"].file.name in media_before

    # "Drop": a fresh, empty database and an empty media directory stand for the lost server.
    new_media = tmp_path / "new-media"
    restore_backup(
        archive, settings_dict=fresh_database, storage=FileSystemStorage(location=new_media)
    )

    tables = connection.introspection.table_names()
    original = _row_counts(connection.connection, tables)
    raw = raw_connection(fresh_database)
    try:
        restored = _row_counts(raw, tables)
        ((ciphertext,),) = _fetch(
            raw, "SELECT ciphertext FROM tips_informant WHERE tip_id = ?", site["tip"].pk
        )
        ((pdf, docx, pdf_hash, docx_hash),) = _fetch(
            raw, "SELECT pdf, docx, pdf_sha256, docx_sha256 FROM reports_issuedreport WHERE id = ?",
            site["issued"].pk,
        )
    finally:
        raw.close()
    assert original["django_session"] >= 1
    assert restored.pop("django_session") == 0  # sessions never travel in a backup
    original.pop("django_session")
    assert original["ban138_administrativeunit"] > 0
    assert restored == original
    assert crypto.decrypt(ciphertext, tip_id=site["tip"].pk)["name"] == IDENTITY["name"]
    assert hashlib.sha256(bytes(pdf)).hexdigest() == pdf_hash == site["issued"].pdf_sha256
    assert hashlib.sha256(bytes(docx)).hexdigest() == docx_hash == site["issued"].docx_sha256
    media_after = {
        p.relative_to(new_media).as_posix(): p.read_bytes() for p in new_media.rglob("*")
        if p.is_file()
    }
    assert media_after == media_before
    restored_file = new_media / site["attachment"].file.name
    assert oct(restored_file.stat().st_mode & 0o777) == "0o600"


def test_restore_moves_files_the_backup_does_not_know_out_of_media(tmp_path, fresh_database, site):
    archive = create_backup(tmp_path / "b.tar") and tmp_path / "b.tar"
    late = Path(settings.MEDIA_ROOT) / "tips" / "late-upload.png"
    late.parent.mkdir(parents=True, exist_ok=True)
    late.write_bytes(b"uploaded after the backup")
    _, orphans = restore_backup(archive, settings_dict=fresh_database, orphans_root=tmp_path)
    assert not late.exists()
    assert oct(orphans.stat().st_mode & 0o777) == "0o700"
    assert (orphans / "tips" / "late-upload.png").read_bytes() == b"uploaded after the backup"
    assert (Path(settings.MEDIA_ROOT) / site["attachment"].file.name).exists()


def test_uploads_in_a_storage_with_no_paths_on_disk_are_backed_up_and_restored(
    tmp_path, fresh_database, settings, officer, son_binh
):
    """Uploads go through the storage API, so the backup holds them wherever they live (here a
    store with no files on disk at all, as object storage is) and the restore writes them back
    into the configured store; files it does not know leave the store for a private directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    tip = make_tip(by=officer, commune=son_binh, received_at=local(2020, 5, 4))
    attachment = tip_services.attachment_add(tip=tip, by=officer, upload=png_upload())
    name = attachment.file.name
    original = storages["default"].open(name, "rb").read()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))

    archive = tmp_path / "backups" / "b.tar"
    manifest = create_backup(archive)
    assert manifest.files == {name: hashlib.sha256(original).hexdigest()}
    with tarfile.open(archive) as tar:
        assert tar.extractfile("media/" + name).read() == original

    target = InMemoryStorage()
    target.save("tips/late-upload.png", ContentFile(b"uploaded after the backup"))
    _, orphans = restore_backup(
        archive, settings_dict=fresh_database, storage=target, orphans_root=tmp_path
    )
    assert stored_files(target) == [name]
    assert target.open(name, "rb").read() == original
    assert (orphans / "tips" / "late-upload.png").read_bytes() == b"uploaded after the backup"


def test_backup_command_writes_private_files_and_a_good_status(tmp_path, site, client, settings):
    settings.BACKUP_DIR = tmp_path / "backups"
    assert client.get("/suc-khoe/").json()["backup"] == "none"
    call_command("backup", stdout=io.StringIO())
    (archive,) = (tmp_path / "backups").glob("ban138-*.tar")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert oct((tmp_path / "backups").stat().st_mode & 0o777) == "0o700"
    response = client.get("/suc-khoe/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "database": "ok", "backup": "ok",
        "backup_at": response.json()["backup_at"],
    }
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert "media/" + site["attachment"].file.name in names


def test_a_backup_that_cannot_be_written_fails_loudly(tmp_path, site, client, settings):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.ADMINS = [("Quản trị", "it@example.vn")]
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the backup directory should be")
    with pytest.raises(CommandError, match="Sao lưu thất bại"):
        call_command("backup", output=blocked / "b.tar", stdout=io.StringIO())
    assert [m.subject for m in mail.outbox] == [settings.EMAIL_SUBJECT_PREFIX + "Sao lưu THẤT BẠI"]
    response = client.get("/suc-khoe/")
    assert response.status_code == 503
    assert response.json()["backup"] == "failed"
    assert "not-a-directory" not in response.content.decode()  # no path, no error text


def test_backup_of_an_empty_database_exits_non_zero_and_is_reported(tmp_path):
    """The upgrade's "always first" backup once saved a 0-byte SQLite file with exit code 0
    (a missing DATABASE_URL made a new, empty database)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}",
        "BACKUP_DIR": str(tmp_path / "backups"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ADMIN_EMAILS": "it@example.vn",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "DJANGO_ENV": "development",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "backup"], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120, check=False,
    )
    assert result.returncode != 0
    assert "django_migrations" in result.stderr
    assert list((tmp_path / "backups").glob("*.tar")) == []
    assert "To: it@example.vn" in result.stdout  # the mail to ADMINS (console backend)
    assert "Bản sao lưu lúc" in result.stdout
    status = json.loads((tmp_path / "backups" / "status.json").read_text())
    assert status["ok"] is False


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "rỗng"),
        (os.urandom(4096), "không phải bản sao lưu"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "SQLite"),
        (b"PGDMP" + os.urandom(300), "pg_restore"),
    ],
    ids=["empty", "random-bytes", "damaged-sqlite", "damaged-pgdump"],
)
def test_restore_dry_run_refuses_what_would_not_restore(tmp_path, content, message):
    bad = tmp_path / "bad.tar"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", input=bad, dry_run=True, stdout=io.StringIO())


def test_restore_dry_run_refuses_a_truncated_or_tampered_archive(tmp_path, site):
    good = tmp_path / "good.tar"
    create_backup(good)
    out = io.StringIO()
    call_command("restore", input=good, dry_run=True, stdout=out)
    assert "dùng được" in out.getvalue()

    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(CommandError):
        call_command("restore", input=truncated, dry_run=True, stdout=io.StringIO())

    tampered = tmp_path / "tampered.tar"
    with tarfile.open(good) as source, tarfile.open(tampered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = b"replaced" + data
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(BackupError, match="sai"):
        inspect_backup(tampered)


def test_restore_refuses_without_confirmation(tmp_path):
    target = tmp_path / "b.tar"
    target.write_bytes(b"x")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", input=target, stdout=io.StringIO())


def test_a_bare_database_file_of_an_older_release_still_restores(tmp_path, fresh_database, site):
    dump = backup_database(tmp_path / "old.dump")
    manifest, _ = restore_backup(
        dump, settings_dict=fresh_database, storage=FileSystemStorage(location=tmp_path / "m")
    )
    assert manifest.legacy


def test_the_configured_connection_is_used_as_it_is():
    """An empty HOST is the Unix socket with peer authentication for libpq as for Django: the
    tools must not be handed localhost, a port or a user that the settings do not name."""
    env = pg_environment({"NAME": "ban138", "HOST": "", "PORT": "", "USER": "", "PASSWORD": ""})
    for var in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD"):
        assert env.get(var) == os.environ.get(var)
    env = pg_environment({"NAME": "b", "HOST": "db.internal", "PORT": 6432, "USER": "u",
                          "PASSWORD": "p", "OPTIONS": {"sslmode": "require"}})
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGPASSWORD"], env["PGSSLMODE"]) == (
        "db.internal", "6432", "u", "p", "require")
