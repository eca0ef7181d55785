"""Figures of the movement for a year, read by the summary page and by the annual report.

The contract (names and meanings) is fixed: the ``reports`` app reads these and nothing else.
Every figure is computed in a fixed number of queries (three, four for the per-commune split)
whatever the number of models or checks: one query fetches each model with its status at the
points of the year that matter, the rest is counting in Python over a district's few hundred rows.

After the 2025 reform (docs/REFORM.md) a report reads a new commune's movement through its
``area`` (``ban138.succession.Area``: its predecessors, whole or by the villages that passed to
it), and a table by commune asks for the figures per (commune, village) with ``by_village``.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from ban138.models import AdministrativeUnit
from ban138.succession import Area
from models_registry.models import (
    ModelType,
    OutstandingRecognition,
    SecurityModel,
    Status,
    StatusCheck,
    quiet_cutoff,
)


@dataclass(frozen=True)
class MovementFigures:
    total: int  # models existing (established on/before year end, not stopped before the year)
    new_in_year: int  # established in the year
    by_status: dict[str, int]  # status code -> count (current status as of year end), all present
    by_type: dict[str, int]  # ModelType.code -> count
    gone_quiet: int  # no check for MODELS_QUIET_DAYS as of `as_of`
    outstanding: list[tuple[str, str, str]]  # (model name, commune full name, type name)
    # ^ in the order recognised: decision date, then entry
    new_models: list[tuple[str, str, str]]  # (model name, village/commune label, commune full name)
    # Hướng dẫn 22/HD-BCA-V05 counts a model by its places (điểm), teams (tổ) and members: summed
    # over the models in ``total``, each as its latest check on or before 31/12 recorded them
    # (a model without such a check: as entered in the registry).
    places: int = 0
    teams: int = 0
    members: int = 0


def movement_figures(
    *,
    year: int,
    commune_ids: Collection[int] | None = None,
    as_of: dt.date | None = None,
    area: Area | None = None,
) -> MovementFigures:
    """The movement's figures for ``year`` over ``commune_ids`` (None: the whole district).

    * A model counts in ``total`` if it was established by 31/12 and its status on the eve of the
      year was not "ngừng hoạt động"; ``by_status`` and ``by_type`` split that total.
    * Its status at year end is that of its latest check on or before 31/12; a model with no
      check by then (entered in the registry later) takes the status of its first check.
    * ``gone_quiet`` counts models not stopped whose last check on or before ``as_of`` (or,
      with none, their establishment) is on or before ``as_of`` − MODELS_QUIET_DAYS; ``as_of``
      defaults to 31/12 of the year, or today while the year is running.
    * ``area``: only the models filed in it (a new commune with its predecessors' models).
    """
    as_of = _default_as_of(year, as_of)
    rows = _rows(year, commune_ids, as_of, area)
    return _figures(year, as_of, rows, _type_codes(), _recognitions(year, commune_ids, area))


def movement_by_commune(
    *,
    year: int,
    commune_ids: Collection[int] | None = None,
    as_of: dt.date | None = None,
    by_village: bool = False,
) -> dict:
    """:func:`movement_figures` for each commune in ``commune_ids`` (None: every commune), keyed
    by commune id; communes without any model are present with zeros. ``by_village``: keyed by
    (commune id, village id or None) — the models of each village apart, for a report that
    counts a village passed to another commune under that commune (docs/REFORM.md)."""
    return movement_with_communes(
        year=year, commune_ids=commune_ids, as_of=as_of, by_village=by_village
    )[1]


def movement_with_communes(
    *,
    year: int,
    commune_ids: Collection[int] | None = None,
    as_of: dt.date | None = None,
    by_village: bool = False,
) -> tuple[MovementFigures, dict]:
    """:func:`movement_figures` and :func:`movement_by_commune` from one read of the models (four
    queries for both, not seven): what a page or report showing the total and its split reads."""
    as_of = _default_as_of(year, as_of)
    rows, recognitions = _rows(year, commune_ids, as_of), _recognitions(year, commune_ids)
    communes = AdministrativeUnit.objects.communes()
    if commune_ids is not None:
        communes = communes.filter(pk__in=commune_ids)
    type_codes = _type_codes()
    commune_pks = list(communes.order_by("name").values_list("pk", flat=True))
    if by_village:
        keys = [(pk, None) for pk in commune_pks]
        keys += sorted({(r.commune_id, r.village_id) for r in rows} - set(keys), key=_key_order)

        def key_of(model):
            return (model.commune_id, model.village_id)
    else:
        keys = commune_pks

        def key_of(model):
            return model.commune_id

    # Each row and recognition to its key in one pass (not one pass per commune: 400 × 1,200
    # comparisons at 1M tips).
    models, recognised = defaultdict(list), defaultdict(list)
    for row in rows:
        models[key_of(row)].append(row)
    for recognition in recognitions:
        recognised[key_of(recognition.model)].append(recognition)
    split = {key: _figures(year, as_of, models[key], type_codes, recognised[key]) for key in keys}
    return _figures(year, as_of, rows, type_codes, recognitions), split


def _key_order(key: tuple[int, int | None]) -> tuple[int, int]:
    return key[0], key[1] or 0


def _default_as_of(year: int, as_of: dt.date | None) -> dt.date:
    return as_of or min(dt.date(year, 12, 31), timezone.localdate())


def _status_on_or_before(day: dt.date, *, strictly_before: bool = False, field: str = "status"):
    lookup = "checked_on__lt" if strictly_before else "checked_on__lte"
    checks = StatusCheck.objects.filter(model=OuterRef("pk"), **{lookup: day})
    return Subquery(checks.order_by("-checked_on", "-pk").values(field)[:1])


def _rows(year: int, commune_ids, as_of: dt.date, area: Area | None = None) -> list[SecurityModel]:
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    first = StatusCheck.objects.filter(model=OuterRef("pk")).order_by("checked_on", "pk")
    models = SecurityModel.objects.with_related().filter(established_on__lte=year_end)
    if commune_ids is not None:
        models = models.filter(commune__in=commune_ids)
    if area is not None:
        models = models.filter(area.q(commune_field="commune", village_field="village"))
    return list(
        models.annotate(
            status_at_end=_status_on_or_before(year_end),
            status_before_year=_status_on_or_before(year_start, strictly_before=True),
            first_status=Subquery(first.values("status")[:1]),
            status_as_of=_status_on_or_before(as_of),
            last_check_as_of=_status_on_or_before(as_of, field="checked_on"),
            **{
                f"{name}_at_end": _status_on_or_before(year_end, field=name)
                for name in COUNTED_FIGURES
            },
        )
    )


COUNTED_FIGURES = ("places", "teams", "members")


def _at_end(row: SecurityModel, name: str) -> int:
    value = getattr(row, f"{name}_at_end")
    return getattr(row, name) if value is None else value


def _type_codes() -> list[str]:
    return list(ModelType.objects.order_by("order", "name").values_list("code", flat=True))


def _recognitions(year: int, commune_ids, area: Area | None = None) -> list[OutstandingRecognition]:
    recognitions = OutstandingRecognition.objects.filter(year=year).select_related(
        "model__commune", "model__model_type"
    )
    if commune_ids is not None:
        recognitions = recognitions.filter(model__commune__in=commune_ids)
    if area is not None:
        recognitions = recognitions.filter(
            area.q(commune_field="model__commune", village_field="model__village")
        )
    # In the order they were recognised (decision date, then entry): the order the review lists
    # them in, which the report repeats.
    return list(recognitions.order_by(F("decision_date").asc(nulls_last=True), "pk"))


def _is_quiet_as_of(row: SecurityModel, as_of: dt.date) -> bool:
    if row.established_on > as_of or row.status_as_of == Status.STOPPED:
        return False
    return (row.last_check_as_of or row.established_on) <= quiet_cutoff(as_of)


def _figures(year, as_of, rows, type_codes, recognitions) -> MovementFigures:
    existing = [r for r in rows if r.status_before_year != Status.STOPPED]
    new = sorted(
        (r for r in existing if r.established_on.year == year),
        key=lambda r: (r.commune.name, r.name),
    )
    by_status = dict.fromkeys(Status.values, 0)
    by_type = dict.fromkeys(type_codes, 0)
    for row in existing:
        by_status[row.status_at_end or row.first_status] += 1
        by_type[row.model_type.code] += 1
    return MovementFigures(
        total=len(existing),
        new_in_year=len(new),
        by_status=by_status,
        by_type=by_type,
        gone_quiet=sum(_is_quiet_as_of(r, as_of) for r in rows),
        outstanding=[
            (r.model.name, r.model.commune.full_name, r.model.model_type.name) for r in recognitions
        ],
        new_models=[(r.name, r.place_label, r.commune.full_name) for r in new],
        **{name: sum(_at_end(r, name) for r in existing) for name in COUNTED_FIGURES},
    )


def status_labels() -> dict[str, str]:
    """Status code → label, in the order of the scale (hiệu quả … ngừng hoạt động)."""
    return dict(Status.choices)


def model_type_labels() -> dict[str, str]:
    """ModelType code → its name as the admin keeps it, in the admin's order."""
    return dict(ModelType.objects.order_by("order", "name").values_list("code", "name"))
