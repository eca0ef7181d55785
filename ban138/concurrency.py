"""Optimistic locking and double-submit protection shared by every edit and create form.

Optimistic locking: an edited row carries a ``version``; the form posts the version it was
opened with, and the save succeeds only if the row still has it. Otherwise the user gets a
conflict page showing their input beside what is stored now, so nothing typed is lost.

Double submit: a create form carries a one-time token; the first POST claims it in a table with a
unique constraint, a second POST of the same token finds the claim and is sent to the record the
first one made instead of creating another.
"""

import datetime as dt
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138.models import FastChoiceDisplay, SubmissionToken


class EditConflict(Exception):
    """Someone saved the row after this user opened it."""

    def __init__(self, current):
        super().__init__("stale version")
        self.current = current


class VersionedModel(FastChoiceDisplay, models.Model):
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True

    def save_if_unchanged(self, expected_version: int, **save_kwargs) -> None:
        """Save only if the stored version is still ``expected_version``; bump it.

        The check and the write happen under a row lock so two saves cannot both pass it.
        """
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if current.version != expected_version:
                raise EditConflict(current)
            self.version = expected_version + 1
            self.save(**save_kwargs)


class VersionField(forms.IntegerField):
    """Hidden field carrying the version the form was opened with."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


class SubmissionTokenField(forms.UUIDField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("initial", uuid.uuid4)
        super().__init__(**kwargs)


def claimed_object_key(token) -> str | None:
    """The record a token already created, or None if it is unclaimed or not a UUID at all (a
    tampered token reached the query and raised ValidationError, a 500 — found by fuzzing)."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return SubmissionToken.objects.filter(token=token).values_list("object_key", flat=True).first()


def claim_token(token, object_key: str) -> bool:
    """Record that ``token`` created ``object_key``. Call inside the creating transaction, so a
    failed create releases the token. Returns False if another request claimed it first."""
    try:
        with transaction.atomic():
            SubmissionToken.objects.create(token=token, object_key=str(object_key))
    except IntegrityError:
        return False
    return True


def conflict_rows(form, current) -> list[tuple[str, str, str, bool]]:
    """(label, stored, submitted, differs) for each visible field of a bound model form. Both
    sides are shown as people read them (dd/mm/yyyy, HH:MM local time, "có/không", the choice's
    label) and compared as values, so only the fields that really differ are highlighted."""
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or name not in {f.name for f in current._meta.fields}:
            continue
        stored = getattr(current, name, None)
        raw = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        try:
            submitted = field.clean(raw)
        except ValidationError:
            submitted = raw  # shown as typed; it differs by definition
        rows.append(
            (
                str(field.label or name),
                _readable(current, name, stored),
                _readable(current, name, submitted),
                _comparable(stored) != _comparable(submitted),
            )
        )
    return rows


def _comparable(value):
    if hasattr(value, "pk"):
        return value.pk
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(second=0, microsecond=0)
    return value


def _readable(obj, name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    field = obj._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def render_conflict(request, *, form, current, object_label: str):
    """The conflict page: both versions side by side and the user's form still filled in, its
    version moved to the stored one so that saving again is a deliberate overwrite."""
    from django.shortcuts import render

    data = form.data.copy()
    data[form.add_prefix("version")] = str(current.version)
    form.data = data
    return render(
        request,
        "includes/edit_conflict.html",
        {
            "rows": conflict_rows(form, current),
            "form": form,
            "object_label": object_label,
        },
        status=409,
    )
