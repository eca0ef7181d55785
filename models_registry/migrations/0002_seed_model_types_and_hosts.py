"""Seed the reference lists named in issue #4 (admin-editable afterwards). Reversible: the
reverse removes only rows this migration added and that nothing uses yet."""

from django.db import migrations

from models_registry.reference import ensure_reference_lists, remove_unused_reference_lists


def seed(apps, schema_editor):
    ensure_reference_lists(apps)


def unseed(apps, schema_editor):
    remove_unused_reference_lists(apps)


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
