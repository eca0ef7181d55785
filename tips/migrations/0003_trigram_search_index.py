"""PostgreSQL only: a pg_trgm GIN index so `search_text LIKE '%word%'` stays fast at 1M rows.
SQLite has no trigram index; the plain index from 0001 is all it gets."""

from django.db import migrations

from tips.search import trigram_index_operation


class Migration(migrations.Migration):
    dependencies = [("tips", "0002_seed_crime_groups")]

    operations = [trigram_index_operation()]
