"""The change history of every model (ban138/history.py): declared in one place, its manager
class made once, and each read of ``history`` still scoped to its own model and row."""

import pytest
from django.apps import apps

from ban138.history import HistoryManager
from ban138.models import AdministrativeUnit

PROJECT_APPS = ("ban138", "tips", "campaigns", "models_registry", "reports")


def _models_with_history():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            name = getattr(model._meta, "simple_history_manager_attribute", None)
            if name:
                yield model, model.__dict__[name]


def test_every_models_history_is_declared_through_the_project_module():
    found = dict(_models_with_history())
    assert len(found) > 20  # the tips, their cases, units, models, campaigns, reports...
    others = sorted(
        model.__name__
        for model, descriptor in found.items()
        if not issubclass(descriptor.manager_class, HistoryManager)
    )
    assert others == [], "declare history with ban138.history.HistoricalRecords"


def test_the_manager_class_is_made_once_per_model():
    assert type(AdministrativeUnit.history) is type(AdministrativeUnit.history)


@pytest.mark.django_db
def test_each_rows_history_holds_only_that_row(district):
    first, second = AdministrativeUnit.objects.communes().order_by("pk")[:2]
    first.name = f"{first.name} (đổi tên)"
    first.save()
    assert first.history.count() == 2  # created, renamed
    assert [h.history_type for h in first.history.order_by("history_id")] == ["+", "~"]
    assert second.history.count() == 1
    assert AdministrativeUnit.history.filter(id=first.pk).count() == 2
    assert type(first.history) is type(second.history)
    assert first.history.instance == first and second.history.instance == second
