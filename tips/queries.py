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
  period, ``suspects`` / ``arrested`` of the cases opened in the period. A case belongs to the
  commune of its tip.

Both functions run three queries whatever the data size (conditional aggregation + GROUP BY).
"""

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from ban138.models import AdministrativeUnit
from tips.models import SETTLED_STATES, Case, CrimeGroup, Tip, TipKind, TipState, OPEN_STATES


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


def _tip_aggregates(groups: dict[int, str], today: dt.date) -> dict:
    aggregates = {
        "received": Count("pk"),
        "settled": Count("pk", filter=Q(state__in=SETTLED_STATES)),
        "settled_on_time": Count(
            "pk", filter=Q(state__in=SETTLED_STATES, decision_date__lte=F("due_on"))
        ),
        "overdue": Count("pk", filter=Q(state__in=OPEN_STATES, due_on__lt=today)),
    }
    for kind in TipKind.values:
        aggregates[f"kind__{kind}"] = Count("pk", filter=Q(kind=kind))
    for group_id in groups:
        aggregates[f"group__{group_id}"] = Count("pk", filter=Q(crime_group_id=group_id))
    return aggregates


def _case_aggregates(start: dt.date, end: dt.date) -> dict:
    opened = Q(opened_on__gte=start, opened_on__lte=end)
    return {
        "cases_opened": Count("pk", filter=opened),
        "cases_solved": Count("pk", filter=Q(solved_on__gte=start, solved_on__lte=end)),
        "suspects": Sum("suspects", filter=opened, default=0),
        "arrested": Sum("arrested", filter=opened, default=0),
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
    )


def _querysets(start, end, commune_ids):
    tips = Tip.objects.received_between(start, end).exclude(state=TipState.MERGED)
    cases = Case.objects.filter(
        Q(opened_on__gte=start, opened_on__lte=end) | Q(solved_on__gte=start, solved_on__lte=end)
    )
    if commune_ids is not None:
        tips = tips.filter(commune_id__in=list(commune_ids))
        cases = cases.filter(tip__commune_id__in=list(commune_ids))
    return tips.order_by(), cases.order_by()


def _groups() -> dict[int, str]:
    return dict(CrimeGroup.objects.order_by("order", "code").values_list("pk", "code"))


def period_figures(
    *,
    start: dt.date,
    end: dt.date,
    commune_ids: Collection[int] | None = None,
    today: dt.date | None = None,
) -> TipFigures:
    """Figures for the period [start, end] (inclusive), all communes or the ones given."""
    today = today or timezone.localdate()
    groups = _groups()
    tips, cases = _querysets(start, end, commune_ids)
    tip_row = tips.aggregate(**_tip_aggregates(groups, today))
    case_row = cases.aggregate(**_case_aggregates(start, end))
    return _figures(tip_row, case_row, groups)


def figures_by_commune(
    *,
    start: dt.date,
    end: dt.date,
    commune_ids: Collection[int] | None = None,
    today: dt.date | None = None,
) -> dict[int, TipFigures]:
    """Per-commune figures; every commune asked for (or every commune) has an entry."""
    today = today or timezone.localdate()
    groups = _groups()
    tips, cases = _querysets(start, end, commune_ids)
    tip_rows = {
        row["commune_id"]: row
        for row in tips.values("commune_id").annotate(**_tip_aggregates(groups, today))
    }
    case_rows = {
        row["tip__commune_id"]: row
        for row in cases.values("tip__commune_id").annotate(**_case_aggregates(start, end))
    }
    if commune_ids is None:
        wanted = set(AdministrativeUnit.objects.communes().values_list("pk", flat=True))
        wanted |= set(tip_rows) | set(case_rows)
    else:
        wanted = set(commune_ids)
    return {
        cid: _figures(tip_rows.get(cid, {}), case_rows.get(cid, {}), groups) for cid in sorted(wanted)
    }
