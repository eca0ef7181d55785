"""Whole-site backup and restore: the database with its own tools, plus the uploaded files.

Never `dumpdata`: it goes through the models and would write informants' identities decrypted.
A backup copies the stored rows as they are — informant data stays ciphertext tagged with its key
id — and the encryption keys, which live outside the database, are not in it.

A backup is one tar archive (mode 0600)::

    manifest.json        format, database vendor, time, the files and their SHA-256
    database.pgdump      pg_dump --format=custom (PostgreSQL)   — or —
    database.sqlite3     SQLite's online backup (SQLite)
    media/...            every uploaded file (attachments, status-check photos)

The uploaded files are read and written through Django's storage API (``storages["default"]``,
ban138/settings.py), never as paths on disk, so the same backup and restore work whether the
uploads sit under MEDIA_ROOT (the default) or in S3-compatible object storage.

Sessions are left out (their rows would let whoever reads the file ride a live login); the
TOTP devices are in it, because a restore without them locks every leader out — so the file
must be protected like the keys of the site (docs/DEPLOY.md, "Backups").

Every step checks what it wrote: a database without Django's migration table, an archive that
does not open, a dump pg_restore cannot list — each raises :class:`BackupError`; the commands
turn it into a non-zero exit, a mail to ADMINS and a "failed" status on /suc-khoe/.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connections
from django.utils import timezone

FORMAT = "ban138-backup/2"
MANIFEST = "manifest.json"
PG_MEMBER = "database.pgdump"
SQLITE_MEMBER = "database.sqlite3"
MEDIA_PREFIX = "media/"
# Rows that must never travel in a backup: live sessions (issue 15, point 13).
EXCLUDED_TABLE_DATA = ("django_session",)
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
STATUS_FILE = "status.json"


class BackupError(RuntimeError):
    pass


@dataclass
class Manifest:
    vendor: str
    created_at: str = ""
    files: dict[str, str] = field(default_factory=dict)  # media path -> sha256
    tables: int = 0
    legacy: bool = False  # a bare database file from an older release, without media

    @property
    def database_member(self) -> str:
        return PG_MEMBER if self.vendor == "postgresql" else SQLITE_MEMBER


# --- private files ---------------------------------------------------------------------------


def private_dir(path: Path) -> Path:
    """Make ``path`` (and missing parents) a directory only its owner can enter."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- the database alone ------------------------------------------------------------------------


def backup_database(output: Path, *, alias: str = "default") -> Path:
    """Write the database (without session rows) to ``output`` and check what was written."""
    connection = connections[alias]
    output = Path(output)
    if connection.vendor == "postgresql":
        _pg(
            "pg_dump",
            connection.settings_dict,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            *(f"--exclude-table-data={table}" for table in EXCLUDED_TABLE_DATA),
            f"--file={output}",
        )
        output.chmod(0o600)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        target = sqlite3.connect(output)
        try:
            connection.connection.backup(target)  # online backup API: consistent while in use
            for table in EXCLUDED_TABLE_DATA:
                if _sqlite_has_table(target, table):
                    target.execute(f'DELETE FROM "{table}"')  # noqa: S608  # nosec B608 — constant names
            target.commit()
            target.execute("VACUUM")  # the deleted rows' pages must not stay in the file
        finally:
            target.close()
    else:
        raise BackupError(f"Không hỗ trợ sao lưu CSDL {connection.vendor}.")
    check_database_file(output, connection.vendor)
    return output


def check_database_file(path: Path, vendor: str) -> int:
    """Refuse a database file that is empty, damaged, or holds no migrated schema; return its
    number of tables."""
    if not path.exists() or path.stat().st_size == 0:
        raise BackupError(f"Tệp CSDL {path.name} rỗng: bản sao lưu không dùng được.")
    if vendor == "postgresql":
        listing = _pg_restore_list(path)
        tables = re.findall(r"^\d+; \d+ \d+ TABLE DATA \S+ (\S+)", listing, re.MULTILINE)
        if "django_migrations" not in tables:
            raise BackupError(
                "Bản sao lưu PostgreSQL không có bảng django_migrations: CSDL nguồn rỗng "
                "hoặc chưa migrate (DATABASE_URL có trỏ đúng CSDL không?)."
            )
        return len(tables)
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError(f"Tệp {path.name} không phải CSDL SQLite.")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (verdict,) = db.execute("PRAGMA integrity_check").fetchone()
            if verdict != "ok":
                raise BackupError(f"CSDL SQLite trong bản sao lưu bị hỏng: {verdict}.")
            if not _sqlite_has_table(db, "django_migrations"):
                raise BackupError(
                    "CSDL SQLite không có bảng django_migrations: CSDL nguồn rỗng hoặc chưa "
                    "migrate (DATABASE_URL có trỏ đúng CSDL không?)."
                )
            (count,) = db.execute("SELECT COUNT(*) FROM django_migrations").fetchone()
            if not count:
                raise BackupError("CSDL SQLite chưa có migration nào: bản sao lưu rỗng.")
            (tables,) = db.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()
            return tables
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Không đọc được CSDL SQLite {path.name}: {exc}.") from exc


def _sqlite_has_table(db, table: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return row is not None


def restore_database(source: Path, *, settings_dict: dict | None = None) -> None:
    """Replace the contents of a database (the default one unless ``settings_dict`` names
    another of the same engine) with a database file written by :func:`backup_database`."""
    source = Path(source)
    if settings_dict is None:
        connections["default"].close()
        settings_dict = connections["default"].settings_dict
    engine = settings_dict["ENGINE"]
    if engine.endswith("postgresql"):
        check_database_file(source, "postgresql")
        _pg_restore(source, settings_dict)
    elif engine.endswith("sqlite3"):
        check_database_file(source, "sqlite")
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(settings_dict["NAME"])
        try:
            backup.backup(target)
        finally:
            backup.close()
            target.close()
    else:
        raise BackupError(f"Không hỗ trợ khôi phục CSDL {engine}.")


_EXTENSION_LINE = re.compile(r"^\d+; \d+ \d+ EXTENSION - (\S+)")
_EXTENSION_COMMENT = re.compile(r"^\d+; \d+ \d+ COMMENT - EXTENSION ")


def _pg_restore(source: Path, settings_dict: dict) -> None:
    """pg_restore without the extension entries, which only their owner (a superuser) may drop
    or comment on: the extensions are created first with CREATE EXTENSION IF NOT EXISTS — which
    the database's owner may do for trusted ones (pg_trgm, unaccent) — so a fresh server needs
    no manual step, and the rest restores in one transaction."""
    listing = _pg_restore_list(source)
    extensions, kept = [], []
    for line in listing.splitlines():
        match = _EXTENSION_LINE.match(line)
        if match:
            extensions.append(match.group(1))
        elif not _EXTENSION_COMMENT.match(line):
            kept.append(line)
    _pg_create_extensions(settings_dict, extensions)
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as handle:
        handle.write("\n".join(kept) + "\n")
        list_path = handle.name
    try:
        _pg(
            "pg_restore",
            settings_dict,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--use-list={list_path}",
            str(source),
        )
    finally:
        os.unlink(list_path)


def _pg_create_extensions(settings_dict: dict, names: list[str]) -> None:
    if not names:
        return
    import psycopg2
    from psycopg2 import sql

    params = {
        "dbname": settings_dict["NAME"],
        **{
            key: settings_dict[name]
            for key, name in (("host", "HOST"), ("port", "PORT"), ("user", "USER"))
            if settings_dict.get(name)
        },
    }
    if settings_dict.get("PASSWORD"):
        params["password"] = settings_dict["PASSWORD"]
    try:
        db = psycopg2.connect(**params)
    except psycopg2.Error as exc:
        raise BackupError(f"Không kết nối được CSDL đích: {exc}".strip()) from exc
    try:
        db.autocommit = True
        with db.cursor() as cursor:
            for name in names:
                cursor.execute(
                    sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(sql.Identifier(name))
                )
    except psycopg2.Error as exc:
        raise BackupError(
            f"Không tạo được extension {', '.join(names)} trên CSDL đích ({exc}). Tạo một lần "
            f"bằng tài khoản postgres: CREATE EXTENSION IF NOT EXISTS <tên>."
        ) from exc
    finally:
        db.close()


def _pg_restore_list(path: Path) -> str:
    executable = _tool("pg_restore")
    result = subprocess.run(  # noqa: S603 — fixed executable, a path argument
        [executable, "--list", str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            f"pg_restore không đọc được {path.name}: {result.stderr.strip() or 'tệp hỏng'}."
        )
    return result.stdout


def _tool(name: str) -> str:
    executable = shutil.which(name)
    if executable is None:
        raise BackupError(f"Không tìm thấy {name}; hãy cài gói postgresql-client.")
    return executable


def pg_environment(params: dict) -> dict[str, str]:
    """libpq's variables for a Django database, each only when it is set: an empty HOST means
    the Unix socket (and peer authentication), as it does for Django itself."""
    env = {**os.environ}
    for var, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        value = params.get(key)
        if value:
            env[var] = str(value)
    for var, option in (("PGSSLMODE", "sslmode"), ("PGSSLROOTCERT", "sslrootcert")):
        value = (params.get("OPTIONS") or {}).get(option)
        if value:
            env[var] = str(value)
    return env


def _pg(tool: str, params: dict, *args: str) -> None:
    command = [_tool(tool), f"--dbname={params['NAME']}", *args]
    result = subprocess.run(  # noqa: S603 — fixed executable, arguments built above
        command, env=pg_environment(params), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} thất bại: {result.stderr.strip()}")


# --- the archive: database + uploaded files ---------------------------------------------------


def uploads_storage() -> Storage:
    """Where the uploaded files live (settings.STORAGES["default"])."""
    return storages["default"]


def stored_files(storage: Storage) -> list[str]:
    """Every file name in ``storage``, sorted, walked with ``listdir`` (works on object stores,
    whose "directories" are name prefixes). A storage location that does not exist yet holds
    no files."""
    names, pending = [], [""]
    while pending:
        directory = pending.pop()
        try:
            dirs, files = storage.listdir(directory)
        except FileNotFoundError:
            continue
        prefix = f"{directory}/" if directory else ""
        names.extend(prefix + name for name in files)
        pending.extend(prefix + name for name in dirs)
    return sorted(names)


class _HashingReader:
    """Reads a stored file into the archive and hashes it on the way (one read per file, which
    matters when the file is fetched from object storage)."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk


def _add_stored_file(archive: tarfile.TarFile, storage: Storage, name: str) -> str:
    info = tarfile.TarInfo(MEDIA_PREFIX + name)
    info.size = storage.size(name)
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    with storage.open(name, "rb") as handle:
        reader = _HashingReader(handle)
        try:
            archive.addfile(info, reader)
        except OSError as exc:  # the file changed size while it was read
            raise BackupError(f"Tệp đính kèm {name} thay đổi trong lúc sao lưu: {exc}.") from exc
    return reader.digest.hexdigest()


def create_backup(output: Path, *, alias: str = "default", storage: Storage | None = None):
    """Write the whole site's backup archive to ``output`` (mode 0600) and return its manifest.
    Nothing is left at ``output`` unless every check passed."""
    output = Path(output)
    storage = storage or uploads_storage()
    private_dir(output.parent)
    vendor = connections[alias].vendor
    manifest = Manifest(vendor=vendor, created_at=timezone.now().isoformat())
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=output.parent))
    partial = output.with_name(output.name + ".partial")
    try:
        database = work / manifest.database_member
        backup_database(database, alias=alias)
        manifest.tables = check_database_file(database, vendor)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle, tarfile.open(fileobj=handle, mode="w") as archive:
            archive.add(database, manifest.database_member)
            for name in stored_files(storage):
                manifest.files[name] = _add_stored_file(archive, storage, name)
            # Last, so it lists the hashes of the bytes that went in; a restore finds it anywhere.
            (work / MANIFEST).write_text(
                json.dumps(manifest.__dict__, ensure_ascii=False, indent=1)
            )
            archive.add(work / MANIFEST, MANIFEST)
        inspect_backup(partial)  # read back what was written, as a restore would
        partial.replace(output)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        partial.unlink(missing_ok=True)
    return manifest


def _open_archive(path: Path) -> tarfile.TarFile:
    if not path.exists():
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.")
    if path.stat().st_size == 0:
        raise BackupError(f"Tệp sao lưu {path} rỗng (0 byte).")
    try:
        return tarfile.open(path, mode="r:")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"Tệp {path} không phải bản sao lưu của phần mềm ({exc}).") from exc


def _legacy_vendor(path: Path) -> str | None:
    """Older releases wrote the bare database file; such a file restores (without media)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    return None


def inspect_backup(path: Path, *, extract_to: Path | None = None) -> Manifest:
    """Check a backup as a restore would read it — the archive opens, the manifest is ours, the
    database file passes its engine's own check (pg_restore --list; PRAGMA integrity_check),
    each uploaded file matches its SHA-256 — and return its manifest. With ``extract_to``, the
    checked members are left there."""
    path = Path(path)
    legacy = _legacy_vendor(path)
    if legacy:
        manifest = Manifest(vendor=legacy, legacy=True)
        manifest.tables = check_database_file(path, legacy)
        if extract_to is not None:
            shutil.copyfile(path, extract_to / manifest.database_member)
        return manifest
    work = extract_to or Path(tempfile.mkdtemp(prefix=".restore-check-"))
    try:
        with _open_archive(path) as archive:
            try:
                raw = archive.extractfile(MANIFEST)
                data = json.loads(raw.read()) if raw else None
            except (KeyError, ValueError, tarfile.TarError) as exc:
                raise BackupError(f"{path} không có manifest.json hợp lệ: không phải bản sao "
                                  "lưu của phần mềm.") from exc
            if not isinstance(data, dict) or data.get("vendor") not in ("postgresql", "sqlite"):
                raise BackupError(f"manifest.json của {path} không hợp lệ.")
            manifest = Manifest(
                vendor=data["vendor"],
                created_at=str(data.get("created_at", "")),
                files=dict(data.get("files") or {}),
            )
            wanted = {manifest.database_member} | {MEDIA_PREFIX + name for name in manifest.files}
            for member in archive.getmembers():
                if member.name == MANIFEST:
                    continue
                if member.name not in wanted or not member.isfile():
                    raise BackupError(f"Bản sao lưu có mục lạ {member.name!r}: từ chối.")
            for name in manifest.files:
                parts = Path(name).parts
                if not parts or Path(name).is_absolute() or ".." in parts:
                    raise BackupError(f"Bản sao lưu có đường dẫn lạ {name!r}: từ chối.")
            members = [m for m in archive.getmembers() if m.name in wanted]
            try:
                # Only regular files under checked relative names reach here; the "data" filter
                # (Python 3.11.4+) adds its own checks where the interpreter has it.
                if hasattr(tarfile, "data_filter"):
                    archive.extractall(work, members=members, filter="data")
                else:
                    archive.extractall(work, members=members)  # noqa: S202  # nosec B202 — names checked
            except (tarfile.TarError, OSError) as exc:
                raise BackupError(f"Không giải nén được {path}: {exc}.") from exc
        database = work / manifest.database_member
        if not database.exists():
            raise BackupError(f"Bản sao lưu {path} thiếu tệp CSDL {manifest.database_member}.")
        manifest.tables = check_database_file(database, manifest.vendor)
        for name, digest in manifest.files.items():
            member = work / MEDIA_PREFIX / name
            if not member.exists() or _sha256(member) != digest:
                raise BackupError(f"Tệp đính kèm {name} trong bản sao lưu bị thiếu hoặc sai.")
        return manifest
    finally:
        if extract_to is None:
            shutil.rmtree(work, ignore_errors=True)


def restore_backup(
    path: Path,
    *,
    settings_dict: dict | None = None,
    storage: Storage | None = None,
    orphans_root: Path | None = None,
) -> tuple[Manifest, Path | None]:
    """Restore a backup archive: the database, then the uploaded files (through the storage API).
    Stored files that the backup does not hold (uploaded after it; their rows are gone) are moved
    out of the storage into a private local directory ``<BACKUP_DIR>/orphans-<time>`` (or under
    ``orphans_root``), never deleted. Returns the manifest and that directory (None when there
    was nothing to move)."""
    path = Path(path)
    storage = storage or uploads_storage()
    work = Path(tempfile.mkdtemp(prefix=".restore-"))
    try:
        manifest = inspect_backup(path, extract_to=work)
        engine = (settings_dict or connections["default"].settings_dict)["ENGINE"]
        vendor = "postgresql" if engine.endswith("postgresql") else "sqlite"
        if vendor != manifest.vendor:
            raise BackupError(
                f"Bản sao lưu là của {manifest.vendor}, CSDL đích là {vendor}: không khôi phục."
            )
        restore_database(work / manifest.database_member, settings_dict=settings_dict)
        if manifest.legacy:
            return manifest, None
        return manifest, _restore_media(
            work / MEDIA_PREFIX, storage, manifest, orphans_root or backup_dir()
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _restore_media(
    source: Path, storage: Storage, manifest: Manifest, orphans_root: Path
) -> Path | None:
    orphans_dir = None
    for name in stored_files(storage):
        if name in manifest.files:
            continue
        if orphans_dir is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            orphans_dir = private_dir(Path(orphans_root) / f"orphans-{stamp}")
        target = orphans_dir / name
        private_dir(target.parent)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, storage.open(name, "rb") as handle:
            shutil.copyfileobj(handle, out)
        storage.delete(name)
    for name in manifest.files:
        if storage.exists(name):
            storage.delete(name)
        with (source / name).open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"Kho tệp lưu {name} dưới tên khác ({saved}): khôi phục dừng lại.")
    return orphans_dir


# --- status, for the health page and the administrators ---------------------------------------


def backup_dir() -> Path:
    return Path(settings.BACKUP_DIR)


def record_status(*, ok: bool, message: str, path: Path | None = None) -> None:
    """Note the outcome of the last backup where /suc-khoe/ reads it; a failure is mailed to
    ADMINS as well."""
    directory = private_dir(backup_dir())
    status = {
        "ok": ok,
        "at": timezone.now().isoformat(),
        "file": path.name if path else "",
        "message": message,
    }
    target = directory / STATUS_FILE
    temporary = target.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(status, handle, ensure_ascii=False)
    temporary.replace(target)
    if not ok:
        from django.core.mail import mail_admins

        mail_admins(
            "Sao lưu THẤT BẠI",
            f"Bản sao lưu lúc {status['at']} thất bại:\n\n{message}\n\n"
            "Sửa lỗi rồi chạy lại: manage.py backup (docs/DEPLOY.md, mục Sao lưu).",
            fail_silently=True,
        )


def read_status() -> dict | None:
    try:
        data = json.loads((backup_dir() / STATUS_FILE).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
