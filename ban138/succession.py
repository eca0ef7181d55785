"""Succession of administrative units: which old units became which new one, and since when.

The 2025 reform (docs/REFORM.md) formed Khánh Sơn's three new communes on 1/7/2025 from its
eight old units (Nghị quyết 1667/NQ-UBTVQH15). Records stay filed under the unit they were filed
under; this module answers the two questions apps ask about them:

* **lists** — "records of Xã Tây Khánh Sơn" include those filed under Xã Sơn Lâm and Xã Thành
  Sơn: ``area_of(unit, on=day).q(commune_field="commune", village_field="village")``;
* **reports** — a predecessor's 2024 figures are grouped under its successor in the 2025 report:
  ``successor_map(units, on=day)`` gives, for each unit, the unit it had become by ``day``.

A predecessor that passed only in part (some of its villages) counts under the successor through
those villages only, and those villages leave the area of the unit the rest of it became: a
record lies in one unit's area on a day. Reports keep such figures per (commune, village) and
group the pairs with ``successor_map``; figures without a village stay with their commune.
The whole table is read at once (two queries) and walked in memory: a nation has some ten
thousand rows, and a report reads it once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ban138.models import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    VILLAGE_KINDS,
    AdministrativeUnit,
    UnitKind,
    UnitSuccession,
)
from ban138.text import format_date_long


def level_of(unit: AdministrativeUnit) -> str:
    """ "province", "district", "commune" or "village": units succeed only units of their level."""
    if unit.kind in COMMUNE_KINDS:
        return "commune"
    if unit.kind in VILLAGE_KINDS:
        return "village"
    if unit.kind == UnitKind.PROVINCE or (unit.kind == UnitKind.CITY and unit.parent_id is None):
        return "province"
    if unit.kind in DISTRICT_KINDS:
        return "district"
    return unit.kind


@dataclass(frozen=True)
class _Edge:
    pk: int
    successor_id: int
    predecessor_id: int
    effective_date: datetime.date
    whole: bool
    village_ids: frozenset[int]
    resolution: str = ""


@dataclass(frozen=True)
class Area:
    """What a unit covers on a day: itself and its whole predecessors (by commune), and the
    villages that passed to it from partial predecessors, less the villages of those units that
    passed to another unit (``away_ids``). Every record (commune, village) lies in exactly one
    unit's area on a day — the unit ``successor_id(commune, village=village)`` names — so lists
    and reports that use it never count a record twice."""

    unit_ids: frozenset[int]
    village_ids: frozenset[int] = field(default_factory=frozenset)
    away_ids: frozenset[int] = field(default_factory=frozenset)

    def q(self, *, commune_field: str = "commune", village_field: str | None = "village") -> Q:
        """The filter of records filed in this area (``commune_field`` holds the unit,
        ``village_field`` its village; None: a record without a village, such as a figure
        entered per commune, which stays with the commune it was filed under)."""
        condition = Q(**{f"{commune_field}_id__in": sorted(self.unit_ids)})
        if self.away_ids and village_field:
            # A record without a village stays with its commune (NULL is kept by Django's ~Q).
            condition &= ~Q(**{f"{village_field}_id__in": sorted(self.away_ids)})
        if self.village_ids and village_field:
            condition |= Q(**{f"{village_field}_id__in": sorted(self.village_ids)})
        return condition

    @property
    def is_merged(self) -> bool:
        return len(self.unit_ids) > 1 or bool(self.village_ids)


@dataclass(frozen=True)
class Change:
    """One succession as a report names it: ``predecessor`` (or, in part, its ``village_ids``)
    became ``successor`` on ``effective_date`` by ``resolution``; ``final_successor_id`` is the
    unit that one had become by the report's last day (itself, unless it merged again)."""

    successor_id: int
    final_successor_id: int
    predecessor_id: int
    effective_date: datetime.date
    resolution: str
    whole: bool
    village_ids: frozenset[int] = frozenset()


class SuccessionGraph:
    """All successions, loaded once; every question is then answered in memory."""

    def __init__(self, edges: list[_Edge]):
        self.edges = edges
        self._into: dict[int, list[_Edge]] = defaultdict(list)
        self._out_of: dict[int, list[_Edge]] = defaultdict(list)
        for edge in edges:
            self._into[edge.successor_id].append(edge)
            self._out_of[edge.predecessor_id].append(edge)

    @classmethod
    def cached(cls) -> SuccessionGraph:
        """The graph, kept until a unit or a succession is written (reference generation)."""
        from ban138.caching import REFERENCE, shared

        # "v2": edges carry their resolution; an older pickled graph is not read back.
        return shared("succession_graph:v2", cls.load, depends_on=REFERENCE)

    @classmethod
    def load(cls) -> SuccessionGraph:
        villages: dict[int, set[int]] = defaultdict(set)
        through = UnitSuccession.villages.through
        for succession_id, village_id in through.objects.values_list(
            "unitsuccession_id", "administrativeunit_id"
        ):
            villages[succession_id].add(village_id)
        rows = UnitSuccession.objects.values_list(
            "pk", "successor_id", "predecessor_id", "effective_date", "whole", "resolution"
        )
        return cls(
            [
                _Edge(pk, succ, pred, day, whole, frozenset(villages.get(pk, ())), resolution)
                for pk, succ, pred, day, whole, resolution in rows
            ]
        )

    # -- reading ------------------------------------------------------------------------------
    def area(self, unit, *, on: datetime.date | None = None) -> Area:
        """The unit and, transitively, every predecessor whose succession took effect by ``on``
        (None: all of them). A partial predecessor contributes its transferred villages only;
        a village its units gave away by ``on`` is left out."""
        root = _pk(unit)
        unit_ids = {root}
        todo = [root]
        while todo:
            current = todo.pop()
            for edge in self._into.get(current, ()):
                if on is not None and edge.effective_date > on:
                    continue
                if edge.whole and edge.predecessor_id not in unit_ids:
                    unit_ids.add(edge.predecessor_id)
                    todo.append(edge.predecessor_id)
        # A village that passed in part belongs where its own walk ends (it may have moved on,
        # or its new commune merged again): into this area, or away from one of its units.
        moved_in, away = set(), set()
        for edge in self.edges:
            if edge.whole or (on is not None and edge.effective_date > on):
                continue
            for village in edge.village_ids:
                owner = self.successor_id(edge.predecessor_id, on=on, village=village)
                if owner == root:
                    moved_in.add(village)
                elif edge.predecessor_id in unit_ids:
                    away.add(village)
        return Area(frozenset(unit_ids), frozenset(moved_in), frozenset(away - moved_in))

    def lineage_ids(self, unit, *, on: datetime.date | None = None) -> set[int]:
        """The unit and its predecessors, whole or partial (the units to show, not to filter)."""
        root = _pk(unit)
        seen, todo = {root}, [root]
        while todo:
            current = todo.pop()
            for edge in self._into.get(current, ()):
                if (on is None or edge.effective_date <= on) and edge.predecessor_id not in seen:
                    seen.add(edge.predecessor_id)
                    todo.append(edge.predecessor_id)
        return seen

    def successor_id(self, unit, *, on: datetime.date | None = None, village=None) -> int:
        """The unit that a record filed under ``unit`` (in ``village``) belongs to on ``on``:
        follows, step by step, the partial succession that took the village, else the whole
        succession; a unit with neither by then is its own successor."""
        current, village_id = _pk(unit), _pk(village) if village is not None else None
        for _step in range(len(self.edges) + 1):  # a cycle cannot exist; bound the walk anyway
            step = None
            for edge in sorted(self._out_of.get(current, ()), key=lambda e: e.effective_date):
                if on is not None and edge.effective_date > on:
                    continue
                if not edge.whole and village_id is not None and village_id in edge.village_ids:
                    step = edge
                    break
                if edge.whole:
                    step = edge
            if step is None:
                return current
            current = step.successor_id
        return current

    def successor_map(self, units, *, on: datetime.date | None = None) -> dict:
        """{unit pk: successor pk}; an item (commune, village) — a record's place — is keyed
        (commune pk, village pk or None) and followed through the village's partial successions."""
        mapped = {}
        for unit in units:
            if isinstance(unit, tuple):
                commune, village = unit
                key = (_pk(commune), None if village is None else _pk(village))
                mapped[key] = self.successor_id(commune, on=on, village=village)
            else:
                mapped[_pk(unit)] = self.successor_id(unit, on=on)
        return mapped

    def changes_between(self, after: datetime.date, on: datetime.date) -> list[Change]:
        """The successions that took effect in (``after``, ``on``], each with the unit its
        successor had become by ``on`` — what a report of a period ending ``on`` that compares
        with a period starting ``after`` must say it grouped."""
        return [
            Change(
                successor_id=edge.successor_id,
                final_successor_id=self.successor_id(edge.successor_id, on=on),
                predecessor_id=edge.predecessor_id,
                effective_date=edge.effective_date,
                resolution=edge.resolution,
                whole=edge.whole,
                village_ids=edge.village_ids,
            )
            for edge in sorted(self.edges, key=lambda e: (e.effective_date, e.pk))
            if after < edge.effective_date <= on
        ]

    def reaches(self, start: int, goal: int) -> bool:
        """Whether following successions forward from ``start`` arrives at ``goal``."""
        seen, todo = {start}, [start]
        while todo:
            current = todo.pop()
            if current == goal:
                return True
            for edge in self._out_of.get(current, ()):
                if edge.successor_id not in seen:
                    seen.add(edge.successor_id)
                    todo.append(edge.successor_id)
        return False


def _pk(unit) -> int:
    return unit if isinstance(unit, int) else unit.pk


# -- the API apps call ------------------------------------------------------------------------
def area_of(unit, *, on: datetime.date | None = None) -> Area:
    """``area_of(tay_khanh_son, on=day).q()`` — the filter "this commune's records, including
    those filed under its predecessors"."""
    return SuccessionGraph.cached().area(unit, on=on)


def successor_of(unit, *, on: datetime.date | None = None, village=None) -> AdministrativeUnit:
    return AdministrativeUnit.objects.successor_of(unit, on=on, village=village)


def successor_map(units, *, on: datetime.date | None = None) -> dict:
    """{unit pk: pk of the unit it had become by ``on``} for every unit given, in two queries
    whatever their number: how a report groups a predecessor's figures under its successor.
    Give (commune, village) pairs — figures kept per village — and a village that passed in part
    is grouped under the unit it passed to: ``{(son_binh.pk, lien_hoa.pk): tay_khanh_son.pk}``."""
    return SuccessionGraph.cached().successor_map(units, on=on)


def changes_between(after: datetime.date, on: datetime.date) -> list[Change]:
    """The successions that took effect after ``after`` and by ``on`` (from the cached table:
    no query once loaded), oldest first: what a report's note on grouped figures names."""
    return SuccessionGraph.cached().changes_between(after, on)


# -- validation and writing -------------------------------------------------------------------
def validate_succession(succession: UnitSuccession, *, villages=None, graph=None) -> None:
    """Refuse, in Vietnamese, a succession that cannot be true. ``villages``: the villages to be
    set (the M2M is not saved yet when a form or the service validates)."""
    successor, predecessor = succession.successor, succession.predecessor
    day = succession.effective_date
    errors: dict[str, list] = defaultdict(list)
    if successor.pk == predecessor.pk:
        raise ValidationError({"predecessor": _("Một đơn vị không thể kế thừa chính nó.")})
    if level_of(successor) != level_of(predecessor) or level_of(successor) == "village":
        errors["predecessor"].append(
            _("Đơn vị tiền thân và đơn vị kế thừa phải cùng cấp (xã với xã, tỉnh với tỉnh).")
        )
    if predecessor.established_on and day <= predecessor.established_on:
        errors["effective_date"].append(
            _(
                "Ngày có hiệu lực (%(day)s) không thể trước hoặc trùng ngày %(unit)s được thành "
                "lập (%(founded)s)."
            )
            % {
                "day": format_date_long(day),
                "unit": predecessor.full_name,
                "founded": format_date_long(predecessor.established_on),
            }
        )
    if successor.established_on and day < successor.established_on:
        errors["effective_date"].append(
            _("Ngày có hiệu lực (%(day)s) trước ngày %(unit)s được thành lập (%(founded)s).")
            % {
                "day": format_date_long(day),
                "unit": successor.full_name,
                "founded": format_date_long(successor.established_on),
            }
        )
    if predecessor.dissolved_on and predecessor.dissolved_on < day:
        errors["effective_date"].append(
            _("%(unit)s đã chấm dứt từ %(gone)s, trước ngày có hiệu lực.")
            % {"unit": predecessor.full_name, "gone": format_date_long(predecessor.dissolved_on)}
        )
    if successor.dissolved_on and successor.dissolved_on <= day:
        errors["successor"].append(
            _("%(unit)s đã chấm dứt từ %(gone)s: không thể kế thừa đơn vị khác sau ngày đó.")
            % {"unit": successor.full_name, "gone": format_date_long(successor.dissolved_on)}
        )
    graph = graph or SuccessionGraph.load()
    others = [e for e in graph.edges if e.pk != succession.pk]
    graph = SuccessionGraph(others)
    if graph.reaches(successor.pk, predecessor.pk):
        errors["successor"].append(
            _(
                "Không thể ghi nhận: %(a)s đã (trực tiếp hay gián tiếp) trở thành một phần của "
                "%(b)s, kế thừa ngược lại sẽ tạo thành vòng lặp."
            )
            % {"a": successor.full_name, "b": predecessor.full_name}
        )
    if succession.whole and any(e.predecessor_id == predecessor.pk and e.whole for e in others):
        errors["predecessor"].append(
            _("%(unit)s đã được sáp nhập toàn bộ vào một đơn vị khác.")
            % {"unit": predecessor.full_name}
        )
    if villages is not None:
        village_ids = {v.pk for v in villages}
        if succession.whole and village_ids:
            errors["villages"].append(
                _("Sáp nhập toàn bộ thì không chọn thôn: mọi thôn của đơn vị đều chuyển sang.")
            )
        if not succession.whole and not village_ids:
            errors["villages"].append(
                _("Chỉ một phần đơn vị chuyển sang: hãy chọn các thôn, tổ dân phố chuyển sang.")
            )
        foreign = [v.full_name for v in villages if v.parent_id != predecessor.pk]
        if foreign:
            errors["villages"].append(
                _("Không thuộc %(unit)s: %(names)s.")
                % {"unit": predecessor.full_name, "names": ", ".join(foreign)}
            )
        taken = set().union(*(e.village_ids for e in others)) & village_ids
        if taken:
            names = AdministrativeUnit.objects.filter(pk__in=taken).order_by("name")
            errors["villages"].append(
                _("Đã chuyển sang đơn vị khác: %(names)s.")
                % {"names": ", ".join(v.full_name for v in names)}
            )
    if errors:
        raise ValidationError(dict(errors))


@dataclass(frozen=True)
class Part:
    """One predecessor of a succession act: wholly (``villages`` None) or by those villages."""

    predecessor: AdministrativeUnit
    villages: tuple[AdministrativeUnit, ...] | None = None


def _recorded_as(succession: UnitSuccession, villages) -> bool:
    """The act is already on record exactly so: saving it again would only add a history row."""
    if succession.pk is None:
        return False
    saved = UnitSuccession.objects.get(pk=succession.pk)
    return (saved.effective_date, saved.resolution, saved.whole) == (
        succession.effective_date,
        succession.resolution,
        succession.whole,
    ) and {v.pk for v in villages} == set(saved.villages.values_list("pk", flat=True))


@transaction.atomic
def record_succession(
    *,
    successor: AdministrativeUnit,
    effective_date: datetime.date,
    resolution: str,
    parts: list[Part],
) -> list[UnitSuccession]:
    """Record that ``successor`` was formed on ``effective_date`` from ``parts`` by
    ``resolution``. Wholly merged predecessors are dissolved on that date (their records keep
    them). Idempotent for an identical act; a conflicting one raises ValidationError."""
    if not parts:
        raise ValidationError(_("Cần ít nhất một đơn vị tiền thân."))
    created = []
    for part in parts:
        whole = part.villages is None
        succession = UnitSuccession.objects.filter(
            successor=successor, predecessor=part.predecessor
        ).first() or UnitSuccession(successor=successor, predecessor=part.predecessor)
        succession.effective_date, succession.resolution, succession.whole = (
            effective_date,
            resolution,
            whole,
        )
        villages = list(part.villages or ())
        if not _recorded_as(succession, villages):
            succession._pending_villages = villages
            succession.full_clean()
            succession.save()
            succession.villages.set(villages)
        predecessor = part.predecessor
        if whole and predecessor.dissolved_on is None:
            predecessor.dissolved_on = effective_date
            predecessor.full_clean()
            predecessor.save(update_fields=["dissolved_on"])
        created.append(succession)
    return created
