"""Factories for the registry. Checks go through the service, as in the app, so a model's
copy of its latest check is always what the app would have made it."""

import datetime as dt

import factory

from models_registry import services
from models_registry.models import ModelType, SecurityModel, StatusCheck
from tests.factories import UserFactory


def model_type(code: str) -> ModelType:
    """The types are seeded by migration 0002; tests use them as the app does."""
    return ModelType.objects.get(code=code)


class SecurityModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecurityModel

    name = factory.Sequence(lambda n: f"Mô hình thử {n}")
    model_type = factory.LazyFunction(lambda: model_type("khac"))
    established_on = dt.date(2019, 1, 15)
    places = 1
    teams = 1
    members = 10


def record_check(model, on: dt.date, status: str, *, by=None, **figures) -> StatusCheck:
    check = StatusCheck(checked_on=on, status=status, **figures)
    return services.model_record_check(model=model, check=check, by=by or UserFactory())


def make_model(commune, *checks, by=None, **fields) -> SecurityModel:
    """A model of ``commune`` with checks given as (date, status) pairs, recorded in order."""
    model = SecurityModelFactory(commune=commune, **fields)
    recorder = by or UserFactory()
    for on, status in checks:
        record_check(model, on, status, by=recorder)
    model.refresh_from_db()
    return model
