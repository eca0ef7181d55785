"""The replica router (issue 18): reads go to the replica only inside replica_reads() and only
when a replica is configured; writes and migrations always go to the primary."""

import pytest
from django.db import connections

from ban138.routers import ReportReplicaRouter, replica_reads
from tips.models import Tip


@pytest.fixture
def with_replica(monkeypatch):
    databases = {**connections.databases, "replica": dict(connections.databases["default"])}
    monkeypatch.setattr(connections, "settings", databases)


def test_reads_go_to_the_replica_only_inside_replica_reads(with_replica):
    router = ReportReplicaRouter()
    assert router.db_for_read(Tip) == "default"
    with replica_reads():
        assert router.db_for_read(Tip) == "replica"
        assert router.db_for_write(Tip) == "default"
    assert router.db_for_read(Tip) == "default"
    assert router.allow_migrate("replica", "tips") is False
    assert router.allow_migrate("default", "tips") is True


def test_without_a_replica_everything_reads_the_primary():
    with replica_reads():
        assert ReportReplicaRouter().db_for_read(Tip) == "default"


def test_database_replica_url_adds_the_replica_and_the_router():
    import os
    import subprocess
    import sys

    code = (
        "import ban138.settings as s;"
        "print(s.DATABASES['replica']['PORT'], s.DATABASES['replica']['TEST'], s.DATABASE_ROUTERS)"
    )
    env = {**os.environ, "DATABASE_REPLICA_URL": "postgres://ban138@127.0.0.1:5433/ban138"}
    env.pop("DJANGO_ENV", None)
    result = subprocess.run(  # noqa: S603 — fixed interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == [
        "5433", "{'MIRROR':", "'default'}", "['ban138.routers.ReportReplicaRouter']"
    ]
