"""The squashed migrations (``replaces``: tips/0001_squashed_0016, campaigns/0001_squashed_0006,
reports/0001_squashed_0004) leave the schema the migrations they stand for leave, and do what
those did besides the schema. A new installation runs the squashes (this suite's databases are
made so); one that applied the old chain records them as applied (docs/DEPLOY.md, section 11)."""

import pytest
from django.db import connection
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from tips.reference import GROUPS

SQUASHES = {
    "tips": "0001_squashed_0016_tips_per_receiving_body",
    "campaigns": "0001_squashed_0006_interim_report_shortcomings",
    "reports": "0001_squashed_0004_tong_ket_sections",
}


def test_the_squashes_leave_the_schema_of_the_chains_they_replace():
    """Every model, field, index and constraint: the old chains, applied one by one, against the
    graph as Django runs it on a new installation (the squashes). The autodetector sees no
    change between them."""
    chains = MigrationLoader(None, replace_migrations=False, ignore_no_migrations=True)
    squashed = {key for key, migration in chains.disk_migrations.items() if migration.replaces}
    assert {(app, name) for app, name in SQUASHES.items()} <= squashed
    old_leaves = [node for node in chains.graph.leaf_nodes() if node not in squashed]
    graph = MigrationLoader(None, ignore_no_migrations=True)
    changes = MigrationAutodetector(
        chains.project_state(old_leaves), graph.project_state()
    ).changes(graph=graph.graph)
    assert changes == {}


@pytest.mark.django_db
def test_the_test_database_was_made_by_the_squashes():
    applied = MigrationRecorder(connection).applied_migrations()
    for app, name in SQUASHES.items():
        assert (app, name) in applied


@pytest.mark.django_db
def test_the_tips_squash_seeds_the_crime_groups_and_makes_the_postgresql_objects():
    """What tips/0002, 0003 and 0008 did besides the schema: the crime groups; on PostgreSQL the
    trigram index of the search and the reveal log's append-only trigger
    (tests/security/test_append_only_audit.py proves the trigger refuses)."""
    from tips.models import CrimeGroup

    assert set(CrimeGroup.objects.values_list("code", flat=True)) >= {code for code, _ in GROUPS}
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'tips_tip_search_trgm'")
        index = cursor.fetchone()
        assert index is not None and "gin_trgm_ops" in index[0]
        cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = 'tips_informantreveal_append_only'")
        assert cursor.fetchone() is not None
