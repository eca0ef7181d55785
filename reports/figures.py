"""The figures an annual report prints, independent of where they came from.

The document, its sentences, its charts and the dashboard are all driven by one
:class:`ReportFigures`, so they can be built and tested with figures constructed by hand, and an
issued report keeps the exact figures it printed (as JSON) beside its files.
"""

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Compared:
    """A count for the period beside the same period of the previous year (None = not known)."""

    current: int
    previous: int | None = None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.current - self.previous


@dataclass(frozen=True)
class LabelledCount:
    label: str
    current: int
    previous: int | None = None


@dataclass(frozen=True)
class TargetLine:
    label: str
    unit: str
    target: Decimal
    result: Decimal | None
    percent: Decimal | None


@dataclass(frozen=True)
class CampaignLine:
    number: str
    plan_date: dt.date
    title: str
    start: dt.date
    end: dt.date
    state: str
    targets: list[TargetLine] = field(default_factory=list)
    summary_text: str = ""
    shortcomings_text: str = ""  # the sơ kết's "hạn chế, tồn tại": section II of the year's report


@dataclass(frozen=True)
class NamedModel:
    """A self-managed security model named in the text: its name, where it is, and its type."""

    name: str
    place: str
    commune: str
    type_name: str = ""


@dataclass(frozen=True)
class AgencyTotals:
    """The year's figures from other agencies (reports.AgencyFigures), added up over the
    communes, each group with where it came from and who entered it, when."""

    communes_reported: int = 0
    sanction_cases: int = 0
    sanction_persons: int = 0
    sanction_fines: int = 0
    drug_cases: int = 0
    drug_persons: int = 0
    drug_seized_grams: Decimal = Decimal(0)
    drug_users_managed: int = 0
    drug_users_in_rehab: int = 0
    gambling_cases: int = 0
    gambling_persons: int = 0
    prostitution_cases: int = 0
    gangs_dismantled: int = 0
    gang_members: int = 0
    safe_units: int = 0
    safe_villages: int = 0
    safe_households: int = 0
    commendations_collective: int = 0
    commendations_persons: int = 0
    sanctions_source: str = ""
    drugs_source: str = ""
    evils_source: str = ""
    gangs_source: str = ""
    safe_source: str = ""
    commendations_source: str = ""
    entered: str = ""  # "nhập lần cuối ngày 05/01/2021 bởi Trần Thị Lan"


@dataclass(frozen=True)
class Merger:
    """Units arranged by a resolution (the 2025 reform, docs/REFORM.md) whose records of the
    compared periods the report counts under their successor; said in a note under the tables.

    Wholly: ``parts`` are the predecessors ("thị trấn Tô Hạp", "xã Sơn Hiệp"), their figures
    before ``effective_date`` counted under ``successor``. In part: ``parts`` are the villages
    that moved from ``part_of``; the figures kept per village (tips, cases, models) before the
    date count under ``successor`` too, those entered per commune (outreach, campaign results,
    agencies' figures) stay with ``part_of``. Records keep the commune they were filed under."""

    successor: str  # "xã Khánh Sơn", as it reads inside a sentence
    parts: list[str]
    effective_date: dt.date
    resolution: str  # "1667/NQ-UBTVQH15"
    formed: bool  # the successor was established that day ("sắp xếp thành"), else enlarged
    # The stretches of the two compared periods that fall before the date (what was grouped).
    counted: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    part_of: str = ""


@dataclass(frozen=True)
class CommuneRow:
    """One line of the appendix tables."""

    commune_id: int
    commune: str
    tips_received: int = 0
    tips_received_previous: int = 0
    tips_settled: int = 0
    tips_overdue: int = 0
    cases_opened: int = 0
    cases_solved: int = 0
    arrested: int = 0
    models_total: int = 0
    models_new: int = 0
    models_gone_quiet: int = 0
    outreach_sessions: int = 0
    outreach_attendees: int = 0


@dataclass(frozen=True)
class ReportFigures:
    year: int
    unit_id: int
    unit_name: str  # "huyện Khánh Sơn", "xã Sơn Bình" — as it reads inside a sentence
    is_commune: bool
    start: dt.date
    end: dt.date  # the last day counted: 31/12, or today for the year to date
    unit_kind: str = ""  # "huyện", "tỉnh", "xã": the committee named after its unit's kind
    # Leadership. None where the figure does not exist for the unit (plans are district-wide).
    plans_issued: int | None = None
    campaigns: list[CampaignLine] = field(default_factory=list)
    # Situation, each beside the same period of the previous year.
    tips_received: Compared = Compared(0)
    tips_by_kind: list[LabelledCount] = field(default_factory=list)
    tips_by_crime_group: list[LabelledCount] = field(default_factory=list)
    cases_opened: Compared = Compared(0)
    cases_solved: Compared = Compared(0)
    # Of the cases opened in the period, those solved by its end: the solved-rate's cohort.
    cases_opened_solved: Compared = Compared(0)
    suspects: Compared = Compared(0)
    arrested: Compared = Compared(0)  # arrested in the cases opened (the one definition)
    raid_arrests: int = 0  # held in campaign raids, entered by hand: stated apart, never added
    drugs: Compared = Compared(0)
    gambling: Compared = Compared(0)
    # Results.
    tips_settled: int = 0
    tips_settled_on_time: int = 0
    tips_overdue: int = 0
    # The movement.
    models_total: int = 0
    models_new: int = 0
    models_gone_quiet: int = 0
    models_by_status: list[LabelledCount] = field(default_factory=list)
    models_by_type: list[LabelledCount] = field(default_factory=list)
    outstanding_models: list[NamedModel] = field(default_factory=list)
    new_models: list[NamedModel] = field(default_factory=list)
    outreach_sessions: Compared = Compared(0)
    outreach_attendees: Compared = Compared(0)
    # Crimes that occurred (phạm pháp hình sự xảy ra): the cases opened in the period, by class
    # (BLHS 2015 Điều 9), with their consequences; the grave ones' solved rate (same cohort).
    crimes_by_severity: list[LabelledCount] = field(default_factory=list)
    crime_deaths: int = 0
    crime_injuries: int = 0
    crime_damage: int = 0  # đồng
    grave_opened: int = 0
    grave_opened_solved: int = 0
    # Tips supplied by the public, and of those the ones that proved valuable (tips.queries).
    tips_from_public: Compared = Compared(0)
    tips_valuable: int = 0
    # The models' size as Hướng dẫn 22/HD-BCA-V05 counts it.
    models_places: int = 0
    models_teams: int = 0
    models_members: int = 0
    # Entered by the secretariat from other agencies' figures (None: nothing entered).
    agency: AgencyTotals | None = None
    # Appendix.
    communes: list[CommuneRow] = field(default_factory=list)
    # Predecessors whose figures are grouped under their successor (the note on the tables).
    mergers: list[Merger] = field(default_factory=list)

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def is_full_year(self) -> bool:
        return self.end == dt.date(self.year, 12, 31)

    @property
    def has_data(self) -> bool:
        """Whether anything at all was recorded for the unit and year."""
        return any(
            (
                self.tips_received.current,
                self.cases_opened.current,
                self.plans_issued,
                self.campaigns,
                self.models_total,
                self.outreach_sessions.current,
            )
        )


def figures_to_json(figures: ReportFigures) -> dict:
    """A JSON-ready copy (dates as ISO strings, decimals as strings) kept with an issued report."""
    return _jsonable(dataclasses.asdict(figures))


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.date | Decimal):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value
