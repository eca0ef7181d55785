"""The rendered document: PDF (WeasyPrint), DOCX and the SVG charts, from hand-built figures."""

import io
from dataclasses import replace

import pytest
from docx import Document

from reports.charts import render_svg_chart
from reports.document import build_document
from reports.rendering import render_document_html, render_docx, render_report_pdf
from tests.reports.pdf_checks import fonts_of, is_nfc, normalised, page_sizes_mm, pdf_text
from tests.reports.samples import DRAFT, LETTERHEAD, empty_figures, sample_figures

HEADINGS = [
    "I. KẾT QUẢ THỰC HIỆN NĂM 2020",
    "1. Công tác lãnh đạo, chỉ đạo",
    "2. Tình hình tội phạm, tệ nạn xã hội",
    "3. Kết quả công tác phòng, chống tội phạm",
    "4. Phong trào toàn dân bảo vệ an ninh Tổ quốc",
    "II. TỒN TẠI, HẠN CHẾ",
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2021",
]


@pytest.fixture(scope="module")
def sample_pdf():
    document = build_document(sample_figures(), LETTERHEAD, DRAFT)
    return render_report_pdf({"document": document})


def test_pdf_text_has_the_header_title_outstanding_models_and_signature(sample_pdf):
    raw = pdf_text(sample_pdf)
    text = normalised(raw)
    for line in [
        "UBND HUYỆN KHÁNH SƠN",
        "BAN CHỈ ĐẠO 138",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/BC-BCĐ138",
        "Khánh Sơn, ngày 10 tháng 3 năm 2021",
        "BÁO CÁO",
        "Nơi nhận:",
        "TRƯỞNG BAN",
        "Nguyễn Văn Nhuận",
        "đạt 94,7 %",
    ]:
        assert line in text, line
    for name, commune in [
        ("Gương sáng", "xã Sơn Lâm"),
        ("Giáo họ tự quản về ANTT", "xã Sơn Trung"),
        ("Thôn tự quản về ANTT", "xã Sơn Hiệp"),
    ]:
        assert f"mô hình “{name}” {commune}" in text
    assert is_nfc(raw)
    assert "\ufffd" not in raw


def test_pdf_has_every_numbered_section(sample_pdf):
    text = normalised(pdf_text(sample_pdf))
    for heading in HEADINGS:
        assert heading in text


def test_every_font_in_the_pdf_is_the_bundled_liberation_serif_embedded(sample_pdf):
    fonts = fonts_of(sample_pdf)
    assert fonts
    for name, embedded in fonts:
        assert "+Liberation-Serif" in name, name
        assert embedded, name


def test_pdf_pages_are_a4(sample_pdf):
    assert page_sizes_mm(sample_pdf) == {(210, 297)}


def test_page_numbers_start_on_page_two(sample_pdf):
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(sample_pdf)).pages
    assert len(pages) >= 3
    lines = [{line.strip() for line in page.extract_text().splitlines()} for page in pages]
    assert "1" not in lines[0]
    for number, page_lines in enumerate(lines[1:], start=2):
        assert str(number) in page_lines


def test_recipients_and_signature_are_on_the_same_page(sample_pdf):
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(sample_pdf)).pages]
    holding = [i for i, text in enumerate(pages) if "Nơi nhận:" in text]
    assert holding and all("TRƯỞNG BAN" in pages[i] for i in holding)


def test_narrative_is_escaped_not_injected():
    draft = replace(DRAFT, shortcomings='<b>đậm</b><img src="x"> & <script>alert(1)</script>')
    document = build_document(sample_figures(), LETTERHEAD, draft)
    html = render_document_html({"document": document}, for_print=True)
    assert "<script>alert" not in html
    assert "&lt;b&gt;đậm&lt;/b&gt;" in html
    text = normalised(pdf_text(render_report_pdf({"document": document})))
    assert "<b>đậm</b>" in text


def test_a_year_without_data_still_prints_and_says_so():
    document = build_document(empty_figures(), LETTERHEAD, DRAFT)
    text = normalised(pdf_text(render_report_pdf({"document": document})))
    assert "chưa ghi nhận số liệu" in text
    assert "TRƯỞNG BAN" in text


def test_docx_carries_the_same_headings_header_and_signature():
    document = build_document(sample_figures(), LETTERHEAD, DRAFT)
    word = Document(io.BytesIO(render_docx({"document": document})))
    paragraphs = [p.text for p in word.paragraphs]
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    for heading in HEADINGS:
        assert heading in paragraphs
    everything = "\n".join(paragraphs + cells)
    for line in [
        "BAN CHỈ ĐẠO 138",
        "Độc lập - Tự do - Hạnh phúc",
        "Nơi nhận:",
        "TRƯỞNG BAN",
        "Số: 15/BC-BCĐ138",
        "BÁO CÁO",
        "mô hình “Gương sáng” xã Sơn Lâm",
    ]:
        assert line in everything, line
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


def test_chart_is_vector_svg_with_escaped_labels():
    svg = render_svg_chart(
        title="Tin báo <theo> xã",
        categories=["Xã Sơn Bình", "Xã <b>"],
        series=[("Năm 2019", [3, 0]), ("Năm 2020", [1234, 2])],
    )
    assert svg.startswith("<svg")
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    assert "1.234" in svg
    assert svg.count("<rect") == 4 + 2  # bars + legend


def test_chart_without_categories_is_empty():
    assert render_svg_chart(title="x", categories=[], series=[("a", [])]) == ""


def _word_of(document):
    return Document(io.BytesIO(render_docx({"document": document})))


def test_docx_breaks_the_page_before_the_appendix_and_nowhere_else():
    from docx.oxml.ns import qn

    word = _word_of(build_document(sample_figures(), LETTERHEAD, DRAFT))
    breaking = [p.text for p in word.paragraphs if p.paragraph_format.page_break_before]
    assert breaking == ["PHỤ LỤC"]
    hard_breaks = word.element.body.findall(".//" + qn("w:br"))
    assert not [b for b in hard_breaks if b.get(qn("w:type")) == "page"]
    # The signature follows the closing paragraph directly: the closing block is the table
    # right after it, on the same page unless the text fills it.
    body = list(word.element.body)
    closing = next(
        i
        for i, el in enumerate(body)
        if el.tag == qn("w:p") and "Trên đây" in ("".join(el.itertext()))
    )
    assert body[closing + 1].tag == qn("w:tbl")
    assert "TRƯỞNG BAN" in "".join(body[closing + 1].itertext())


def test_docx_letterhead_grid_matches_its_cell_widths_in_a_fixed_layout():
    from docx.oxml.ns import qn

    letterhead = _word_of(build_document(sample_figures(), LETTERHEAD, DRAFT)).tables[0]
    grid = [int(c.get(qn("w:w"))) for c in letterhead._tbl.tblGrid.findall(qn("w:gridCol"))]
    for row in letterhead.rows:
        assert [cell.width.twips for cell in row.cells] == grid
    layout = letterhead._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"
    assert sum(grid) <= 165 * 1440 / 25.4 + 1  # the text width: 210 − 30 − 15 mm


def test_docx_section_titles_use_heading_styles():
    word = _word_of(build_document(sample_figures(), LETTERHEAD, DRAFT))
    styles = {p.text: p.style.name for p in word.paragraphs}
    assert styles["I. KẾT QUẢ THỰC HIỆN NĂM 2020"] == "Heading 1"
    assert styles["1. Công tác lãnh đạo, chỉ đạo"] == "Heading 2"


def test_the_signature_block_holds_the_title_and_the_name_only():
    document = build_document(sample_figures(), LETTERHEAD, DRAFT)
    word = _word_of(document)
    signature = [
        p.text
        for p in word.tables[-1 - len(document.appendix_tables)].rows[0].cells[1].paragraphs
        if p.text
    ]
    assert signature == ["TRƯỞNG BAN", LETTERHEAD.signer_name]
    text = normalised(pdf_text(render_report_pdf({"document": document})))
    assert LETTERHEAD.signer_title not in text


def test_the_appendix_says_which_report_it_belongs_to():
    document = build_document(sample_figures(), LETTERHEAD, DRAFT)
    assert document.appendix_subtitle == (
        "(Kèm theo Báo cáo số 15/BC-BCĐ138 ngày 10/03/2021 của Ban Chỉ đạo 138 huyện Khánh Sơn)"
    )


def test_docx_carries_each_chart_of_the_pdf_as_a_picture_in_the_appendix():
    from docx.oxml.ns import qn
    from PIL import Image

    document = build_document(sample_figures(), LETTERHEAD, DRAFT)
    assert len(document.charts) == 2
    word = _word_of(document)
    described = [
        element.get("descr")
        for element in word.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert described == [chart.title for chart in document.charts]
    # Each picture comes after the PHỤ LỤC heading, as the PDF's charts close its appendix.
    body = list(word.element.body)
    appendix = next(i for i, el in enumerate(body) if "".join(el.itertext()).startswith("PHỤ LỤC"))
    pictures = [i for i, el in enumerate(body) if el.findall(".//" + qn("w:drawing"))]
    assert pictures and min(pictures) > appendix
    # The picture shows the bars: the reported year's dark red and the earlier year's grey.
    image = Image.open(io.BytesIO(document.charts[1].png())).convert("RGB")
    colours = {colour for _count, colour in image.getcolors(maxcolors=1 << 16)}
    assert (0x7F, 0x1D, 0x1D) in colours and (0x9C, 0xA3, 0xAF) in colours


def test_a_chart_png_is_the_same_bytes_on_every_render():
    from reports.charts import render_png_chart

    series = [("Năm 2019", [3, 5]), ("Năm 2020", [4, 10])]
    first = render_png_chart(title="Tin báo", categories=["Sơn Bình", "Tô Hạp"], series=series)
    again = render_png_chart(title="Tin báo", categories=["Sơn Bình", "Tô Hạp"], series=series)
    assert first == again and first.startswith(b"\x89PNG")
    assert render_png_chart(title="x", categories=[], series=[("a", [])]) == b""


def test_the_docx_opened_in_libreoffice_keeps_the_quoc_hieu_on_one_line_and_the_appendix_apart(
    tmp_path,
):
    """The report as a Word user sees it: LibreOffice's layout, read back line by line."""
    from tests import office

    document = build_document(sample_figures(), LETTERHEAD, DRAFT)
    pdf = office.docx_as_pdf(render_docx({"document": document}), tmp_path, "bao-cao")
    pages = office.page_count(pdf)
    first = office.layout_lines(pdf, 1)
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in first)
    appendix = [p for p in range(1, pages + 1) if "PHỤ LỤC" in office.page_text(pdf, p)]
    assert len(appendix) == 1 and appendix[0] > 1
    # PHỤ LỤC opens its page (after the page number and the draft mark of the header); the
    # signature (the chairman's name) is on the page before it.
    opening = " ".join(office.page_text(pdf, appendix[0]).split()[:5])
    assert "PHỤ LỤC" in opening, opening
    assert LETTERHEAD.signer_name in office.page_text(pdf, appendix[0] - 1)
    assert office.page_images(pdf, tmp_path, "bao-cao")


def test_docx_tables_span_the_text_width_and_no_row_splits_across_pages():
    from docx.oxml.ns import qn

    document = build_document(sample_figures(), LETTERHEAD, DRAFT)
    word = _word_of(document)
    text_width = 165 * 1440 / 25.4
    grids = [t for t in word.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(grids) >= len(document.appendix_tables)
    for table in grids:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - text_width) < len(grid) + 1
        assert grid[0] > grid[-1]  # the name column wider than a column of figures
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_a_campaigns_shortcomings_go_to_section_ii_under_its_name():
    """Issue 16: each sơ kết's assessment stays in section I; what fell short is said in
    section II (TỒN TẠI, HẠN CHẾ) under the campaign's name."""
    figures = sample_figures()
    campaign = replace(
        figures.campaigns[0], shortcomings_text="Còn tụ điểm cờ bạc tái hoạt động."
    )
    figures = replace(figures, campaigns=[campaign, *figures.campaigns[1:]])
    document = build_document(figures, LETTERHEAD, DRAFT)
    by_number = {section.number: section for section in document.sections}
    section_two = " ".join(by_number["II."].paragraphs)
    assert f"Qua sơ kết “{campaign.title}”: còn tụ điểm cờ bạc tái hoạt động." in section_two
    others = " ".join(p for s in document.sections if s.number != "II." for p in s.paragraphs)
    assert "tái hoạt động" not in others
