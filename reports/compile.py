"""Gather the report's figures from the three apps, through their query functions only.

``compile_report(year=2020, unit=district)`` calls ``tips.queries``, ``models_registry.queries``
and ``campaigns.queries`` a fixed number of times (the current and the previous period, the
unit and its communes), so the number of database queries does not grow with the data. Days are
local days in Asia/Ho_Chi_Minh: the contracts take dates, and "today" is
``timezone.localdate()``.

The labels (tip kinds, crime groups, model statuses and types) are the apps' own, read through
the same query modules, so a group renamed in the admin is renamed in the report. The three
modules are imported directly: a broken import is an error, never a report of zeros.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

import campaigns.queries
import models_registry.queries
import tips.queries
from ban138.limits import EARLIEST_YEAR
from ban138.models import AdministrativeUnit
from ban138.succession import Area, area_of, changes_between, successor_map
from reports.figures import (
    AgencyTotals,
    CampaignLine,
    CommuneRow,
    Compared,
    LabelledCount,
    Merger,
    NamedModel,
    ReportFigures,
    TargetLine,
)
from reports.models import AGENCY_AMOUNT_FIELDS, AGENCY_COUNT_FIELDS, AGENCY_SOURCE_FIELDS
from reports.wording import lower_first

DRUGS, GAMBLING = "ma_tuy", "co_bac"


def report_period(year: int, *, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """1 January to 31 December, or to today for the current year. A future year is refused."""
    today = today or timezone.localdate()
    if year > today.year:
        raise ValidationError(f"Năm {year} chưa diễn ra, chưa thể lập báo cáo.")
    if year < EARLIEST_YEAR:  # year 0 was a 500 (issue 15.8): Python has no such date
        raise ValidationError(f"Năm {year} không hợp lệ; chỉ lập báo cáo từ năm {EARLIEST_YEAR}.")
    start = dt.date(year, 1, 1)
    return start, min(dt.date(year, 12, 31), today)


def same_day_previous_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def compile_report(
    *, year: int, unit: AdministrativeUnit, today: dt.date | None = None
) -> ReportFigures:
    start, end = report_period(year, today=today)
    previous = (dt.date(year - 1, 1, 1), same_day_previous_year(end))
    grouping = _grouping(unit, periods=((start, end), previous))
    communes = grouping.rows
    values: dict = {}
    by_commune: dict = {}
    # Over every commune, the year's campaigns' tip counts come from the report's own scan of
    # the tips (one read of the year's tips and cases, not two): asked for beside its own.
    shared = {}
    if grouping.commune_ids is None:
        shared["campaign_request"] = campaigns.queries.tip_figures_request(year=year)
    for module, gather in (
        (tips.queries, _tips_part),
        (models_registry.queries, _movement_part),
        (campaigns.queries, _campaigns_part),
    ):
        part = gather(
            module,
            year=year,
            period=(start, end),
            previous=previous,
            ids=grouping.commune_ids,
            area=grouping.area,
            by_commune=bool(communes),
            unit=unit,
            shared=shared,
        )
        by_commune.update(part.pop("_by_commune", {}))
        values.update(part)
    # Entered per commune, not per village: a commune's figures stay with it (docs/REFORM.md).
    values["agency"] = agency_totals(year=year, commune_ids=grouping.commune_ids)
    return ReportFigures(
        year=year,
        unit_id=unit.pk,
        unit_name=lower_first(unit.full_name),
        is_commune=unit.is_commune,
        unit_kind=str(unit.get_kind_display()).lower(),
        start=start,
        end=end,
        communes=_commune_rows(communes, by_commune, grouping.members(by_commune)),
        mergers=grouping.mergers,
        **values,
    )


AGENCY_COUNTS = AGENCY_COUNT_FIELDS + AGENCY_AMOUNT_FIELDS
AGENCY_SOURCES = AGENCY_SOURCE_FIELDS


def agency_totals(*, year: int, commune_ids=None) -> AgencyTotals | None:
    """The other agencies' figures of the year added up (two queries), with the sources named
    and the last entry's who and when; None when nothing was entered for the year."""
    from django.db.models import Count, Sum

    from ban138.text import person_name
    from reports.models import AgencyFigures

    rows = AgencyFigures.objects.filter(year=year)
    if commune_ids is not None:
        rows = rows.filter(commune__in=list(commune_ids))
    sums = rows.aggregate(n=Count("pk"), **{f: Sum(f) for f in AGENCY_COUNTS})
    if not sums["n"]:
        return None
    latest = rows.select_related("entered_by").order_by("-entered_at", "-pk").first()
    named = list(rows.values_list(*AGENCY_SOURCES))
    sources = {
        name: ", ".join(sorted({row[i] for row in named} - {""}))
        for i, name in enumerate(AGENCY_SOURCES)
    }
    day = timezone.localdate(latest.entered_at).strftime("%d/%m/%Y")
    return AgencyTotals(
        communes_reported=sums["n"],
        **{f: sums[f] or 0 for f in AGENCY_COUNTS},
        **sources,
        entered=f"nhập lần cuối ngày {day} bởi {person_name(latest.entered_by)}",
    )


def _communes_of(unit: AdministrativeUnit, *, on: dt.date) -> list[AdministrativeUnit]:
    """The communes of the unit's area on ``on``: its children, or (a province before 2025)
    its districts' children — one query whatever their number."""
    below = AdministrativeUnit.objects.communes().existing_on(on)
    below = below.filter(Q(parent=unit) | Q(parent__parent=unit))
    return list(below.order_by("kind", "name"))


# -- after the 2025 reform: a predecessor's figures under its successor (docs/REFORM.md) -------
@dataclass(frozen=True)
class _Grouping:
    """Which records a report reads and under which commune it counts them.

    ``area``: a commune's report reads the records of its area (``ban138.succession.Area``: its
    predecessors' too, wholly or through the villages that passed to it, less the villages its
    units gave away); None: every commune. ``commune_ids``: the same area for the figures that
    have no village (entered per commune: they stay with the commune they were entered for).
    ``rows``: the communes of the appendix tables as they stood on ``as_of`` (the period's last
    day, or a dissolved unit's last day). ``mergers``: the successions that made the grouping,
    for the note."""

    area: Area | None
    rows: list[AdministrativeUnit]
    as_of: dt.date
    mergers: list[Merger]

    @property
    def commune_ids(self) -> list[int] | None:
        return None if self.area is None else sorted(self.area.unit_ids)

    def members(self, parts: dict) -> dict[int, list]:
        """{row commune: the keys whose figures count in its row} — every key that has figures
        in ``parts`` (a commune, or a (commune, village) pair where the app keeps villages),
        mapped to the unit it had become by ``as_of`` (successor_map: the cached succession
        table, no query per commune): a village that passed in part counts under the commune it
        passed to, for the days before the change too."""
        filed = {key for by_commune in parts.values() for key in by_commune}
        rows: dict[int, list] = {row.pk: [] for row in self.rows}
        for key, successor in sorted(successor_map(filed, on=self.as_of).items(), key=_order):
            if successor in rows:
                rows[successor].append(key)
        return rows


def _order(item) -> tuple:
    key = item[0]
    return (key[0], key[1] or 0) if isinstance(key, tuple) else (key, -1)


def _grouping(unit: AdministrativeUnit, *, periods) -> _Grouping:
    (start, end), (previous_start, _previous_end) = periods
    # A unit dissolved by the period's end reports on its area as it last stood.
    as_of = end
    if unit.dissolved_on and unit.dissolved_on <= end:
        as_of = max(start, unit.dissolved_on - dt.timedelta(days=1))
    if unit.is_commune:
        rows, row_ids, area = [], {unit.pk}, area_of(unit, on=as_of)
    else:
        rows, area = _communes_of(unit, on=as_of), None
        row_ids = {row.pk for row in rows}
    # The changes between the start of the compared year and the report's last day, into the
    # rows (or the commune): their predecessors' records of those days are what was grouped.
    # A village given away in part is named too by the commune that gave it (its figures left).
    changes = changes_between(previous_start, as_of)
    givers = successor_map({c.predecessor_id for c in changes if not c.whole}, on=as_of)
    changes = [
        c
        for c in changes
        if c.final_successor_id in row_ids or (not c.whole and givers[c.predecessor_id] in row_ids)
    ]
    return _Grouping(area, rows, as_of, _mergers(changes, periods=periods))


def _mergers(changes, *, periods) -> list[Merger]:
    """One Merger per successor, date, resolution and manner (wholly / in part from one unit),
    with the names read in one query."""
    if not changes:
        return []
    ids = {pk for c in changes for pk in (c.successor_id, c.predecessor_id, *c.village_ids)}
    units = AdministrativeUnit.objects.in_bulk(ids)
    groups: dict[tuple, list] = {}
    for change in changes:
        key = (
            change.effective_date,
            change.resolution,
            change.successor_id,
            None if change.whole else change.predecessor_id,
        )
        groups.setdefault(key, []).append(change)
    mergers = []
    for (day, resolution, successor_id, part_of), group in groups.items():
        successor = units[successor_id]
        if part_of is None:
            parts = [units[c.predecessor_id] for c in group]
        else:
            parts = sorted((units[v] for c in group for v in c.village_ids), key=lambda u: u.name)
        mergers.append(
            Merger(
                successor=lower_first(successor.full_name),
                parts=[lower_first(u.full_name) for u in parts],
                effective_date=day,
                resolution=resolution,
                formed=successor.established_on == day,
                counted=_before(day, periods),
                part_of=lower_first(units[part_of].full_name) if part_of else "",
            )
        )
    return mergers


def _before(day: dt.date, periods) -> list[tuple[dt.date, dt.date]]:
    """The stretches of the compared periods (previous first) that lie before ``day``."""
    stretches = []
    for first, last in sorted(periods):
        if first < day:
            stretches.append((first, min(last, day - dt.timedelta(days=1))))
    return stretches


def _labelled(
    current: dict, previous: dict | None, labels: dict, *, lower: bool = True
) -> list[LabelledCount]:
    """Counts under the app's labels, in the app's (official) order; a code the labels do not
    know (a group since deleted) follows, by code. Nothing in either period: left out."""
    previous = previous or {}
    known = [k for k in labels if k in current or k in previous]
    unknown = sorted({*current, *previous} - set(labels))
    return [
        LabelledCount(_label(labels.get(k, k), lower=lower), current.get(k, 0), previous.get(k))
        for k in known + unknown
        if current.get(k) or previous.get(k)
    ]


def _label(text, *, lower: bool) -> str:
    # Labels read inside a sentence ("… xâm phạm sở hữu 17 tin"): lower-case first letter.
    return lower_first(str(text)) if lower else str(text)


def _tips_part(queries, *, period, previous, area, by_commune, shared, **_unused) -> dict:
    # Both periods in one query each; overdue counts as of each period's own end. With the
    # per-commune table, the totals are its rows added up rather than a second scan of the tips;
    # its rows are per (commune, village), so that a village moved in part moves its figures.
    # The campaigns' request, if any, is read in the same scan and added up per commune.
    if by_commune:
        own = queries.FigureRequest(frozenset({period, previous}))
        extra = [shared["campaign_request"]] if "campaign_request" in shared else []
        by, *answers = queries.figures_of_requests([own, *extra], by_village=True)
        if answers:
            shared["campaign_tips"] = _per_commune(queries, answers[0])
        now, before = (queries.summed(list(by[p].values())) for p in (period, previous))
    else:
        totals = queries.totals_by_periods(periods=[period, previous], area=area)
        now, before = totals[period], totals[previous]
    values = {
        "tips_received": Compared(now.received, before.received),
        "tips_by_kind": _labelled(now.by_kind, before.by_kind, queries.kind_labels()),
        "tips_by_crime_group": _labelled(
            now.by_crime_group, before.by_crime_group, queries.crime_group_labels()
        ),
        "cases_opened": Compared(now.cases_opened, before.cases_opened),
        "cases_solved": Compared(now.cases_solved, before.cases_solved),
        "cases_opened_solved": Compared(now.cases_opened_solved, before.cases_opened_solved),
        "suspects": Compared(now.suspects, before.suspects),
        "arrested": Compared(now.arrested, before.arrested),
        "drugs": Compared(now.by_crime_group.get(DRUGS, 0), before.by_crime_group.get(DRUGS, 0)),
        "gambling": Compared(
            now.by_crime_group.get(GAMBLING, 0), before.by_crime_group.get(GAMBLING, 0)
        ),
        "tips_settled": now.settled,
        "tips_settled_on_time": now.settled_on_time,
        "tips_overdue": now.overdue,
        **_crimes_values(queries, now, before),
    }
    if by_commune:
        values["_by_commune"] = {"tips": by[period], "tips_previous": by[previous]}
    return values


def _per_commune(queries, answer: dict) -> dict:
    """A per-(commune, village) answer of ``figures_of_requests`` added up per commune."""
    by_commune: dict = {}
    for period, rows in answer.items():
        grouped: dict = {}
        for (commune_id, _village_id), figures in rows.items():
            grouped.setdefault(commune_id, []).append(figures)
        by_commune[period] = {cid: queries.summed(parts) for cid, parts in grouped.items()}
    return by_commune


def _crimes_values(queries, now, before) -> dict:
    """Crimes that occurred by class with their consequences, the grave cases' solved cohort, and
    the tips the public supplied with those that proved valuable (tips.queries' definitions)."""
    return {
        "crimes_by_severity": _labelled(
            now.by_severity, before.by_severity, queries.severity_labels()
        ),
        "crime_deaths": now.deaths,
        "crime_injuries": now.injuries,
        "crime_damage": now.damage,
        "grave_opened": now.grave_opened,
        "grave_opened_solved": now.grave_opened_solved,
        "tips_from_public": Compared(now.from_public, before.from_public),
        "tips_valuable": now.valuable,
    }


def _movement_part(queries, *, year, period, area, by_commune, **_unused) -> dict:
    end = period[1]
    if by_commune:  # the total and its split from one read of the models
        now, by = queries.movement_with_communes(year=year, as_of=end, by_village=True)
    else:
        now = queries.movement_figures(year=year, area=area, as_of=end)
    values = {
        "models_total": now.total,
        "models_new": now.new_in_year,
        "models_gone_quiet": now.gone_quiet,
        "models_by_status": _labelled(now.by_status, None, queries.status_labels()),
        # Type names head the rows of a table: as the admin spells them.
        "models_by_type": _labelled(now.by_type, None, queries.model_type_labels(), lower=False),
        "outstanding_models": [
            NamedModel(name=name, place=commune, commune=commune, type_name=type_name)
            for name, commune, type_name in now.outstanding
        ],
        "new_models": [
            NamedModel(name=name, place=place, commune=commune)
            for name, place, commune in now.new_models
        ],
        "models_places": now.places,
        "models_teams": now.teams,
        "models_members": now.members,
    }
    if by_commune:
        values["_by_commune"] = {"movement": by}
    return values


def _campaigns_part(queries, *, year, ids, by_commune, unit, shared, **_unused) -> dict:
    # Plans, targets, raid results and outreach are entered per commune, never per village: a
    # commune's figures stay with it (and with its whole successor) — the note says so.
    now = queries.outreach_figures(year=year, commune_ids=ids)
    before = queries.outreach_figures(year=year - 1, commune_ids=ids)
    values = {
        # Plans are the district committee's own documents: not a commune's figure.
        "plans_issued": None if unit.is_commune else queries.plans_issued(year=year),
        "campaigns": [
            _campaign_line(c)
            for c in queries.campaign_summaries(
                year=year,
                commune_ids=ids,
                tips=shared.get("campaign_tips"),
                today=_today_of(shared.get("campaign_request")),
            )
        ],
        "raid_arrests": queries.raid_arrests(year=year, commune_ids=ids),
        "outreach_sessions": Compared(now.sessions, before.sessions),
        "outreach_attendees": Compared(now.attendees, before.attendees),
    }
    if by_commune:
        values["_by_commune"] = {
            "outreach": queries.outreach_by_commune(year=year, commune_ids=ids)
        }
    return values


def _today_of(request):
    return request.today if request is not None else None


def _campaign_line(summary) -> CampaignLine:
    return CampaignLine(
        number=summary.number,
        plan_date=summary.plan_date,
        title=summary.title,
        start=summary.start,
        end=summary.end,
        state=summary.state,
        summary_text=summary.summary_text,
        shortcomings_text=summary.shortcomings_text,
        targets=[
            TargetLine(t.label, t.unit, Decimal(t.target), t.result, t.percent)
            for t in summary.targets
        ],
    )


# Each appendix column: the part of the figures it comes from and the attribute it adds up.
ROW_COLUMNS = (
    (
        "tips",
        {
            "tips_received": "received",
            "tips_settled": "settled",
            "tips_overdue": "overdue",
            "cases_opened": "cases_opened",
            "cases_solved": "cases_solved",
            "arrested": "arrested",
        },
    ),
    ("tips_previous", {"tips_received_previous": "received"}),
    (
        "movement",
        {"models_total": "total", "models_new": "new_in_year", "models_gone_quiet": "gone_quiet"},
    ),
    ("outreach", {"outreach_sessions": "sessions", "outreach_attendees": "attendees"}),
)


def _commune_rows(communes, parts: dict, members: dict[int, list]) -> list[CommuneRow]:
    """A row per commune, adding up the keys whose records count in it (``members``: itself
    and, after a merger, its predecessors and the villages that passed to it)."""
    rows = []
    for commune in communes:
        ids = members.get(commune.pk, [commune.pk])
        row = {"commune_id": commune.pk, "commune": commune.full_name}
        for part, columns in ROW_COLUMNS:
            present = [parts[part][pk] for pk in ids if pk in parts.get(part, {})]
            row.update(
                {column: sum(getattr(f, name) for f in present) for column, name in columns.items()}
            )
        rows.append(CommuneRow(**row))
    return rows
