"""A campaign's results beside its targets, per commune and in total.

Computed figures come from tips (``tips.queries``, the only door into that app) for the
campaign's period and communes; hand figures from :class:`CommuneResult` and :class:`Outreach`.
The number of queries is fixed: it does not grow with communes, tasks or tips — nor, through
``results_of``, with campaigns (the chairman's landing and the report read a year's at once).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum, prefetch_related_objects
from django.utils import timezone

from ban138.models import AdministrativeUnit
from campaigns.models import (
    RATE_KINDS,
    TARGET_UNITS,
    Campaign,
    CommuneResult,
    Outreach,
    SeizedItem,
    TargetKind,
)
from tips.queries import FigureRequest, figures_of_requests

ONE_DECIMAL = Decimal("0.1")
TIP_FIELDS = (
    "received",
    "settled",
    "settled_on_time",
    "overdue",
    "cases_opened",
    "cases_solved",
    "suspects",
    "arrested",
    "cases_opened_solved",
)


@dataclass
class Figures:
    """What one commune (or the whole campaign) achieved."""

    received: int = 0
    settled: int = 0
    settled_on_time: int = 0
    overdue: int = 0
    cases_opened: int = 0
    cases_solved: int = 0
    suspects: int = 0
    arrested: int = 0
    cases_opened_solved: int = 0
    raid_arrests: int = 0
    outreach_sessions: int = 0
    attendees: int = 0
    seized: list = field(default_factory=list)

    @property
    def solved_rate(self) -> Decimal | None:
        """Of the cases opened in the period, the share solved by its end, in percent (the cohort
        of the period's cases, so never above 100 %); none opened → no rate."""
        if not self.cases_opened:
            return None
        return _round(Decimal(self.cases_opened_solved) * 100 / self.cases_opened)

    @property
    def all_arrests(self) -> int:
        """Suspects arrested in criminal cases plus people held in raids, as the sơ kết counts."""
        return self.arrested + self.raid_arrests

    def for_kind(self, kind: str) -> Decimal | None:
        if kind == TargetKind.SOLVED_RATE:
            return self.solved_rate
        value = {
            TargetKind.TIPS_SETTLED: self.settled,
            TargetKind.ARRESTS: self.all_arrests,
            TargetKind.OUTREACH_SESSIONS: self.outreach_sessions,
            TargetKind.ATTENDEES: self.attendees,
        }[TargetKind(kind)]
        return Decimal(value)

    def add(self, other: "Figures") -> None:
        for name in (*TIP_FIELDS, "raid_arrests", "outreach_sessions", "attendees"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seized.extend(other.seized)


@dataclass(frozen=True)
class TargetLine:
    kind: str
    label: str
    unit: str
    target: Decimal | None
    result: Decimal | None
    percent: Decimal | None


@dataclass
class CommuneLine:
    commune: AdministrativeUnit
    figures: Figures
    targets: list[TargetLine]


@dataclass
class CampaignResults:
    total: Figures
    targets: list[TargetLine]
    communes: list[CommuneLine]


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def percent_reached(target: Decimal | None, result: Decimal | None) -> Decimal | None:
    """ "đạt 112 %": the result as a share of the target; a zero target has no percentage."""
    if target is None or result is None or target == 0:
        return None
    return _round(Decimal(result) * 100 / Decimal(target))


def _hand_figures(campaign_ids: list[int]) -> dict[tuple[int, int], Figures]:
    """Raid arrests, seized items and outreach per (campaign, commune): three queries in all."""
    figures: dict[tuple[int, int], Figures] = defaultdict(Figures)
    results = CommuneResult.objects.filter(campaign__in=campaign_ids)
    for row in results.values("campaign", "commune", "raid_arrests"):
        figures[(row["campaign"], row["commune"])].raid_arrests += row["raid_arrests"]
    items = SeizedItem.objects.filter(result__campaign__in=campaign_ids).values(
        "result__campaign", "result__commune", "name", "quantity", "unit"
    )
    for item in items:
        key = (item.pop("result__campaign"), item["result__commune"])
        figures[key].seized.append(item)
    outreach = (
        Outreach.objects.filter(campaign__in=campaign_ids)
        .values("campaign", "commune")
        .annotate(sessions=Count("pk"), people=Sum("attendees"))
    )
    for row in outreach:
        figures[(row["campaign"], row["commune"])].outreach_sessions += row["sessions"]
        figures[(row["campaign"], row["commune"])].attendees += row["people"] or 0
    return figures


def _participants(campaigns: list[Campaign]) -> dict[int, dict[int, AdministrativeUnit]]:
    """Each campaign's communes by pk, from the prefetch; one query for "all communes" plans,
    which hold the communes that existed during the campaign (not those formed after it)."""
    everyone = []
    if any(c.all_communes for c in campaigns):
        everyone = list(AdministrativeUnit.objects.communes())
    return {
        c.pk: (
            {u.pk: u for u in everyone if u.existed_between(c.start, c.end)}
            if c.all_communes
            else {unit.pk: unit for unit in c.communes.all()}
        )
        for c in campaigns
    }


def tips_request(campaigns, today: dt.date) -> FigureRequest:
    """What the campaigns' results read from tips: their periods, overdue as of ``today``, and
    only the figures they count (TIP_FIELDS)."""
    return FigureRequest(
        frozenset((c.start, c.end) for c in campaigns), today, frozenset(TIP_FIELDS)
    )


def _commune_figures(campaigns, participants, today, tips=None) -> dict[tuple[int, int], Figures]:
    """Figures per (campaign, participating commune): tips' counts for the campaign's period
    plus the hand figures. ``tips``: those counts already read for ``tips_request``
    over every commune (the annual report's shared scan); read here if absent or incomplete."""
    if tips is None or any(
        (c.start, c.end) not in tips
        or any(pk not in tips[(c.start, c.end)] for pk in participants[c.pk])
        for c in campaigns
    ):
        all_ids = {pk for communes in participants.values() for pk in communes}
        request = tips_request(campaigns, today)
        tips = figures_of_requests([request], commune_ids=all_ids)[0]
    hand = _hand_figures([c.pk for c in campaigns])
    result = {}
    for campaign in campaigns:
        period = tips[(campaign.start, campaign.end)]
        for pk in participants[campaign.pk]:
            figures = hand.get((campaign.pk, pk), Figures())
            for name in TIP_FIELDS:
                setattr(figures, name, getattr(period[pk], name))
            result[(campaign.pk, pk)] = figures
    return result


def _line(kind: str, target: Decimal | None, figures: Figures) -> TargetLine:
    result = figures.for_kind(kind)
    return TargetLine(
        kind=kind,
        label=str(TargetKind(kind).label),
        unit=str(TARGET_UNITS[TargetKind(kind)]),
        target=target,
        result=result,
        percent=percent_reached(target, result),
    )


def _commune_target(kind, commune_id, overall, per_commune):
    """A commune's own number if the plan gives one; a rate applies to every commune alike."""
    if (kind, commune_id) in per_commune:
        return per_commune[(kind, commune_id)]
    return overall.get(kind) if kind in RATE_KINDS else None


def campaign_results(
    campaign: Campaign, today: dt.date | None = None, *, scope=None
) -> CampaignResults:
    """The campaign's results; with ``scope`` (ban138.access.scope_of), only the commune rows
    it covers — a commune official sees their own commune's row and the campaign's totals, not
    the other communes' figures (issue 15.4)."""
    results = results_of([campaign], today)[campaign.pk]
    if scope is not None and scope.limited:
        results = replace(
            results, communes=[line for line in results.communes if scope.covers(line.commune.pk)]
        )
    return results


def results_of(campaigns, today: dt.date | None = None, *, tips=None) -> dict[int, CampaignResults]:
    """Results of each campaign by pk, in a fixed number of queries for any number of them;
    ``tips``: the tips' counts already read (``_commune_figures``)."""
    campaigns = list(campaigns)
    if not campaigns:
        return {}
    today = today or timezone.localdate()
    prefetch_related_objects(campaigns, "targets", "communes")
    participants = _participants(campaigns)
    figures = _commune_figures(campaigns, participants, today, tips)
    return {c.pk: _results(c, participants[c.pk], figures) for c in campaigns}


def _target_maps(campaign: Campaign) -> tuple[dict, dict]:
    """(campaign-wide targets by kind, communes' own shares by (kind, commune))."""
    overall, per_commune = {}, {}
    for target in campaign.targets.all():
        if target.commune_id is None:
            overall[target.kind] = target.value
        else:
            per_commune[(target.kind, target.commune_id)] = target.value
    return overall, per_commune


def targets_over_communes(
    campaign: Campaign, results: CampaignResults, commune_ids: Collection[int]
) -> list[TargetLine]:
    """The target lines of ``campaign`` over some of its communes (a commune's report): those
    communes' own results against their own shares of the targets — a rate applies to every
    commune alike; a count with no share set for them has no target here, so its line is left
    out. Over every commune of the campaign, the campaign's own lines."""
    lines = [line for line in results.communes if line.commune.pk in commune_ids]
    if len(lines) == len(results.communes):
        return results.targets
    overall, per_commune = _target_maps(campaign)
    total = Figures()
    for line in lines:
        total.add(line.figures)
    found = []
    for kind in (line.kind for line in results.targets):
        shares = [_commune_target(kind, line.commune.pk, overall, per_commune) for line in lines]
        if kind in RATE_KINDS:
            target = overall.get(kind)
        elif shares and None not in shares:
            target = sum(shares, Decimal(0))
        else:
            target = None
        if target is not None:
            found.append(_line(kind, target, total))
    return found


def _results(campaign: Campaign, communes: dict, figures: dict) -> CampaignResults:
    overall, per_commune = _target_maps(campaign)
    kinds = [k for k in TargetKind.values if k in overall or any(k == x for x, _ in per_commune)]
    total = Figures()
    lines = []
    for pk in sorted(communes, key=lambda pk: communes[pk].name):
        own = figures[(campaign.pk, pk)]
        total.add(own)
        targets = [_line(k, _commune_target(k, pk, overall, per_commune), own) for k in kinds]
        lines.append(CommuneLine(commune=communes[pk], figures=own, targets=targets))
    return CampaignResults(
        total=total,
        targets=[_line(k, _overall_target(k, overall, per_commune), total) for k in kinds],
        communes=lines,
    )


def _overall_target(kind, overall, per_commune) -> Decimal | None:
    """The campaign-wide number; for a count set only per commune, the sum of their shares."""
    if kind in overall:
        return overall[kind]
    if kind in RATE_KINDS:
        return None
    return sum((v for (k, _), v in per_commune.items() if k == kind), Decimal(0))
