"""PostgreSQL only: a pg_trgm GIN index so `search_text LIKE '%word%'` stays fast at 1M rows.
SQLite has no trigram index; the plain index from 0001 is all it gets."""

from django.db import migrations


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS tips_tip_search_trgm "
        "ON tips_tip USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS tips_tip_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("tips", "0002_seed_crime_groups")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
