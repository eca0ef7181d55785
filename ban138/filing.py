"""Where a new record may be filed: a unit of the committee's area that existed on its day.

Records keep the unit they were filed under (docs/REFORM.md), so the unit has to be the right one
when the record is made: a tip received on 05/09/2025 in Khánh Sơn is filed under Xã Khánh Sơn
(formed 01/07/2025), one received on 20/06/2025 under Xã Sơn Bình (which existed until then).
The forms offer only the units of the day (``AdministrativeUnit.objects.existing_on(day)``); this
module is the server-side rule behind them, with its Vietnamese messages — a tampered POST, an
import or a service call is refused the same way.

A record of a stretch of days (a campaign plan's communes and targets, the agencies' figures of
a year) names units that existed on one of those days (:func:`check_period`).

The committee's area is its unit (``CommitteeProfile.area``; with several committees on one
installation, the area of the committee the user works for), every unit below it, and the units
linked to those by a succession either way: a district committee's area goes on in the communes
formed from its communes, and a commune committee's area includes its predecessors (a record of
before the change, entered late, is filed under the unit of its day).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ban138.models import AdministrativeUnit


def _short(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def committee_area_ids(committee_id: int | None = None) -> frozenset[int] | None:
    """Every unit ``committee_id`` (default: the committee of the work being done) may file
    records under (None: no committee yet, so no area to keep to). Cached until a unit, a
    succession or a committee changes (ban138/committees.py)."""
    from ban138.committees import active_committee_id, area_ids, committee_ids

    committee_id = committee_id or active_committee_id()
    if committee_id is None:
        return frozenset() if committee_ids() else None
    return area_ids(committee_id)


def filing_errors(
    *,
    commune: AdministrativeUnit | None,
    day: datetime.date | None,
    village=None,
    committee_id: int | None = None,
) -> dict[str, str]:
    """{field: Vietnamese message} for a record of ``day`` filed under ``commune`` (and
    ``village``): outside the committee's area (``committee_id``'s, default the committee of the
    work being done), or not existing that day. Empty when fine."""
    errors: dict[str, str] = {}
    area = committee_area_ids(committee_id)
    for name, unit in (("commune", commune), ("village", village)):
        if unit is None:
            continue
        if area is not None and unit.pk not in area:
            errors[name] = _("%(unit)s không thuộc địa bàn của Ban chỉ đạo.") % {
                "unit": unit.full_name
            }
        elif day is not None and not unit.exists_on(day):
            errors[name] = _not_existing(unit, day)
    return errors


def _not_existing(unit: AdministrativeUnit, day: datetime.date) -> str:
    if unit.established_on and day < unit.established_on:
        return _(
            "%(unit)s được thành lập từ ngày %(founded)s: hồ sơ ngày %(day)s ghi theo đơn vị "
            "hành chính của ngày đó."
        ) % {"unit": unit.full_name, "founded": _short(unit.established_on), "day": _short(day)}
    successor = AdministrativeUnit.objects.successor_of(unit, on=day)
    if successor.pk != unit.pk:
        return _(
            "%(unit)s đã chấm dứt từ ngày %(gone)s (nay thuộc %(successor)s): hồ sơ ngày "
            "%(day)s ghi theo %(successor)s."
        ) % {
            "unit": unit.full_name,
            "gone": _short(unit.dissolved_on),
            "successor": successor.full_name,
            "day": _short(day),
        }
    return _(
        "%(unit)s đã chấm dứt từ ngày %(gone)s: hồ sơ ngày %(day)s ghi theo đơn vị hành chính "
        "của ngày đó."
    ) % {"unit": unit.full_name, "gone": _short(unit.dissolved_on), "day": _short(day)}


def check_filing(*, commune, day, village=None, fields: dict[str, str] | None = None) -> None:
    """Raise ValidationError with :func:`filing_errors` (``fields`` renames the keys, e.g.
    {"commune": "communes"} for a form whose field is named otherwise)."""
    errors = filing_errors(commune=commune, day=day, village=village)
    if errors:
        fields = fields or {}
        raise ValidationError({fields.get(k, k): v for k, v in errors.items()})


# -- a record that covers a stretch of days (a campaign's period, a report's year) -------------
def period_error(
    unit: AdministrativeUnit, *, first: datetime.date, last: datetime.date, period: str
) -> str | None:
    """The Vietnamese refusal of ``unit`` for a record of the days ``first``–``last`` (named in
    the message as ``period``, e.g. "năm 2024"), or None when the unit existed on one of them
    (``existed_between``: a campaign across 1/7/2025 holds the old units and the new)."""
    if unit.existed_between(first, last):
        return None
    words = {"unit": unit.full_name, "period": period}
    if unit.established_on and last < unit.established_on:
        return _("%(unit)s được thành lập từ ngày %(founded)s, không tồn tại trong %(period)s.") % {
            **words,
            "founded": _short(unit.established_on),
        }
    successor = AdministrativeUnit.objects.successor_of(unit, on=first)
    if successor.pk != unit.pk:
        return _(
            "%(unit)s đã chấm dứt từ ngày %(gone)s (nay thuộc %(successor)s), không tồn tại "
            "trong %(period)s."
        ) % {**words, "gone": _short(unit.dissolved_on), "successor": successor.full_name}
    return _("%(unit)s đã chấm dứt từ ngày %(gone)s, không tồn tại trong %(period)s.") % {
        **words,
        "gone": _short(unit.dissolved_on),
    }


def check_period(
    units, *, first: datetime.date, last: datetime.date, period: str, field: str | None = None
) -> None:
    """Raise ValidationError (under ``field``, else not tied to a field) naming every unit of
    ``units`` that did not exist from ``first`` to ``last`` (:func:`period_error`)."""
    errors = [m for u in units if (m := period_error(u, first=first, last=last, period=period))]
    if errors:
        raise ValidationError({field: errors} if field else errors)
