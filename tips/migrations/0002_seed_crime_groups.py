"""Seed the crime groups named in the issue; codes are stable (reports look up ma_tuy, co_bac)."""

from django.db import migrations

from tips.reference import ensure_crime_groups, remove_unused_crime_groups


def seed_crime_groups(apps, schema_editor):
    ensure_crime_groups(apps)


def remove_crime_groups(apps, schema_editor):
    remove_unused_crime_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("tips", "0001_initial")]

    operations = [migrations.RunPython(seed_crime_groups, remove_crime_groups)]
