"""The one way other apps (campaigns, reports) read tip and case figures.

Counting rules (documented here because reports print them):

* A tip belongs to a period by the **local date** (Asia/Ho_Chi_Minh) of ``received_at``.
* Tips merged into another as duplicates (state ``gop``) are the same source counted twice, so
  they are left out of every figure, ``received`` included.
* ``settled``: received in the period and now carrying a final decision — khởi tố, không khởi tố,
  tạm đình chỉ or chuyển. ``settled_on_time``: of those, decided on or before the deadline.
* ``overdue``: received in the period, still being settled and past the deadline as of ``today``
  (a suspended tip's clock is stopped, so it is not overdue).
* Cases: ``cases_opened`` by khởi tố date in the period, ``cases_solved`` by solved date in the
  period (it may include cases opened earlier, so it is no rate's numerator),
  ``cases_opened_solved``: of the cases opened in the period, those solved by its end — the
  solved-case rate is ``cases_opened_solved / cases_opened`` and never passes 100 %.
  ``suspects`` / ``arrested`` of the cases opened in the period (the one definition of arrests
  in a year's figures). A case belongs to the commune of its tip.
* Crimes that occurred (phạm pháp hình sự xảy ra) are the cases opened in the period — the same
  cohort — split by class (BLHS 2015 Điều 9, ``by_severity``; a case not yet classified counts
  under ``""``), with their ``deaths``, ``injuries`` and ``damage`` (đồng). ``grave_opened`` /
  ``grave_opened_solved``: of that cohort, the very and especially serious cases, and those of
  them solved by the period's end (their rate never passes 100 % either).
* Tips supplied by the public (``from_public``): tips from a person — no agency, organisation
  or press named as sender (Art. 144(1)–(2)), so never a kiến nghị khởi tố. Of those, ``valuable``
  (có giá trị) are the ones that led to a khởi tố decision (:data:`VALUABLE_STATES`, the one
  definition): information the check proved to be a crime.

Each function runs three queries whatever the data size (conditional aggregation + GROUP BY);
``figures_by_periods`` stays at three whatever the number of periods (one column set per period),
so a year's campaigns cost the same as one; ``figures_of_requests`` answers several readers'
requests (the annual report's and its campaigns') in the same three, one read of the tips.

After the 2025 reform (docs/REFORM.md) a report reads a new commune's figures through its
``area`` (``ban138.succession.Area``: the communes it was formed from, and the villages that
passed to it in part) instead of ``commune_ids``; a table by commune asks for the figures per
(commune, village) with ``by_village=True`` and groups them under each village's successor. A
case belongs to the commune and village of its tip.
"""

import datetime as dt
import operator
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from ban138.models import AdministrativeUnit
from ban138.succession import Area
from tips.models import (
    GRAVE_SEVERITIES,
    OPEN_STATES,
    SETTLED_STATES,
    Case,
    CrimeGroup,
    CrimeSeverity,
    Tip,
    TipKind,
    TipState,
    local_midnight,
)

Period = tuple[dt.date, dt.date]
# State values for other apps' filters and hand-written SQL (the workflow: tips/workflow.py).
PROSECUTED_STATE = TipState.PROSECUTED.value
MERGED_STATE = TipState.MERGED.value
SETTLED_STATE_VALUES = tuple(state.value for state in SETTLED_STATES)
# A tip from the public "có giá trị": the check proved a crime and a case was opened.
VALUABLE_STATES = (TipState.PROSECUTED,)


@dataclass(frozen=True)
class TipFigures:
    received: int
    by_kind: dict[str, int]
    by_crime_group: dict[str, int]
    settled: int
    settled_on_time: int
    overdue: int
    cases_opened: int
    cases_solved: int
    suspects: int
    arrested: int
    cases_opened_solved: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)  # "" = not yet classified
    deaths: int = 0
    injuries: int = 0
    damage: int = 0
    grave_opened: int = 0
    grave_opened_solved: int = 0
    from_public: int = 0
    valuable: int = 0


def summed(figures: Collection[TipFigures]) -> TipFigures:
    """The figures of several communes added up: every tip and case belongs to one commune, so
    the sum of ``figures_by_periods``' rows is the period's total (no second scan needed)."""

    def total(name):
        return sum(getattr(f, name) for f in figures)

    def merged(name):
        keys = {key for f in figures for key in getattr(f, name)}
        return {key: sum(getattr(f, name).get(key, 0) for f in figures) for key in keys}

    return TipFigures(
        received=total("received"),
        by_kind=merged("by_kind"),
        by_crime_group=merged("by_crime_group"),
        settled=total("settled"),
        settled_on_time=total("settled_on_time"),
        overdue=total("overdue"),
        cases_opened=total("cases_opened"),
        cases_solved=total("cases_solved"),
        suspects=total("suspects"),
        arrested=total("arrested"),
        cases_opened_solved=total("cases_opened_solved"),
        by_severity=merged("by_severity"),
        deaths=total("deaths"),
        injuries=total("injuries"),
        damage=total("damage"),
        grave_opened=total("grave_opened"),
        grave_opened_solved=total("grave_opened_solved"),
        from_public=total("from_public"),
        valuable=total("valuable"),
    )


# A person's tố giác or tin báo: no agency, organisation or press named as its sender.
FROM_PUBLIC = Q(sender_agency="") & ~Q(kind=TipKind.PROSECUTION_REQUEST)
SEVERITY_CODES = ("", *CrimeSeverity.values)


def _severity_key(code: str) -> str:
    return f"severity__{code or 'none'}"


def _count(where: Q, **condition) -> Count:
    return Count("pk", filter=(where & Q(**condition)) or None)


def _tip_aggregates(groups: dict[int, str], today: dt.date, where: Q) -> dict:
    """``where`` narrows every figure to one period's rows when several share the query."""
    aggregates = {
        "received": _count(where),
        "settled": _count(where, state__in=SETTLED_STATES),
        "settled_on_time": _count(where, state__in=SETTLED_STATES, decision_date__lte=F("due_on")),
        "overdue": _count(where, state__in=OPEN_STATES, due_on__lt=today),
        "from_public": Count("pk", filter=where & FROM_PUBLIC),
        "valuable": Count("pk", filter=where & FROM_PUBLIC & Q(state__in=VALUABLE_STATES)),
    }
    for kind in TipKind.values:
        aggregates[f"kind__{kind}"] = _count(where, kind=kind)
    for group_id in groups:
        aggregates[f"group__{group_id}"] = _count(where, crime_group_id=group_id)
    return aggregates


def _case_aggregates(start: dt.date, end: dt.date) -> dict:
    opened = Q(opened_on__gte=start, opened_on__lte=end)
    return {
        "cases_opened": Count("pk", filter=opened),
        "cases_solved": Count("pk", filter=Q(solved_on__gte=start, solved_on__lte=end)),
        "cases_opened_solved": Count("pk", filter=opened & Q(solved_on__lte=end)),
        "suspects": Sum("suspects", filter=opened, default=0),
        "arrested": Sum("arrested", filter=opened, default=0),
        "deaths": Sum("deaths", filter=opened, default=0),
        "injuries": Sum("injuries", filter=opened, default=0),
        "damage": Sum("damage", filter=opened, default=0),
        "grave_opened": Count("pk", filter=opened & Q(severity__in=GRAVE_SEVERITIES)),
        "grave_opened_solved": Count(
            "pk", filter=opened & Q(severity__in=GRAVE_SEVERITIES, solved_on__lte=end)
        ),
        **{
            _severity_key(code): Count("pk", filter=opened & Q(severity=code))
            for code in SEVERITY_CODES
        },
    }


def _figures(tip_row: dict, case_row: dict, groups: dict[int, str]) -> TipFigures:
    return TipFigures(
        received=tip_row.get("received", 0),
        by_kind={kind: tip_row.get(f"kind__{kind}", 0) for kind in TipKind.values},
        by_crime_group={code: tip_row.get(f"group__{gid}", 0) for gid, code in groups.items()},
        settled=tip_row.get("settled", 0),
        settled_on_time=tip_row.get("settled_on_time", 0),
        overdue=tip_row.get("overdue", 0),
        cases_opened=case_row.get("cases_opened", 0),
        cases_solved=case_row.get("cases_solved", 0),
        suspects=case_row.get("suspects") or 0,
        arrested=case_row.get("arrested") or 0,
        cases_opened_solved=case_row.get("cases_opened_solved", 0),
        by_severity={code: case_row.get(_severity_key(code), 0) for code in SEVERITY_CODES},
        deaths=case_row.get("deaths") or 0,
        injuries=case_row.get("injuries") or 0,
        damage=case_row.get("damage") or 0,
        grave_opened=case_row.get("grave_opened", 0),
        grave_opened_solved=case_row.get("grave_opened_solved", 0),
        from_public=tip_row.get("from_public", 0),
        valuable=tip_row.get("valuable", 0),
    )


def _case_window(start: dt.date, end: dt.date) -> Q:
    return Q(opened_on__gte=start, opened_on__lte=end) | Q(solved_on__gte=start, solved_on__lte=end)


def _received(start: dt.date, end: dt.date) -> Q:
    """The same local-date rule as ``Tip.objects.received_between``."""
    return Q(
        received_at__gte=local_midnight(start),
        received_at__lt=local_midnight(end + dt.timedelta(days=1)),
    )


def _querysets(periods: list[Period], commune_ids, area: Area | None = None):
    first, last = periods[0][0], max(end for _, end in periods)
    tips = Tip.objects.received_between(first, last).exclude(state=TipState.MERGED)
    cases = Case.objects.filter(reduce(operator.or_, (_case_window(*p) for p in periods)))
    if commune_ids is not None:
        tips = tips.filter(commune_id__in=list(commune_ids))
        cases = cases.filter(tip__commune_id__in=list(commune_ids))
    if area is not None:
        tips = tips.filter(area.q(commune_field="commune", village_field="village"))
        cases = cases.filter(area.q(commune_field="tip__commune", village_field="tip__village"))
    return tips.order_by(), cases.order_by()


def _groups() -> dict[int, str]:
    return dict(CrimeGroup.objects.order_by("order", "code").values_list("pk", "code"))


def _unprefixed(row: dict, prefix: str) -> dict:
    return {name.removeprefix(prefix): value for name, value in row.items()}


def period_figures(
    *,
    start: dt.date,
    end: dt.date,
    commune_ids: Collection[int] | None = None,
    today: dt.date | None = None,
) -> TipFigures:
    """Figures for the period [start, end] (inclusive), all communes or the ones given."""
    today = today or timezone.localdate()
    totals = totals_by_periods(periods=[(start, end)], commune_ids=commune_ids, today=today)
    return totals[(start, end)]


def totals_by_periods(
    *,
    periods: Collection[Period],
    commune_ids: Collection[int] | None = None,
    today: dt.date | None = None,
    area: Area | None = None,
) -> dict[Period, TipFigures]:
    """``period_figures`` for each period given, in three queries in all. Without ``today``,
    each period's overdue count is as of its own end (the report's rule). ``area``: only the
    tips and cases filed in it (a new commune with its predecessors, whole or by village)."""
    windows = _windows([FigureRequest(frozenset(periods), today)])
    groups = _groups()
    tips, cases = _querysets(sorted(period for period, _as_of in windows), commune_ids, area)
    tip_columns, case_columns = _columns(windows, groups)
    tip_row, case_row = tips.aggregate(**tip_columns), cases.aggregate(**case_columns)
    return {
        period: _figures(_unprefixed(tip_row, f"p{i}_"), _unprefixed(case_row, f"p{i}_"), groups)
        for i, (period, _as_of) in enumerate(windows)
    }


def figures_by_commune(
    *,
    start: dt.date,
    end: dt.date,
    commune_ids: Collection[int] | None = None,
    today: dt.date | None = None,
) -> dict[int, TipFigures]:
    """Per-commune figures; every commune asked for (or every commune) has an entry."""
    today = today or timezone.localdate()
    by_period = figures_by_periods(periods=[(start, end)], commune_ids=commune_ids, today=today)
    return by_period[(start, end)]


def figures_by_periods(
    *,
    periods: Collection[Period],
    commune_ids: Collection[int] | None = None,
    today: dt.date | None = None,
    by_village: bool = False,
) -> dict[Period, dict]:
    """``figures_by_commune`` for each period [start, end] given, in three queries in all: one
    GROUP BY commune over the periods' union, with one prefixed column set per period. Without
    ``today``, each period's overdue count is as of its own end.

    ``by_village``: keyed by (commune id, village id or None) instead — what a report needs to
    count a village that passed to another commune under that commune (docs/REFORM.md); every
    commune asked for still has its (commune, None) entry."""
    request = FigureRequest(frozenset(periods), today)
    return figures_of_requests([request], commune_ids=commune_ids, by_village=by_village)[0]


@dataclass(frozen=True)
class FigureRequest:
    """One reader's part of a shared scan (:func:`figures_of_requests`): per-commune figures for
    each of ``periods``, overdue as of ``today`` (None: each period's own end). With ``fields``
    (names of :class:`TipFigures` fields), only those figures are computed; the others are left
    at zero — for a reader that states which figures it reads (a campaign's results)."""

    periods: frozenset[Period]
    today: dt.date | None = None
    fields: frozenset[str] | None = None


def figures_of_requests(
    requests: Sequence[FigureRequest],
    *,
    commune_ids: Collection[int] | None = None,
    by_village: bool = False,
) -> list[dict[Period, dict]]:
    """Each request's ``figures_by_periods`` over the same communes, in three queries in all:
    the tips and the cases are read once for every request (the annual report and its year's
    campaigns share one scan instead of two). One answer per request, in their order; keyed by
    commune id, or with ``by_village`` by (commune id, village id or None)."""
    windows = _windows(requests)
    groups = _groups()
    tips, cases = _querysets(sorted({period for period, _as_of in windows}), commune_ids)
    tip_columns, case_columns = _columns(windows, groups)
    tip_keys = ("commune_id", "village_id") if by_village else ("commune_id",)
    case_keys = tuple(f"tip__{key}" for key in tip_keys)

    def keyed(rows, keys):
        return {(row[keys[0]], row[keys[1]]) if by_village else row[keys[0]]: row for row in rows}

    tip_rows, case_rows = {}, {}
    if tip_columns:
        tip_rows = keyed(tips.values(*tip_keys).annotate(**tip_columns), tip_keys)
    if case_columns:
        case_rows = keyed(cases.values(*case_keys).annotate(**case_columns), case_keys)
    wanted = _wanted_communes(commune_ids, tip_rows, case_rows, by_village=by_village)
    index = {window: i for i, window in enumerate(windows)}
    return [
        {
            period: {
                cid: _figures(
                    _unprefixed(tip_rows.get(cid, {}), f"p{index[(period, request.today)]}_"),
                    _unprefixed(case_rows.get(cid, {}), f"p{index[(period, request.today)]}_"),
                    groups,
                )
                for cid in wanted
            }
            for period in sorted(request.periods)
        }
        for request in requests
    ]


Window = tuple[Period, dt.date | None]  # a period and the day its overdue count is taken on


def _windows(requests: Sequence[FigureRequest]) -> dict[Window, frozenset[str] | None]:
    """Each (period, overdue day) asked for, with the figures wanted of it (None: all), in order
    of period."""
    windows: dict[Window, frozenset[str] | None] = {}
    for request in requests:
        for period in request.periods:
            key = (period, request.today)
            if key not in windows:
                windows[key] = request.fields
            elif windows[key] is not None:
                windows[key] = None if request.fields is None else windows[key] | request.fields
    return dict(sorted(windows.items(), key=lambda item: (item[0][0], item[0][1] or item[0][0][1])))


# The figures that are several columns: their columns' prefix (tips' and cases' aggregates).
_SPLIT_FIGURES = {"by_kind": "kind__", "by_crime_group": "group__", "by_severity": "severity__"}


def _only(aggregates: dict, fields: frozenset[str] | None) -> dict:
    if fields is None:
        return aggregates
    prefixes = tuple(_SPLIT_FIGURES[name] for name in fields if name in _SPLIT_FIGURES)
    return {
        name: aggregate
        for name, aggregate in aggregates.items()
        if name in fields or (prefixes and name.startswith(prefixes))
    }


def _columns(windows: dict[Window, frozenset[str] | None], groups) -> tuple[dict, dict]:
    """Tip and case aggregates, one prefixed set per window."""
    tip_columns, case_columns = {}, {}
    for i, (((start, end), as_of), fields) in enumerate(windows.items()):
        # With one window the WHERE clause already is the period; no CASE per figure needed.
        where = _received(start, end) if len(windows) > 1 else Q()
        tips = _tip_aggregates(groups, as_of or end, where)
        tip_columns |= _prefixed(f"p{i}_", _only(tips, fields))
        case_columns |= _prefixed(f"p{i}_", _only(_case_aggregates(start, end), fields))
    return tip_columns, case_columns


def _prefixed(prefix: str, aggregates: dict) -> dict:
    return {f"{prefix}{name}": aggregate for name, aggregate in aggregates.items()}


def _wanted_communes(commune_ids, tip_rows: dict, case_rows: dict, *, by_village=False) -> list:
    if commune_ids is not None:
        wanted = set(commune_ids)
    else:
        wanted = set(AdministrativeUnit.objects.communes().values_list("pk", flat=True))
    if by_village:
        keys = {(pk, None) for pk in wanted} | set(tip_rows) | set(case_rows)
        if commune_ids is not None:
            keys = {key for key in keys if key[0] in wanted}
        return sorted(keys, key=lambda key: (key[0], key[1] or 0))
    if commune_ids is not None:
        return sorted(wanted)
    return sorted(wanted | set(tip_rows) | set(case_rows))


def active_crime_groups():
    """The crime groups other apps offer in their forms (a campaign's focus groups)."""
    return CrimeGroup.objects.filter(is_active=True)


def crime_groups_with_codes(codes: Collection[str]):
    """Crime groups by their stable codes (demo data names groups by code)."""
    return CrimeGroup.objects.filter(code__in=codes)


# The workflow's decisions for the register export (the columns belong to the XLSX export): per
# tip, every suspension, resume, extension, procuracy cancellation and the procuracy's khởi tố
# with number, date and ground, in order — they stay on the record after the tip moves on
# (Art. 147–149, 153(3)(a)).
def _recorded_decisions():
    from tips.workflow import TipAction

    return (
        TipAction.SUSPEND,
        TipAction.RESUME,
        TipAction.EXTEND,
        TipAction.PROCURACY_CANCEL,
        TipAction.NOT_PROSECUTE,
        TipAction.PROCURACY_PROSECUTE,
    )


def workflow_decisions(tip_ids) -> dict[int, list[dict]]:
    """``{tip_id: [{"action", "label", "number", "date", "ground", "ground_label"}, …]}``."""
    from tips.models import TipStep
    from tips.workflow import NoProsecutionGround, SuspensionGround, TipAction

    grounds = {**dict(SuspensionGround.choices), **dict(NoProsecutionGround.choices)}
    wanted = _recorded_decisions()
    out: dict[int, list[dict]] = {}
    rows = TipStep.objects.filter(tip_id__in=list(tip_ids), action__in=wanted).order_by("at", "id")
    for step in rows:
        out.setdefault(step.tip_id, []).append(
            {
                "action": step.action,
                "label": str(TipAction(step.action).label),
                "number": step.number,
                "date": step.date,
                "ground": step.ground,
                "ground_label": str(grounds.get(step.ground, "")),
            }
        )
    return out


def kind_labels() -> dict[str, str]:
    """Tip kind code → its label (BLTTHS 2015 Art. 144), in the law's order. Read by reports,
    so the report names the sources exactly as the tips app does."""
    return dict(TipKind.choices)


def severity_labels() -> dict[str, str]:
    """Crime class code → its name (BLHS 2015 Điều 9), in the law's order; "" is a case not yet
    classified."""
    return {**dict(CrimeSeverity.choices), "": "Chưa phân loại"}


def crime_group_labels() -> dict[str, str]:
    """Crime group code → its name as the admin keeps it, in the official (``order``) order."""
    return dict(CrimeGroup.objects.order_by("order", "code").values_list("code", "name"))


def years_with_tips() -> list[int]:
    """Every register year that holds a tip, oldest first (the years a report can compare)."""
    return sorted(Tip.objects.order_by().values_list("year", flat=True).distinct())
