"""After the 2025 reform (issue 20): a 2025 report compares with 2024, when its communes did not
yet exist — a predecessor's figures are counted under its successor, and a note says so."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ban138.demo import REFORM_DATE, REFORM_RESOLUTION, seed_reform
from ban138.models import AdministrativeUnit, UnitKind
from ban138.succession import Part, record_succession
from reports import wording
from reports.compile import compile_report
from reports.document import DraftText, Letterhead, build_document
from tests.tips.factories import local, make_tip

TODAY = dt.date(2026, 2, 1)
KHANH_SON_NOTE = (
    "Ghi chú: Từ ngày 01/07/2025, thị trấn Tô Hạp, xã Sơn Hiệp và xã Sơn Bình được sắp xếp "
    "thành xã Khánh Sơn (Nghị quyết số 1667/NQ-UBTVQH15); số liệu năm 2024 và từ ngày "
    "01/01/2025 đến ngày 30/06/2025 của các đơn vị này được tính vào xã Khánh Sơn."
)


@pytest.fixture
def new(district):
    return seed_reform(district)


@pytest.fixture
def filed(new, officer, commune):
    """Tips filed as they were received: under the old units until 30/6/2025, then the new."""
    old = {name: commune(name) for name in ("Tô Hạp", "Sơn Hiệp", "Sơn Bình", "Sơn Lâm")}
    for name, count in (("Tô Hạp", 1), ("Sơn Hiệp", 1), ("Sơn Bình", 2), ("Sơn Lâm", 5)):
        for i in range(count):
            make_tip(by=officer, commune=old[name], received_at=local(2024, 3 + i, 10))
    make_tip(by=officer, commune=old["Sơn Bình"], received_at=local(2025, 3, 2))
    for day in (5, 6):
        make_tip(by=officer, commune=new["Khánh Sơn"], received_at=local(2025, 9, day))
    make_tip(by=officer, commune=new["Tây Khánh Sơn"], received_at=local(2025, 10, 1))
    return new


def test_the_2025_report_of_xa_khanh_son_compares_with_its_predecessors_2024(filed):
    figures = compile_report(year=2025, unit=filed["Khánh Sơn"], today=TODAY)
    # 2025: Sơn Bình's tip of March and the new commune's two; 2024: Tô Hạp 1 + Sơn Hiệp 1 +
    # Sơn Bình 2 (Sơn Lâm's five belong to Tây Khánh Sơn).
    assert (figures.tips_received.current, figures.tips_received.previous) == (3, 4)
    assert wording.tips_sentence(figures).endswith(
        "tiếp nhận 03 tin báo, tố giác tội phạm; giảm 01 tin (25\u00a0%) so với cùng kỳ năm 2024."
    )
    assert wording.merger_note(figures) == KHANH_SON_NOTE


def test_the_comparison_table_prints_the_grouped_year_with_the_note(filed):
    figures = compile_report(year=2025, unit=filed["Khánh Sơn"], today=TODAY)
    document = build_document(figures, Letterhead(), DraftText())
    table = next(t for s in document.sections for t in s.tables if "cùng kỳ" in t.caption)
    assert table.rows[0][:3] == ["Tin báo, tố giác tội phạm tiếp nhận", "4", "3"]
    assert table.note == KHANH_SON_NOTE


def test_the_province_table_has_the_three_new_communes_with_their_predecessors_figures(
    filed, district
):
    province = district.parent
    figures = compile_report(year=2025, unit=province, today=TODAY)
    rows = {r.commune: (r.tips_received_previous, r.tips_received) for r in figures.communes}
    assert rows == {
        "Xã Khánh Sơn": (4, 3),
        "Xã Tây Khánh Sơn": (5, 1),
        "Xã Đông Khánh Sơn": (0, 0),
    }
    document = build_document(figures, Letterhead(), DraftText())
    assert document.appendix_note.startswith("Ghi chú: Từ ngày 01/07/2025, thị trấn Tô Hạp")
    assert "xã Sơn Lâm và xã Thành Sơn được sắp xếp thành xã Tây Khánh Sơn" in (
        document.appendix_note
    )
    assert document.appendix_tables[0].total[1:3] == ["9", "4"]


def test_a_report_of_2024_keeps_the_eight_units_and_says_nothing_of_the_reform(filed, district):
    figures = compile_report(year=2024, unit=district, today=TODAY)
    assert len(figures.communes) == 8
    assert {r.commune: r.tips_received for r in figures.communes}["Xã Sơn Lâm"] == 5
    assert figures.mergers == []
    assert build_document(figures, Letterhead(), DraftText()).appendix_note == ""


def test_a_2026_report_still_names_the_first_half_of_2025(filed):
    figures = compile_report(year=2026, unit=filed["Khánh Sơn"], today=dt.date(2027, 1, 15))
    (merger,) = figures.mergers
    assert merger.counted == [(dt.date(2025, 1, 1), dt.date(2025, 6, 30))]
    assert "số liệu từ ngày 01/01/2025 đến ngày 30/06/2025 của các đơn vị này" in (
        wording.merger_note(figures)
    )
    assert figures.tips_received.previous == 3  # Sơn Bình's March tip and the two of September
    # Year to date: the compared stretch is the same days of 2025, all before the change.
    to_date = compile_report(year=2026, unit=filed["Khánh Sơn"], today=dt.date(2026, 3, 2))
    assert to_date.mergers[0].counted == [(dt.date(2025, 1, 1), dt.date(2025, 3, 2))]
    assert to_date.tips_received.previous == 1


LIEN_HOA_NOTE = (
    "Từ ngày 01/07/2025, thôn Liên Hòa của xã Sơn Bình được chuyển về xã Tây Khánh Sơn "
    "(Nghị quyết số 1667/NQ-UBTVQH15); số liệu năm 2024 và từ ngày 01/01/2025 đến ngày "
    "30/06/2025 về tin báo, tố giác tội phạm, vụ án và mô hình tự quản về ANTT ở thôn Liên Hòa "
    "được tính vào xã Tây Khánh Sơn, số liệu nhập theo xã (tuyên truyền, kết quả đợt cao điểm, "
    "số liệu các cơ quan cung cấp) vẫn tính cho xã Sơn Bình."
)


@pytest.fixture
def in_part(filed, son_binh, lien_hoa, officer):
    """Thôn Liên Hòa of Sơn Bình passes to Tây Khánh Sơn (a partial succession, invented), the
    rest of Sơn Bình wholly to Khánh Sơn; Liên Hòa has two tips of 2024, one of May 2025 and a
    model, Sơn Bình an outreach session of 2024 (entered per commune, no village)."""
    from tests.campaigns.factories import OutreachFactory
    from tests.models_registry.factories import make_model

    record_succession(
        successor=filed["Tây Khánh Sơn"],
        effective_date=REFORM_DATE,
        resolution=REFORM_RESOLUTION,
        parts=[Part(son_binh, villages=(lien_hoa,))],
    )
    for month in (4, 5):
        make_tip(by=officer, commune=son_binh, village=lien_hoa, received_at=local(2024, month, 1))
    make_tip(by=officer, commune=son_binh, village=lien_hoa, received_at=local(2025, 5, 2))
    make_model(son_binh, (dt.date(2024, 3, 1), "hieu_qua"), village=lien_hoa)
    OutreachFactory(commune=son_binh, held_on=dt.date(2024, 6, 1), attendees=40)
    return filed


def test_a_village_moved_in_part_takes_its_figures_before_the_change_to_its_new_commune(in_part):
    west = compile_report(year=2025, unit=in_part["Tây Khánh Sơn"], today=TODAY)
    # 2024: Sơn Lâm's five and Liên Hòa's two; 2025: Liên Hòa's May tip and Tây Khánh Sơn's own.
    assert (west.tips_received.current, west.tips_received.previous) == (2, 7)
    assert west.models_total == 1
    assert west.outreach_sessions.previous == 0  # Sơn Bình's session has no village: it stays
    assert LIEN_HOA_NOTE in wording.merger_note(west)
    # Khánh Sơn, formed from the rest of Sơn Bình, counts none of Liên Hòa's and says why.
    centre = compile_report(year=2025, unit=in_part["Khánh Sơn"], today=TODAY)
    assert (centre.tips_received.current, centre.tips_received.previous) == (3, 4)
    assert (centre.models_total, centre.outreach_sessions.previous) == (0, 1)
    assert wording.merger_note(centre) == f"{KHANH_SON_NOTE} {LIEN_HOA_NOTE}"


def test_the_province_table_moves_a_village_passed_in_part_to_its_new_commune(in_part, district):
    figures = compile_report(year=2025, unit=district.parent, today=TODAY)
    rows = {
        r.commune: (r.tips_received_previous, r.tips_received, r.models_total, r.outreach_sessions)
        for r in figures.communes
    }
    assert rows == {
        "Xã Khánh Sơn": (4, 3, 0, 0),
        "Xã Tây Khánh Sơn": (7, 2, 1, 0),
        "Xã Đông Khánh Sơn": (0, 0, 0, 0),
    }
    assert (figures.tips_received.previous, figures.tips_received.current) == (11, 5)
    assert LIEN_HOA_NOTE in build_document(figures, Letterhead(), DraftText()).appendix_note


def _province(n: int, *, officer) -> AdministrativeUnit:
    """A province whose district's 2n communes became n communes on 1/7/2025, each with tips
    in 2024 (under the old) and 2025 (under the new); the first old commune of each new one
    gives, in part, a village to the next new commune — the first of them with a tip of 2024."""
    from ban138.committee import CommitteeLevel
    from ban138.models import CommitteeProfile

    province = AdministrativeUnit.objects.create(kind=UnitKind.PROVINCE, name=f"Thử {n}")
    # The province's committee: records are filed only inside its area (ban138/filing.py).
    profile = CommitteeProfile.current()
    profile.district, profile.level = province, CommitteeLevel.PROVINCE
    profile.save()
    district = AdministrativeUnit.objects.create(
        kind=UnitKind.DISTRICT, name="Huyện", parent=province
    )
    news, villages = [], []
    for i in range(n):
        new = AdministrativeUnit.objects.create(
            kind=UnitKind.COMMUNE, name=f"Mới {i}", parent=province, established_on=REFORM_DATE
        )
        old = [
            AdministrativeUnit.objects.create(
                kind=UnitKind.COMMUNE, name=f"Cũ {i}-{j}", parent=district
            )
            for j in range(2)
        ]
        record_succession(
            successor=new,
            effective_date=REFORM_DATE,
            resolution=REFORM_RESOLUTION,
            parts=[Part(o) for o in old],
        )
        for o in old:
            make_tip(by=officer, commune=o, received_at=local(2024, 5, 1))
        make_tip(by=officer, commune=new, received_at=local(2025, 8, 1))
        village = AdministrativeUnit.objects.create(
            kind=UnitKind.VILLAGE, name=f"Thôn {i}", parent=old[0]
        )
        if i == 0:
            make_tip(by=officer, commune=old[0], village=village, received_at=local(2024, 5, 2))
        news.append(new)
        villages.append(village)
    for i, village in enumerate(villages):
        record_succession(
            successor=news[(i + 1) % n],
            effective_date=REFORM_DATE,
            resolution=REFORM_RESOLUTION,
            parts=[Part(village.parent, villages=(village,))],
        )
    return province


def _queries(unit) -> int:
    compile_report(year=2025, unit=unit, today=TODAY)  # fills the cached succession table
    with CaptureQueriesContext(connection) as captured:
        figures = compile_report(year=2025, unit=unit, today=TODAY)
    # Each row: its two old communes' tips; "Mới 1" also the tip of the village it received.
    previous = {r.commune: r.tips_received_previous for r in figures.communes}
    assert previous.pop("Xã Mới 1") == 3
    assert set(previous.values()) == {2} and all(r.tips_received == 1 for r in figures.communes)
    return len(captured.captured_queries)


def test_the_province_report_query_count_does_not_grow_with_the_number_of_communes(officer):
    small = _queries(_province(3, officer=officer))
    large = _queries(_province(12, officer=officer))
    assert small == large


def test_the_note_is_printed_in_the_pdf_and_the_docx_under_the_tables():
    import io

    from docx import Document

    from reports.figures import Merger
    from reports.rendering import render_docx, render_report_pdf
    from tests.reports.pdf_checks import normalised, pdf_text
    from tests.reports.samples import DRAFT, LETTERHEAD, sample_figures

    merger = Merger(
        successor="xã Khánh Sơn",
        parts=["thị trấn Tô Hạp", "xã Sơn Hiệp", "xã Sơn Bình"],
        effective_date=REFORM_DATE,
        resolution=REFORM_RESOLUTION,
        formed=True,
        counted=[(dt.date(2024, 1, 1), dt.date(2024, 12, 31))],
    )
    document = build_document(sample_figures(mergers=[merger]), LETTERHEAD, DRAFT)
    note = wording.merger_note(sample_figures(mergers=[merger]))
    assert note.startswith("Ghi chú: Từ ngày 01/07/2025, thị trấn Tô Hạp, xã Sơn Hiệp và xã")
    assert normalised(pdf_text(render_report_pdf({"document": document}))).count(
        normalised(note)
    ) == 2  # under the comparison table and under the appendix's subtitle
    word = Document(io.BytesIO(render_docx({"document": document})))
    assert [p.text for p in word.paragraphs].count(note) == 2
