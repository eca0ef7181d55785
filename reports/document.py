"""The report as a document: header, numbered sections, tables, "Nơi nhận" and signature.

One :class:`ReportDocument` is built from the figures and the secretariat's draft; the HTML
template (browser preview and PDF) and the DOCX writer both walk it, so the three always carry
the same words, numbers and headings.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString

from ban138.text import format_date_long, format_number
from reports import wording
from reports.charts import render_png_chart, render_svg_chart
from reports.figures import Compared, ReportFigures


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    total: list[str] | None = None
    numeric_from: int = 1  # columns from this index on are numbers (right-aligned)
    note: str = ""  # printed under the table ("Ghi chú: …")


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    level: int = 1
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class Letterhead:
    authority: str = ""  # from the committee's profile (reports.services.letterhead)
    committee: str = "BAN CHỈ ĐẠO 138"
    place: str = ""
    number_suffix: str = "BC-BCĐ138"
    signer_name: str = ""
    signer_title: str = ""


@dataclass(frozen=True)
class Targets:
    """The year's targets set by higher levels (percentages; None: not set) and the document
    that set them, written on the draft by the secretariat."""

    solved_rate: Decimal | None = None
    grave_solved_rate: Decimal | None = None
    tips_settled_rate: Decimal | None = None
    source: str = ""

    def as_dict(self) -> dict:
        return {
            "solved_rate": self.solved_rate,
            "grave_solved_rate": self.grave_solved_rate,
            "tips_settled_rate": self.tips_settled_rate,
        }


@dataclass(frozen=True)
class DraftText:
    """What the secretariat writes: number, date, the narratives (shortcomings and their causes,
    tasks, proposals), the year's targets and the recipients."""

    number: str = ""
    date: dt.date | None = None
    shortcomings: str = ""
    tasks: str = ""
    causes: str = ""
    proposals: str = ""
    targets: Targets = field(default_factory=Targets)
    recipients: list[str] = field(default_factory=list)
    # A draft prints "DỰ THẢO" on every page and leaves number and date blank for the văn thư.
    is_draft: bool = False
    year_of_issue: int | None = None  # the year in the blank date line of a draft


@dataclass(frozen=True)
class Chart:
    """One chart of the appendix: its figures, drawn as SVG for the page and the PDF and as a PNG
    for the Word file (:mod:`reports.charts`), so both show the same bars."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]

    @property
    def svg(self) -> SafeString:
        return render_svg_chart(
            title=self.title, categories=list(self.categories), series=self._series
        )

    def png(self) -> bytes:
        return render_png_chart(
            title=self.title, categories=list(self.categories), series=self._series
        )

    @property
    def _series(self) -> list[tuple[str, list[int]]]:
        return [(name, list(values)) for name, values in self.series]


@dataclass(frozen=True)
class ReportDocument:
    letterhead: Letterhead
    number_line: str
    place_date: str
    title: str
    subject: str
    intro: str
    sections: list[Section]
    closing: str
    recipients: list[str]
    signer_role: str
    appendix_title: str
    appendix_subtitle: str
    appendix_tables: list[Table]
    charts: list[Chart]
    # Under the appendix's subtitle: which predecessors' figures its tables count where.
    appendix_note: str = ""
    is_draft: bool = False
    draft_mark: str = "DỰ THẢO"
    # The document's own date: its date once issued, else the last day its figures count.
    # File metadata (PDF creation date, DOCX properties and zip times) is taken from it, so the
    # same draft gives the same bytes whenever and wherever it is rendered.
    own_date: dt.date | None = None


def paragraphs_of(text: str) -> list[str]:
    """Plain text as typed → paragraphs, one per non-empty line. Escaped where rendered."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def recipients_of(text: str) -> list[str]:
    """ "Nơi nhận" lines, each written "- …" as the decree's model does."""
    lines = paragraphs_of(text)
    return [line if line.startswith("-") else f"- {line}" for line in lines]


def build_document(figures: ReportFigures, letterhead: Letterhead, draft: DraftText):
    next_year = figures.year + 1
    unit = figures.unit_name
    number = draft.number.strip() if draft.number else ""
    sections = [
        Section("I.", f"KẾT QUẢ THỰC HIỆN NĂM {figures.year}"),
        _leadership(figures),
        _situation(figures),
        _results(figures, draft.targets),
        _movement(figures),
        *_agency(figures),
        Section(
            "II.",
            "TỒN TẠI, HẠN CHẾ",
            paragraphs=(paragraphs_of(draft.shortcomings) or ["(Chưa nhập nội dung.)"])
            + _campaign_shortcomings(figures)
            + _causes(draft.causes),
        ),
        Section(
            "III.",
            f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {next_year}",
            paragraphs=paragraphs_of(draft.tasks) or ["(Chưa nhập nội dung.)"],
        ),
        *_proposals(draft.proposals),
    ]
    place = letterhead.place
    year_of_issue = draft.year_of_issue or (draft.date.year if draft.date else figures.year)
    if draft.date:
        place_date, short_date = f"{place}, {format_date_long(draft.date)}", _short(draft.date)
    else:
        # Left for the văn thư to fill in by hand when the number is given (NĐ 30/2020).
        place_date = f"{place}, ngày{BLANK}tháng{BLANK}năm {year_of_issue}"
        short_date = f"{BLANK}/{BLANK}/{year_of_issue}"
    number_part = number or BLANK_NUMBER
    return ReportDocument(
        letterhead=letterhead,
        number_line=f"Số: {number_part}/{letterhead.number_suffix}",
        place_date=place_date,
        title="BÁO CÁO",
        subject=wording.subject_line(figures),
        intro=wording.no_data_sentence(figures)
        or (
            f"Ban Chỉ đạo 138 báo cáo kết quả công tác phòng, chống tội phạm, tệ nạn xã hội và "
            f"xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm {figures.year} trên địa bàn "
            f"{unit}, phương hướng, nhiệm vụ năm {next_year} như sau:"
        ),
        sections=sections,
        closing=(
            f"Trên đây là báo cáo tổng kết công tác phòng, chống tội phạm, tệ nạn xã hội và xây "
            f"dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm {figures.year} của Ban Chỉ đạo "
            f"138 {unit}./."
        ),
        recipients=draft.recipients or ["- Lưu: VT."],
        signer_role="TRƯỞNG BAN",
        appendix_title="PHỤ LỤC",
        appendix_subtitle=(
            f"(Kèm theo Báo cáo số {number_part}/{letterhead.number_suffix} ngày {short_date} "
            f"của Ban Chỉ đạo 138 {unit})"
        ),
        appendix_tables=_appendix_tables(figures),
        appendix_note=wording.merger_note(figures) if figures.communes else "",
        charts=charts_for(figures),
        is_draft=draft.is_draft,
        own_date=draft.date or figures.end,
    )


# The blanks of a draft: no-break spaces, so a renderer never collapses them.
BLANK = "\u00a0" * 4
BLANK_NUMBER = "\u00a0" * 6


def _short(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _leadership(figures: ReportFigures) -> Section:
    paragraphs = [p for p in [wording.leadership_sentence(figures)] if p]
    tables = [_campaign_table(c) for c in figures.campaigns]
    for campaign in figures.campaigns:
        # Each sơ kết under its campaign's name, and what fell short said in words.
        summary = paragraphs_of(campaign.summary_text)
        if summary:
            title = f"Sơ kết “{campaign.title}”"  # titles begin "Đợt cao điểm …" themselves
            paragraphs.append(f"{title}: {lower_first_word(summary[0])}")
            paragraphs.extend(summary[1:])
        shortfall = wording.shortfall_sentence(campaign)
        if shortfall:
            paragraphs.append(shortfall)
    if not paragraphs:
        paragraphs = ["Không có kế hoạch, đợt cao điểm nào trong kỳ báo cáo."]
    return Section("1.", "Công tác lãnh đạo, chỉ đạo", 2, paragraphs, tables)


def _campaign_table(campaign) -> Table:
    rows = [
        [
            t.label,
            f"{wording.format_amount(t.target)} {t.unit}".strip(),
            f"{wording.format_amount(t.result)} {t.unit}".strip() if t.result is not None else "—",
            wording.pct(t.percent) if t.percent is not None else "—",
            wording.assessment(t.percent) or "—",
        ]
        for t in campaign.targets
    ]
    return Table(
        caption=wording.campaign_heading(campaign),
        header=["Chỉ tiêu", "Mục tiêu", "Kết quả", "Tỷ lệ so với chỉ tiêu", "Đánh giá"],
        rows=rows or [["Kế hoạch không đặt chỉ tiêu", "", "", "", ""]],
    )


def lower_first_word(text: str) -> str:
    """Continue a sentence after a colon: "Trong đợt …" → "trong đợt …" (a name keeps its case
    only if it is all capitals, like "UBND")."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() else wording.lower_first(text)


def _situation(figures: ReportFigures) -> Section:
    paragraphs = [
        p
        for p in (
            wording.tips_breakdown_sentence(figures),
            wording.cases_sentence(figures),
            wording.severity_sentence(figures),
            wording.consequences_sentence(figures),
            wording.social_evils_sentence(figures),
        )
        if p
    ]
    return Section(
        "2.",
        "Tình hình tội phạm, tệ nạn xã hội",
        2,
        paragraphs,
        [_comparison_table(figures), *_severity_table(figures)],
    )


def _severity_table(figures: ReportFigures) -> list[Table]:
    """Crimes that occurred by class, beside the previous year (BLHS 2015 Điều 9)."""
    rows = figures.crimes_by_severity
    if not rows:
        return []
    previous = sum(c.previous or 0 for c in rows)
    return [
        Table(
            caption="Phạm pháp hình sự xảy ra theo loại tội phạm (Điều 9 Bộ luật Hình sự 2015)",
            header=["Loại tội phạm", f"Năm {figures.previous_year}", f"Năm {figures.year}"],
            rows=[
                [
                    c.label[:1].upper() + c.label[1:],
                    format_number(c.previous or 0),
                    format_number(c.current),
                ]
                for c in rows
            ],
            total=[
                "Tổng cộng",
                format_number(previous),
                format_number(sum(c.current for c in rows)),
            ],
        )
    ]


def _comparison_table(figures: ReportFigures) -> Table:
    rows_spec = [
        ("Tin báo, tố giác tội phạm tiếp nhận", figures.tips_received),
        ("Vụ án hình sự khởi tố", figures.cases_opened),
        ("Vụ án điều tra khám phá", figures.cases_solved),
        ("Đối tượng bắt giữ", figures.arrested),
        ("Tin báo, tố giác liên quan đến ma túy", figures.drugs),
        ("Tin báo, tố giác liên quan đến cờ bạc", figures.gambling),
        ("Buổi tuyên truyền", figures.outreach_sessions),
        ("Lượt người tham dự tuyên truyền", figures.outreach_attendees),
    ]
    return Table(
        caption=f"So sánh với cùng kỳ năm {figures.previous_year}",
        header=[
            "Nội dung",
            f"Năm {figures.previous_year}",
            f"Năm {figures.year}",
            "Tăng (+), giảm (−)",
            "Tỷ lệ",
        ],
        rows=[[label, *_comparison_cells(figure)] for label, figure in rows_spec],
        # After a merger the previous year's column holds the predecessors' figures: say so.
        note=wording.merger_note(figures),
    )


def _comparison_cells(figure: Compared) -> list[str]:
    if figure.previous is None:
        return ["—", format_number(figure.current), "—", "—"]
    change = figure.current - figure.previous
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    rate = wording.percent_of(abs(change), figure.previous)
    return [
        format_number(figure.previous),
        format_number(figure.current),
        f"{sign}{format_number(abs(change))}",
        f"{sign}{wording.pct(rate)}" if rate is not None and change else "—",
    ]


def _results(figures: ReportFigures, targets: Targets) -> Section:
    paragraphs = [
        p
        for p in (
            wording.tips_sentence(figures),
            wording.settlement_sentence(figures),
            wording.grave_cases_sentence(figures),
            wording.targets_sentence(figures, targets.as_dict(), targets.source),
        )
        if p
    ]
    return Section(
        "3.",
        "Kết quả công tác phòng, chống tội phạm",
        2,
        paragraphs,
        _targets_table(figures, targets),
    )


def _targets_table(figures: ReportFigures, targets: Targets) -> list[Table]:
    """The district's rates beside the targets set for the year, judged in words."""
    given = targets.as_dict()
    rows = [
        [
            label,
            wording.pct(given[key]),
            wording.pct(rate) if rate is not None else "—",
            wording.target_assessment(rate, given[key]) or "—",
        ]
        for key, label, rate in wording.target_rates(figures)
        if given[key] is not None
    ]
    if not rows:
        return []
    caption = f"Kết quả so với chỉ tiêu cấp trên giao năm {figures.year}"
    if targets.source:
        caption += f" ({targets.source})"
    return [
        Table(caption=caption, header=["Nội dung", "Chỉ tiêu", "Kết quả", "Đánh giá"], rows=rows)
    ]


def _campaign_shortcomings(figures: ReportFigures) -> list[str]:
    """Each campaign's sơ kết names what fell short apart from its assessment: it is said here,
    in section II, under the campaign's name (its assessment stays in section I)."""
    paragraphs = []
    for campaign in figures.campaigns:
        said = paragraphs_of(campaign.shortcomings_text)
        if said:
            paragraphs.append(f"Qua sơ kết “{campaign.title}”: {lower_first_word(said[0])}")
            paragraphs.extend(said[1:])
    return paragraphs


def _causes(text: str) -> list[str]:
    """The causes follow the shortcomings in section II, headed "* Nguyên nhân:"."""
    causes = paragraphs_of(text)
    if not causes:
        return []
    return [f"* Nguyên nhân: {lower_first_word(causes[0])}", *causes[1:]]


def _proposals(text: str) -> list[Section]:
    paragraphs = paragraphs_of(text)
    if not paragraphs:
        return []
    return [Section("IV.", "KIẾN NGHỊ, ĐỀ XUẤT", paragraphs=paragraphs)]


def _movement(figures: ReportFigures) -> Section:
    paragraphs = wording.movement_sentences(figures)
    size = wording.models_size_sentence(figures)
    if size:
        paragraphs.insert(1, size)
    public = wording.public_tips_sentence(figures)
    if public:
        paragraphs.append(public)
    outreach = wording.outreach_sentence(figures)
    if outreach:
        paragraphs.append(outreach)
    tables = []
    if figures.models_by_type:
        tables.append(
            Table(
                caption="Mô hình tự quản về ANTT theo loại",
                header=["Loại mô hình", "Số mô hình"],
                rows=[[c.label, format_number(c.current)] for c in figures.models_by_type],
                total=["Tổng cộng", format_number(figures.models_total)],
            )
        )
    return Section("4.", "Phong trào toàn dân bảo vệ an ninh Tổ quốc", 2, paragraphs, tables)


def _agency(figures: ReportFigures) -> list[Section]:
    paragraphs = wording.agency_sentences(figures)
    if not paragraphs:
        return []
    return [Section("5.", "Số liệu các cơ quan cung cấp", 2, paragraphs)]


def _appendix_tables(figures: ReportFigures) -> list[Table]:
    if not figures.communes:
        return []
    rows = figures.communes
    tips = Table(
        caption="Bảng 1. Tin báo, tố giác tội phạm và vụ án theo xã, thị trấn",
        header=[
            "Xã, thị trấn",
            f"Tin báo năm {figures.previous_year}",
            f"Tin báo năm {figures.year}",
            "Đã giải quyết",
            "Quá hạn",
            "Vụ án khởi tố",
            "Điều tra khám phá",
            "Bắt giữ",
        ],
        rows=[
            [
                r.commune,
                *map(
                    format_number,
                    (
                        r.tips_received_previous,
                        r.tips_received,
                        r.tips_settled,
                        r.tips_overdue,
                        r.cases_opened,
                        r.cases_solved,
                        r.arrested,
                    ),
                ),
            ]
            for r in rows
        ],
        total=_total_row(
            rows,
            (
                "tips_received_previous",
                "tips_received",
                "tips_settled",
                "tips_overdue",
                "cases_opened",
                "cases_solved",
                "arrested",
            ),
        ),
    )
    movement = Table(
        caption="Bảng 2. Mô hình tự quản về ANTT và tuyên truyền theo xã, thị trấn",
        header=[
            "Xã, thị trấn",
            "Mô hình",
            "Xây dựng mới",
            "Lâu không cập nhật",
            "Buổi tuyên truyền",
            "Lượt người tham dự",
        ],
        rows=[
            [
                r.commune,
                *map(
                    format_number,
                    (
                        r.models_total,
                        r.models_new,
                        r.models_gone_quiet,
                        r.outreach_sessions,
                        r.outreach_attendees,
                    ),
                ),
            ]
            for r in rows
        ],
        total=_total_row(
            rows,
            (
                "models_total",
                "models_new",
                "models_gone_quiet",
                "outreach_sessions",
                "outreach_attendees",
            ),
        ),
    )
    return [tips, movement]


def _total_row(rows, attributes) -> list[str]:
    return ["Tổng cộng", *(format_number(sum(getattr(r, a) for r in rows)) for a in attributes)]


def charts_for(figures: ReportFigures) -> list[Chart]:
    charts = []
    year, previous = str(figures.year), str(figures.previous_year)
    if figures.communes:
        charts.append(
            Chart(
                "Tin báo, tố giác tội phạm theo xã, thị trấn",
                categories=tuple(r.commune for r in figures.communes),
                series=(
                    (f"Năm {previous}", tuple(r.tips_received_previous for r in figures.communes)),
                    (f"Năm {year}", tuple(r.tips_received for r in figures.communes)),
                ),
            )
        )
    pairs = [
        ("Tin báo tiếp nhận", figures.tips_received),
        ("Vụ án khởi tố", figures.cases_opened),
        ("Điều tra khám phá", figures.cases_solved),
        ("Đối tượng bắt giữ", figures.arrested),
        ("Buổi tuyên truyền", figures.outreach_sessions),
    ]
    charts.append(
        Chart(
            f"So sánh năm {year} với cùng kỳ năm {previous}",
            categories=tuple(label for label, _f in pairs),
            series=(
                (f"Năm {previous}", tuple(f.previous or 0 for _l, f in pairs)),
                (f"Năm {year}", tuple(f.current for _l, f in pairs)),
            ),
        )
    )
    return charts
