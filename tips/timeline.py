"""The detail page's timeline: workflow steps and field changes from django-simple-history.

Only the tip's own history is read; the informant's (ciphertext) is never shown here."""

import datetime as dt
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from django.contrib.auth import get_user_model
from django.utils import timezone

from ban138.models import AdministrativeUnit
from ban138.text import person_name
from tips.models import CrimeGroup, Tip
from tips.workflow import (
    DEADLINE_MOVED_REASON,
    NoProsecutionGround,
    SuspensionGround,
    label_of,
)

FK_MODELS = {
    "commune": AdministrativeUnit,
    "village": AdministrativeUnit,
    "crime_group": CrimeGroup,
    "assigned_to": None,
    "merged_into": Tip,
    "suspected_duplicate_of": Tip,
}
HIDDEN_FIELDS = {"version", "clock_start", "year", "number", "clock_rule"}
GROUNDS = {**dict(SuspensionGround.choices), **dict(NoProsecutionGround.choices)}
STEP_SHOWN = {
    str(Tip._meta.get_field(name).verbose_name)
    for name in ("decision_number", "decision_date", "decision_ground")
}


@dataclass
class Entry:
    at: datetime
    who: str
    title: str
    note: str = ""
    changes: list = field(default_factory=list)


def _label(step) -> str:
    return label_of(step.action)


def _step_note(step) -> str:
    """The decision a step recorded, as people read it, then its note."""
    parts = []
    if step.number:
        parts.append(f"Số {step.number}")
    if step.date:
        parts.append(f"ngày {step.date:%d/%m/%Y}")
    if step.ground:
        parts.append(str(GROUNDS.get(step.ground, step.ground)))
    if step.clock_from:
        parts.append(f"thời hạn tính từ ngày {step.clock_from:%d/%m/%Y}")
    head = ", ".join(parts)
    return "\n".join(p for p in (head, step.note) if p)


def _who(user) -> str:
    return person_name(user)


def _resolver(records):
    """Display names for foreign keys in the diffs, fetched in one query per model."""
    ids = {name: set() for name in FK_MODELS}
    for record in records:
        for name in FK_MODELS:
            value = getattr(record, f"{name}_id")
            if value:
                ids[name].add(value)
    models = {**FK_MODELS, "assigned_to": get_user_model()}
    names = {}
    for name, model in models.items():
        for obj in model.objects.filter(pk__in=ids[name]) if ids[name] else []:
            names[(name, obj.pk)] = _who(obj) if name == "assigned_to" else str(obj)
    return names


def _display(tip_field, value, names, name):
    if value in (None, ""):
        return "—"
    if name in FK_MODELS:
        return names.get((name, value), str(value))
    if tip_field.choices:
        return str(dict(tip_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if name == "decision_ground":
        return str(GROUNDS.get(value, value))
    return str(value)


def _diffs(records, names):
    """(change reason, history date, who, changes) for each history record that changed a shown
    field; the reason ``step:<id>`` ties it to the step whose save made it."""
    entries = []
    for newer, older in pairwise(records):
        delta = newer.diff_against(older)
        changes = []
        for change in delta.changes:
            name = change.field
            if name in HIDDEN_FIELDS:
                continue
            tip_field = Tip._meta.get_field(name)
            changes.append(
                (
                    str(tip_field.verbose_name),
                    _display(tip_field, change.old, names, name),
                    _display(tip_field, change.new, names, name),
                )
            )
        if changes:
            entries.append(
                (newer.history_change_reason or "", newer.history_date, newer.history_user, changes)
            )
    return entries


def timeline_for(tip: Tip) -> list[Entry]:
    """One entry per step, with the field changes its save made; changes made outside a step
    (the admin, an old record) are an entry of their own."""
    by_step = {}
    for step in tip.steps.select_related("actor"):
        by_step[f"step:{step.pk}"] = Entry(
            step.at, _who(step.actor), _label(step), _step_note(step)
        )
    records = list(
        tip.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    loose = []
    for reason, at, user, changes in _diffs(records, _resolver(records)):
        entry = by_step.get(reason)
        if entry is not None:
            # the decision's number, date and ground are already the step's own first line
            entry.changes.extend(c for c in changes if c[0] not in STEP_SHOWN)
        elif reason != DEADLINE_MOVED_REASON:  # that move has its own step entry
            loose.append(Entry(at, _who(user), "Thay đổi dữ liệu", changes=changes))
    return sorted([*by_step.values(), *loose], key=lambda e: e.at)
