"""What a real district tổng kết holds beyond the workflow's figures (issue 16): crimes that
occurred by class with their consequences, the grave cases' solved rate, the tips the public
supplied and those that proved valuable, the models' points/teams/members, causes, proposals,
and the targets set by higher levels. Each figure equals a count made here by hand over the
demo data, independently of the queries."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from models_registry.models import SecurityModel, Status, StatusCheck
from reports.compile import compile_report
from reports.document import DraftText, Targets, build_document
from reports.models import ReportDraft
from reports.services import draft_text
from reports.wording import target_assessment, target_rates
from tests.reports.samples import DRAFT, LETTERHEAD, sample_figures
from tips.models import Case, CrimeSeverity, Tip, TipKind, TipState

TODAY = dt.date(2021, 12, 31)
YEARS = [2019, 2020, 2021]


def _cases_opened(year):
    return [c for c in Case.objects.select_related("tip") if c.opened_on.year == year]


@pytest.mark.parametrize("year", YEARS)
def test_crimes_by_class_and_their_consequences_equal_a_hand_count(demo, year):
    figures = compile_report(year=year, unit=demo, today=TODAY)
    cases = _cases_opened(year)
    assert cases and all(c.severity for c in cases), "the demo classifies every case"
    by_label = {c.label: c.current for c in figures.crimes_by_severity}
    for severity in CrimeSeverity:
        count = sum(c.severity == severity for c in cases)
        assert by_label.get(str(severity.label).lower(), 0) == count, severity
    assert sum(by_label.values()) == len(cases) == figures.cases_opened.current
    assert figures.crime_deaths == sum(c.deaths for c in cases)
    assert figures.crime_injuries == sum(c.injuries for c in cases)
    assert figures.crime_damage == sum(c.damage for c in cases)
    assert figures.crime_injuries and figures.crime_damage, "the demo has consequences each year"
    grave = [c for c in cases if c.severity in ("rat_nghiem_trong", "dac_biet_nghiem_trong")]
    end = dt.date(year, 12, 31)
    assert figures.grave_opened == len(grave) > 0
    assert figures.grave_opened_solved == sum(
        bool(c.solved_on and c.solved_on <= end) for c in grave
    )


@pytest.mark.parametrize("year", YEARS)
def test_tips_from_the_public_and_the_valuable_ones_equal_a_hand_count(demo, year):
    figures = compile_report(year=year, unit=demo, today=TODAY)
    tips = [
        t
        for t in Tip.objects.exclude(state=TipState.MERGED)
        if t.received_at.astimezone(dt.timezone(dt.timedelta(hours=7))).year == year
    ]
    public = [t for t in tips if not t.sender_agency and t.kind != TipKind.PROSECUTION_REQUEST]
    assert figures.tips_from_public.current == len(public) > 0
    assert figures.tips_valuable == sum(t.state == TipState.PROSECUTED for t in public)
    assert 0 < figures.tips_valuable <= figures.tips_from_public.current


@pytest.mark.parametrize("year", YEARS)
def test_the_models_points_teams_and_members_equal_a_hand_count(demo, year):
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # A check in the year that changed a model's size counts; one after the year does not.
    model = SecurityModel.objects.filter(established_on__lt=start).order_by("pk").first()
    for day, grown in ((dt.date(year, 12, 31), 7), (dt.date(year + 1, 1, 1), 100)):
        StatusCheck.objects.create(
            model=model,
            checked_on=day,
            status=Status.EFFECTIVE,
            places=model.places + 1,
            teams=model.teams + 2,
            members=model.members + grown,
        )
    figures = compile_report(year=year, unit=demo, today=TODAY)
    totals = {"places": 0, "teams": 0, "members": 0}
    counted = 0
    for model in SecurityModel.objects.prefetch_related("checks"):
        if model.established_on > end:
            continue
        checks = sorted(model.checks.all(), key=lambda c: (c.checked_on, c.pk))
        before = [c for c in checks if c.checked_on < start]
        if before and before[-1].status == Status.STOPPED:
            continue
        counted += 1
        by_end = [c for c in checks if c.checked_on <= end]
        source = by_end[-1] if by_end else model
        for name in totals:
            totals[name] += getattr(source, name)
    assert counted == figures.models_total > 0
    assert (figures.models_places, figures.models_teams, figures.models_members) == (
        totals["places"],
        totals["teams"],
        totals["members"],
    )
    assert figures.models_members > 0


@pytest.mark.parametrize("year", YEARS)
def test_no_rate_of_the_new_sections_passes_100_percent(demo, year):
    figures = compile_report(year=year, unit=demo, today=TODAY)
    for _key, label, rate in target_rates(figures):
        assert rate is None or 0 <= rate <= 100, label


def _demo_document(district, today=dt.date(2021, 3, 10)):
    draft = ReportDraft.objects.get(year=2020, unit=district)
    figures = compile_report(year=2020, unit=draft.unit, today=today)
    return figures, build_document(figures, LETTERHEAD, draft_text(draft))


def test_the_2020_demo_report_says_every_new_figure(demo):
    figures, document = _demo_document(demo)
    text = " ".join(p for s in document.sections for p in s.paragraphs)
    classes = [c for c in figures.crimes_by_severity if c.current]
    assert "Phân theo loại tội phạm (Điều 9 Bộ luật Hình sự năm 2015)" in text
    for c in classes:
        assert f"{c.label} {c.current:02d} vụ" in text
    assert f"làm bị thương {figures.crime_injuries:02d} người" in text
    assert f"Quần chúng Nhân dân đã cung cấp {figures.tips_from_public.current} tin báo" in text
    assert f"có {figures.tips_valuable:02d} tin có giá trị" in text
    assert f"khởi tố {figures.grave_opened:02d} vụ" in text
    assert f"gồm {figures.models_places:02d} điểm" in text
    assert "Đối chiếu chỉ tiêu cấp trên giao năm 2020 (chỉ tiêu Quốc hội giao): tỷ lệ" in text
    assert "(nguồn: Công an huyện)" in text, "gangs dismantled, with their source"
    assert "vụ mại dâm" in text
    assert "cơ quan, doanh nghiệp, nhà trường" in text
    [shortcomings] = [s for s in document.sections if s.number == "II."]
    assert any(p.startswith("* Nguyên nhân: địa bàn huyện rộng") for p in shortcomings.paragraphs)
    assert document.sections[-1].number == "IV." and document.sections[-1].paragraphs
    assert _deepest_parenthesis(text) == 1, "no nested parentheses"


def _deepest_parenthesis(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


def test_the_demo_tables_show_the_classes_and_the_targets(demo):
    figures, document = _demo_document(demo)
    tables = {t.caption: t for s in document.sections for t in s.tables}
    severity = tables["Phạm pháp hình sự xảy ra theo loại tội phạm (Điều 9 Bộ luật Hình sự 2015)"]
    assert severity.total[2] == str(figures.cases_opened.current)
    [targets] = [
        t for caption, t in tables.items() if caption.startswith("Kết quả so với chỉ tiêu")
    ]
    assert [row[1] for row in targets.rows] == ["75\u00a0%", "90\u00a0%", "90\u00a0%"]
    for (_key, _label, rate), row in zip(target_rates(figures), targets.rows, strict=True):
        assert row[3] == (
            "đạt" if rate >= {"75\u00a0%": 75, "90\u00a0%": 90}[row[1]] else "chưa đạt"
        )


def test_a_rate_reaching_its_target_is_met_and_one_below_is_not():
    assert target_assessment(Decimal(90), Decimal("90.00")) == "đạt"
    assert target_assessment(Decimal("89.9"), 90) == "chưa đạt"
    assert target_assessment(None, 90) == ""


def test_a_rate_below_its_target_reads_chua_dat_in_the_text_and_table():
    figures = replace(sample_figures(), grave_opened=4, grave_opened_solved=3)
    targets = Targets(grave_solved_rate=Decimal(90), source="Kế hoạch số 01/KH-BCĐ138")
    document = build_document(figures, LETTERHEAD, replace(DRAFT, targets=targets))
    [results] = [s for s in document.sections if s.number == "3."]
    text = " ".join(results.paragraphs)
    assert "đạt tỷ lệ 75\u00a0%" in text
    assert "đặc biệt nghiêm trọng đạt 75\u00a0%, chỉ tiêu 90\u00a0% — chưa đạt" in text
    [table] = results.tables
    assert table.rows == [
        [
            "Tỷ lệ điều tra khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng",
            "90\u00a0%",
            "75\u00a0%",
            "chưa đạt",
        ]
    ]
    assert "(Kế hoạch số 01/KH-BCĐ138)" in table.caption


def test_without_targets_causes_or_proposals_nothing_of_them_is_printed():
    document = build_document(sample_figures(), LETTERHEAD, DraftText(shortcomings="x", tasks="y"))
    assert [s.number for s in document.sections][-2:] == ["II.", "III."]
    text = " ".join(p for s in document.sections for p in s.paragraphs)
    assert "chỉ tiêu" not in text and "Nguyên nhân" not in text


def test_the_docx_carries_the_new_sections_and_tables(demo):
    import io

    from docx import Document

    from reports.rendering import render_docx

    figures, document = _demo_document(demo)
    word = Document(io.BytesIO(render_docx({"document": document, "figures": figures})))
    paragraphs = [p.text for p in word.paragraphs]
    assert "IV. KIẾN NGHỊ, ĐỀ XUẤT" in paragraphs
    assert any(p.startswith("* Nguyên nhân:") for p in paragraphs)
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert {
        "Rất nghiêm trọng",
        "chưa đạt",
        "Tỷ lệ giải quyết tin báo, tố giác về tội phạm",
    } <= cells


@pytest.mark.parametrize("year", YEARS)
def test_the_agency_figures_of_a_year_are_those_of_the_communes_of_that_year(demo, year):
    """A commune set up by the 2025 reform has no 2019–2021 figures: the communes the text counts
    are the appendix's rows."""
    figures = compile_report(year=year, unit=demo, today=TODAY)
    assert figures.agency.communes_reported == len(figures.communes)
