"""What the annual report reads from campaigns. Read-only; names are a contract with reports.

Queries: a fixed handful; they do not grow with campaigns, communes, targets, tasks or outreach
sessions (``campaigns.results.results_of`` reads all of a year's campaigns at once).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from campaigns.models import Campaign, CommuneResult, Outreach, State
from campaigns.results import CampaignResults, results_of, targets_over_communes, tips_request
from tips.queries import FigureRequest


@dataclass(frozen=True)
class TargetResult:
    label: str
    unit: str
    target: Decimal
    result: Decimal | None
    percent: Decimal | None  # percent of the target reached


@dataclass(frozen=True)
class CampaignSummary:
    pk: int
    number: str
    plan_date: dt.date
    title: str
    start: dt.date
    end: dt.date
    state: str  # DisplayState code: da_phe_duyet, dang_trien_khai, da_ket_thuc
    targets: list[TargetResult]
    summary_text: str  # sơ kết text
    shortcomings_text: str  # its "hạn chế, tồn tại"


@dataclass(frozen=True)
class OutreachFigures:
    sessions: int
    attendees: int


def _of_year(year: int, commune_ids):
    campaigns = Campaign.objects.in_year(year).approved_or_later()
    if commune_ids is not None:
        campaigns = campaigns.including_any(commune_ids)
    return campaigns


def tip_figures_request(*, year: int, today: dt.date | None = None) -> FigureRequest:
    """What :func:`campaign_summaries` over every commune reads from tips (one small query): a
    reader of tips that scans the same rows (the annual report) asks ``tips.queries`` for this
    request beside its own and hands the answer back as ``tips``, so the tips are read once."""
    today = today or timezone.localdate()
    return tips_request(_of_year(year, None).only("start", "end"), today)


def campaign_summaries(
    *,
    year: int,
    commune_ids: Collection[int] | None = None,
    tips: dict | None = None,
    today: dt.date | None = None,
) -> list[CampaignSummary]:
    """Plans dated in ``year`` that were approved (or since closed), oldest first. With
    ``commune_ids``, only campaigns that include one of them, with those communes' own results
    against their own shares of the targets (``results.targets_over_communes``). ``tips``: the
    answer to :func:`tip_figures_request` for the same ``today``, if the caller read it."""
    campaigns = _of_year(year, commune_ids)
    campaigns = campaigns.prefetch_related("targets", "communes").order_by("plan_date", "pk")
    today = today or timezone.localdate()
    results = results_of(campaigns, today, tips=tips)
    summaries = []
    for campaign in campaigns:
        result = results[campaign.pk]
        if commune_ids is not None:
            result = replace(
                result, targets=targets_over_communes(campaign, result, set(commune_ids))
            )
        summaries.append(_summary(campaign, result, today))
    return summaries


def _summary(campaign: Campaign, results: CampaignResults, today: dt.date) -> CampaignSummary:
    return CampaignSummary(
        pk=campaign.pk,
        number=campaign.number,
        plan_date=campaign.plan_date,
        title=campaign.title,
        start=campaign.start,
        end=campaign.end,
        state=campaign.state_on(today),
        targets=[
            TargetResult(line.label, line.unit, line.target, line.result, line.percent)
            for line in results.targets
        ],
        summary_text=campaign.summary_text,
        shortcomings_text=campaign.shortcomings_text,
    )


def plans_issued(*, year: int) -> int:
    """Plans issued ("ban hành") in the year: approved (or since closed), counted by the plan's
    own date — the date it bears and its number's year — not by the day approval was clicked."""
    return Campaign.objects.in_year(year).approved_or_later().count()


def raid_arrests(*, year: int, commune_ids: Collection[int] | None = None) -> int:
    """People held in raids, entered by hand by the communes, in campaigns dated in the year.
    Not part of the cases' arrests (tips.queries): the report states them apart."""
    rows = CommuneResult.objects.filter(campaign__in=Campaign.objects.in_year(year))
    rows = rows.filter(campaign__state__in=[State.APPROVED, State.CLOSED])
    if commune_ids is not None:
        rows = rows.filter(commune__in=list(commune_ids))
    return rows.aggregate(n=Sum("raid_arrests"))["n"] or 0


def _outreach(year: int, commune_ids):
    rows = Outreach.objects.in_year(year)
    return rows if commune_ids is None else rows.filter(commune__in=list(commune_ids))


def outreach_figures(*, year: int, commune_ids=None) -> OutreachFigures:
    """All outreach sessions held in the year, inside or outside campaigns."""
    totals = _outreach(year, commune_ids).aggregate(sessions=Count("pk"), people=Sum("attendees"))
    return OutreachFigures(sessions=totals["sessions"], attendees=totals["people"] or 0)


def outreach_by_commune(*, year: int, commune_ids=None) -> dict[int, OutreachFigures]:
    rows = (
        _outreach(year, commune_ids)
        .values("commune")
        .annotate(sessions=Count("pk"), people=Sum("attendees"))
    )
    result: dict[int, OutreachFigures] = defaultdict(lambda: OutreachFigures(0, 0))
    result.update({r["commune"]: OutreachFigures(r["sessions"], r["people"] or 0) for r in rows})
    return dict(result)
