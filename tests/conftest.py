"""Shared fixtures: the Khánh Sơn units and one named persona per role (STYLE.md, "Tests")."""

import hashlib
import os
import secrets
import sqlite3
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from ban138.demo import seed_profile, seed_units
from ban138.models import AdministrativeUnit
from ban138.roles import Role
from tests import databases, demo_snapshot
from tests.factories import make_user

databases.sqlite_on_disk()  # a file per worker: what --reuse-db keeps between runs
databases.install_fast_flush()  # PostgreSQL: a committing test's flush empties what holds rows
databases.scan_static_files_once()  # WhiteNoise lists the static files once, not per test client
pytest_plugins = ["tests.ordering"]  # the order files are handed to make test's workers

PASSWORD = "mat-khau-thu-nghiem-138"


@pytest.hookimpl(tryfirst=True)  # before pytest-django's own (stable) ordering of db tests
def pytest_collection_modifyitems(config, items):
    _mark_transactional(items)
    _skip_postgres_only_tests_on_sqlite(items)


def _mark_transactional(items):
    """Tests that commit for real (``transaction=True``, the live server) empty every table when
    they end, the rows the data migrations wrote included (role groups, crime groups, model
    types). They are sorted after every other test (pytest-django, tests/ordering.py), and
    ``make test``'s workers take them only once every test that rolls back is handed out."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = set(getattr(item, "fixturenames", ()))
        if (marker and marker.kwargs.get("transaction")) or fixtures & {
            "transactional_db",
            "live_server",
        }:
            item.add_marker(pytest.mark.transactional)


def _skip_postgres_only_tests_on_sqlite(items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="cần PostgreSQL (đặt DATABASE_URL); CI chạy cả hai CSDL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


# One key for the test run (never the development key file under var/): the demo seeded once
# (below) must still decrypt in every test. Under ``make test`` the workers share that seed
# (tests/demo_snapshot.py), so they share the key too: derived from the run's id.
_RUN = os.environ.get("BAN138_TEST_RUN")
TEST_INFORMANT_KEYS = {
    "test1": hashlib.sha256(f"ban138-test-{_RUN}".encode()).digest()
    if _RUN
    else secrets.token_bytes(32)
}


@pytest.fixture(autouse=True)
def _informant_key(settings):
    settings.INFORMANT_KEYS = dict(TEST_INFORMANT_KEYS)
    settings.INFORMANT_ACTIVE_KEY_ID = "test1"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploads (attachments, status-check photos, issued reports) go to the test's own directory.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Nothing cached (ban138/caching.py) may outlive the test's rolled-back rows."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# MD5 only in tests: the real hasher costs ~100 ms per login, which adds up across a suite.
TEST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = TEST_PASSWORD_HASHERS


def _demo_settings():
    return override_settings(
        INFORMANT_KEYS=dict(TEST_INFORMANT_KEYS),
        INFORMANT_ACTIVE_KEY_ID="test1",
        PASSWORD_HASHERS=TEST_PASSWORD_HASHERS,
    )


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """``seed_demo`` once for the whole ``make test`` run (tests/demo_snapshot.py): the dry run
    itself, so the one seed is both the demo every module copies and the proof that a dry run
    keeps nothing (tests/core/test_seed_demo.py)."""
    from ban138.management.commands.seed_demo import Command

    def seed():
        captured = {}
        every_module = Command._demo_modules

        def modules():
            yield from every_module()
            captured["rows"] = demo_snapshot.capture()  # all seeded, not yet rolled back
            captured["copies"] = demo_snapshot.capture_copies(captured["rows"])

        before = demo_snapshot.capture()
        media = tmp_path_factory.mktemp("seed-media")
        output = StringIO()
        with (
            mock.patch.object(Command, "_demo_modules", staticmethod(modules)),
            override_settings(PRODUCTION=True, MEDIA_ROOT=media),
        ):
            call_command("seed_demo", "--dry-run", "--allow-production", stdout=output)
        files = sorted(str(path) for path in media.rglob("*") if path.is_file())
        return demo_snapshot.DemoSeed(
            output.getvalue(), before, captured["rows"], demo_snapshot.capture(), files,
            captured["copies"],
        )  # fmt: skip

    with django_db_blocker.unblock(), _demo_settings():
        return demo_snapshot.shared(seed)


@pytest.fixture(scope="module")
def _demo_for_module(_demo_snapshot, django_db_blocker):
    """The Khánh Sơn demo for a whole test module, as Django's ``setUpTestData`` does: written
    inside an outer transaction that each test's own transaction nests in (a savepoint, so what a
    test writes is undone) and that is rolled back when the module ends, so the next module starts
    from the empty database. The rows are ``seed_demo``'s own (tests/demo_snapshot.py)."""
    from django.contrib.contenttypes.models import ContentType

    output, rows, copies = _demo_snapshot.output, _demo_snapshot.rows, _demo_snapshot.copies
    with django_db_blocker.unblock(), _demo_settings():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            demo_snapshot.make_database_hold(rows, copies)
            yield output
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            ContentType.objects.clear_cache()


@pytest.fixture
def committed_demo(_demo_snapshot, transactional_db):
    """The Khánh Sơn demo committed, for a test whose browser reads it through the live server;
    emptied with every other table when the test ends. Returns what ``seed_demo`` printed."""
    demo_snapshot.make_database_hold(_demo_snapshot.rows, _demo_snapshot.copies)
    return _demo_snapshot.output


@pytest.fixture
def demo(_demo_for_module, db, district):
    """The whole Khánh Sơn demo (2019–2021 tips, the seed's models, the 2020 report draft), seeded
    once per module; returns the district. Not for ``transaction=True`` tests."""
    return district


@pytest.fixture
def demo_seed_output(_demo_for_module, demo):
    """What ``seed_demo`` printed when it seeded this module's demo (the generated passwords)."""
    return _demo_for_module


@pytest.fixture
def district(db):
    district = seed_units()
    seed_profile(district)
    return district


@pytest.fixture
def commune(district):
    """Look up a commune of Khánh Sơn by name: commune("Sơn Bình")."""

    def get(name: str) -> AdministrativeUnit:
        return AdministrativeUnit.objects.get(parent=district, name=name)

    return get


@pytest.fixture
def son_binh(commune):
    return commune("Sơn Bình")


@pytest.fixture
def son_lam(commune):
    return commune("Sơn Lâm")


@pytest.fixture
def lien_hoa(son_binh):
    return AdministrativeUnit.objects.get(parent=son_binh, name="Liên Hòa")


@pytest.fixture
def officer(district):
    return make_user("kt_canbo_tiepnhan", Role.OFFICER)


@pytest.fixture
def other_officer(district):
    return make_user("kt_canbo_tiepnhan_2", Role.OFFICER)


@pytest.fixture
def leader(district):
    return make_user("kt_lanhdao_congan", Role.POLICE_LEADER)


@pytest.fixture
def official_son_binh(son_binh):
    return make_user("kt_canbo_sonbinh", Role.COMMUNE_OFFICIAL, commune=son_binh)


@pytest.fixture
def official_son_lam(son_lam):
    return make_user("kt_canbo_sonlam", Role.COMMUNE_OFFICIAL, commune=son_lam)


@pytest.fixture
def secretariat(district):
    return make_user("kt_thuongtruc", Role.SECRETARIAT)


@pytest.fixture
def chairman(district):
    return make_user("kt_truongban", Role.CHAIRMAN)


@pytest.fixture
def outsider(district):
    """Logged in, but in no role of the committee."""
    return make_user("kt_nguoingoai")


@pytest.fixture
def personas(officer, leader, official_son_binh, official_son_lam, secretariat, chairman, outsider):
    return {
        "officer": officer,
        "leader": leader,
        "official_son_binh": official_son_binh,
        "official_son_lam": official_son_lam,
        "secretariat": secretariat,
        "chairman": chairman,
        "outsider": outsider,
    }


@pytest.fixture
def tay_khanh_son(district):
    """The commune formed on 1/7/2025 from Sơn Lâm and Thành Sơn (ban138/demo.py)."""
    from ban138.demo import seed_reform

    return seed_reform(district)["Tây Khánh Sơn"]


@pytest.fixture
def second_committee(tay_khanh_son, officer, leader, secretariat, chairman):
    """A second committee on the installation: the commune committee of Xã Tây Khánh Sơn, whose
    area takes in Sơn Lâm's files. The district's personas stay with the district's committee
    (make_user makes them members of the first committee)."""
    from ban138.committee import CommitteeLevel
    from ban138.models import CommitteeProfile

    committee = CommitteeProfile.objects.create(
        level=CommitteeLevel.COMMUNE,
        district=tay_khanh_son,
        chairman_name="Bo Bo Văn Thử",
        chairman_title="Chủ tịch UBND xã",
    )
    users = {
        "tks_leader": make_user("kt_tks_lanhdao", Role.POLICE_LEADER, committee=committee),
        "tks_secretariat": make_user("kt_tks_thuongtruc", Role.SECRETARIAT, committee=committee),
        "tks_chairman": make_user("kt_tks_truongban", Role.CHAIRMAN, committee=committee),
        "tks_official": make_user(
            "kt_tks_canbo", Role.COMMUNE_OFFICIAL, commune=tay_khanh_son, committee=committee
        ),
    }
    return committee, users


@pytest.fixture
def client_for(client):
    """A logged-in test client for a user: client_for(officer).get(...)."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def fresh_database(tmp_path):
    """Settings of a second, empty database of the same engine (opened with the raw driver:
    Django's test runner rightly forbids touching databases it does not manage)."""
    from django.db import connection

    settings = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        settings["NAME"] = f"{settings['NAME']}_restore"
        _pg_admin(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
        _pg_admin(f'CREATE DATABASE "{settings["NAME"]}"')
    else:
        settings["NAME"] = str(tmp_path / "restore.sqlite3")
    yield settings
    if connection.vendor == "postgresql":
        _pg_admin(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')


def _pg_admin(sql: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)


def raw_connection(settings):
    """A driver-level connection to a database Django's test runner does not manage."""
    if settings["ENGINE"].endswith("sqlite3"):
        return sqlite3.connect(settings["NAME"])
    import psycopg2

    return psycopg2.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
    )


def run_pending_tasks() -> int:
    """Run the background tasks waiting in the database queue, in this process and transaction
    (what `manage.py db_worker` does, without its connection handling, which a test's
    transaction must not see)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test", excluded_queue_names=[],
    )
    count = 0
    for result in DBTaskResult.objects.ready():
        result.claim("test")
        worker.run_task(result)
        count += 1
    return count


def download_report(client, url):
    """A report file as a user gets it: the link queues it, the worker renders it, the status
    page offers it. Returns the download response."""
    queued = client.get(url)
    assert queued.status_code == 302, queued.status_code
    run_pending_tasks()
    status = client.get(queued["Location"])
    assert status.status_code == 200
    assert "tai-ve" in status.content.decode(), "the file is not offered"
    return client.get(queued["Location"] + "tai-ve/")
