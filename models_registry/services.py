"""Writes to the registry. Each function validates (``full_clean``) before it saves, and the
model's copy of its latest check is refreshed in the same transaction as the check."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ban138.concurrency import claim_token
from models_registry.models import (
    Figures,
    OutstandingRecognition,
    SecurityModel,
    StatusCheck,
)


class AlreadySubmitted(Exception):
    """Another request claimed this form's one-time token first (a double click)."""


def _claim(token, object_key) -> None:
    if token is not None and not claim_token(token, object_key):
        raise AlreadySubmitted


def model_register(*, model: SecurityModel, status: str, by, token=None) -> SecurityModel:
    """Save a new model and its first check, dated today, with the status the registrar saw:
    from its first moment a model's status is that of a check."""
    with transaction.atomic():
        model._history_user = by
        model.full_clean()
        model.save()
        _claim(token, model.pk)
        first = StatusCheck(
            checked_on=timezone.localdate(),
            status=status,
            note=_("Lập hồ sơ mô hình."),
            **{name: getattr(model, name) for name in Figures.FIELDS},
        )
        model_record_check(model=model, check=first, by=by)
    return model


def model_update(*, model: SecurityModel, expected_version: int, by) -> None:
    """Save an edit unless someone saved the model since it was opened (raises EditConflict)."""
    model._history_user = by
    model.full_clean()
    model.save_if_unchanged(expected_version)


def model_record_check(*, model: SecurityModel, check: StatusCheck, by, token=None) -> StatusCheck:
    """Append a check and refresh the model's copy of its latest one.

    The model row is locked first, so two checks recorded at once both land and the copy ends up
    equal to whichever is latest by (date, id) — a back-dated check adds history without
    changing the current status.
    """
    with transaction.atomic():
        locked = (
            SecurityModel.objects.select_for_update().select_related("model_type").get(pk=model.pk)
        )
        check.model = locked
        check.recorded_by = by
        check.full_clean()
        check.save()
        _claim(token, locked.pk)
        _copy_latest_check(locked, by)
    model.refresh_from_db()
    return check


def _copy_latest_check(model: SecurityModel, by) -> None:
    latest = model.checks.order_by("-checked_on", "-pk").first()
    model.current_status = latest.status
    model.last_checked_on = latest.checked_on
    for name in Figures.FIELDS:
        setattr(model, name, getattr(latest, name))
    # A new version makes an edit form opened before the check stale instead of letting it
    # overwrite the figures the check just recorded.
    model.version += 1
    model._history_user = by
    model.save(update_fields=["current_status", "last_checked_on", "version", *Figures.FIELDS])


def recognition_add(
    *, model: SecurityModel, year: int, decision_number: str = "", decision_date: dt.date | None
) -> OutstandingRecognition:
    recognition = OutstandingRecognition(
        model=model, year=year, decision_number=decision_number, decision_date=decision_date
    )
    recognition.full_clean()
    recognition.save()
    return recognition
