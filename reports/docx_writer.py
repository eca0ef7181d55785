"""The report as a Word file (python-docx), walking the same ReportDocument as the PDF.

Word has no bundled-font mechanism like CSS; the file names Times New Roman, the typeface
Nghị định 30/2020/NĐ-CP prescribes, which every office computer that opens it has (Liberation
Serif, used for the PDF, is metric-compatible with it, so line breaks match closely). The charts
are pictures: Word cannot show SVG reliably, so each is drawn again as a PNG from the same
figures (:func:`reports.charts.render_png_chart`), byte-for-byte the same on every render.
"""

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from ban138.docx_layout import cell_margins, fixed_columns, keep_row_whole
from reports.document import ReportDocument, Table

FONT = "Times New Roman"


def write_docx(document: ReportDocument) -> bytes:
    word = Document()
    _page_setup(word, document)
    _letterhead(word, document)
    _para(word, document.title, size=14, bold=True, align="center", space_before=10)
    _para(word, document.subject, size=14, bold=True, align="center", space_after=12)
    _para(word, document.intro, indent=True)
    for section in document.sections:
        _heading(word, f"{section.number} {section.title}", level=section.level)
        for paragraph in section.paragraphs:
            _para(word, paragraph, indent=True)
        for table in section.tables:
            _table(word, table)
    _para(word, document.closing, indent=True)
    _closing_block(word, document)
    if document.appendix_tables or document.charts:
        # The appendix starts a page; the signature stays right after the closing paragraph.
        title = _para(word, document.appendix_title, size=14, bold=True, align="center")
        title.paragraph_format.page_break_before = True
        _para(word, document.appendix_subtitle, italic=True, align="center", space_after=10)
        if document.appendix_note:
            _para(word, document.appendix_note, size=12, italic=True, space_after=8)
        for table in document.appendix_tables:
            _table(word, table)
        for chart in document.charts:
            _chart(word, chart)
    _properties(word, document)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), document.own_date)


def _moment(day: dt.date | None) -> dt.datetime:
    day = day or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day)


def _properties(word, document: ReportDocument) -> None:
    """Core properties from the document itself, never from the clock of the rendering."""
    props = word.core_properties
    props.title = f"{document.title} {document.subject}"[:250]
    props.author = props.last_modified_by = document.letterhead.committee
    props.created = props.modified = props.last_printed = _moment(document.own_date)
    props.revision = 1


def _fixed_zip_times(content: bytes, day: dt.date | None) -> bytes:
    """The same parts, each stamped with the document's date instead of the time of saving."""
    stamp = _moment(day).timetuple()[:6]
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            out.writestr(fixed, source.read(info.filename))
    return target.getvalue()


def _page_setup(word, document: ReportDocument) -> None:
    section = word.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    # Page numbers from page 2: a different (empty) first-page header.
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(header.add_run())
    if document.is_draft:
        # "DỰ THẢO" in the header of every page, the first one included.
        marks = (section.header.add_paragraph(), section.first_page_header.paragraphs[0])
        for mark in marks:
            _fill(mark, document.draft_mark, bold=True, align="right")
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)


def _page_number_field(run) -> None:
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _para(
    word_or_cell,
    text,
    *,
    size=13,
    bold=False,
    italic=False,
    align="justify",
    indent=False,
    space_before=0,
    space_after=6,
    keep=False,
):
    paragraph = word_or_cell.add_paragraph()
    _fill(paragraph, text, size=size, bold=bold, italic=italic, align=align)
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    if indent:
        fmt.first_line_indent = Mm(10)
    fmt.keep_with_next = keep
    return paragraph


def _heading(word, text: str, *, level: int) -> None:
    """Section titles in Word's heading styles (navigation pane, table of contents), dressed as
    the decree's body text: Times New Roman 13 pt bold, black, indented like a paragraph."""
    paragraph = word.add_paragraph(style=f"Heading {level}")
    run = _fill(paragraph, text, bold=True, align="justify")
    run.font.color.rgb = RGBColor(0, 0, 0)
    run.font.italic = False
    fmt = paragraph.paragraph_format
    fmt.first_line_indent, fmt.keep_with_next = Mm(10), True
    fmt.space_before, fmt.space_after = Pt(6), Pt(4)


def _fill(paragraph, text, *, size=13, bold=False, italic=False, align="center"):
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    run = paragraph.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    run.font.name = FONT
    return run


def _cell_lines(cell, lines) -> None:
    """Fill a cell with (text, size, bold, italic, underline) lines, centred."""
    first = True
    for text, size, bold, italic, underline in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = _fill(paragraph, text, size=size, bold=bold, italic=italic)
        run.font.underline = underline
        paragraph.paragraph_format.space_after = Pt(0)


def _letterhead(word, document: ReportDocument) -> None:
    head = document.letterhead
    table = word.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The grid as wide as the cells in a fixed layout: LibreOffice sizes columns from the grid,
    # Word from the cells, so both agree and the Quốc hiệu stays on one line.
    fixed_columns(table, (Mm(62), Mm(103)))
    # No cell padding, as the PDF's letterhead: "UBND HUYỆN KHÁNH SƠN" fits its 62 mm at 13 pt.
    cell_margins(table, left=Mm(0), right=Mm(0))
    _cell_lines(
        table.cell(0, 0),
        [
            (head.authority.upper(), 13, False, False, False),
            (head.committee, 13, True, False, True),
        ],
    )
    _cell_lines(
        table.cell(0, 1),
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False, False),
            ("Độc lập - Tự do - Hạnh phúc", 13, True, False, True),
        ],
    )
    _cell_lines(table.cell(1, 0), [(document.number_line, 13, False, False, False)])
    _cell_lines(table.cell(1, 1), [(document.place_date, 13, False, True, False)])


def _table(word, table: Table) -> None:
    _para(word, table.caption, size=12, italic=True, align="left", space_after=2, keep=True)
    rows = [*table.rows, *([table.total] if table.total else [])]
    grid = word.add_table(rows=1 + len(rows), cols=len(table.header))
    grid.style = "Table Grid"
    header_row = grid.rows[0]
    # Repeat the header row on every page the table spans.
    header_row._tr.get_or_add_trPr().append(_on_element("w:tblHeader"))
    for cell, text in zip(header_row.cells, table.header, strict=True):
        _fill(cell.paragraphs[0], text, size=11, bold=True)
    for index, values in enumerate(rows, start=1):
        is_total = table.total is not None and index == len(rows)
        for column, (cell, text) in enumerate(zip(grid.rows[index].cells, values, strict=True)):
            align = "right" if column >= table.numeric_from else "left"
            _fill(cell.paragraphs[0], text, size=11, bold=is_total, align=align)
    for row in grid.rows:
        keep_row_whole(row)
    fixed_columns(grid, _column_widths(table))
    if table.note:
        _para(word, table.note, size=12, italic=True, space_before=3)
    word.add_paragraph()


# The text width of the page: 210 mm less the 30 and 15 mm margins.
TEXT_WIDTH = Mm(165)


def _column_widths(table: Table) -> list[Emu]:
    """The table across the text width, as the PDF's: a text column (the name of a commune, of
    a target) two and a half times as wide as a column of figures."""
    weights = [2.5 if index < table.numeric_from else 1 for index in range(len(table.header))]
    total = sum(weights)
    widths = [int(TEXT_WIDTH * weight / total) for weight in weights]
    return [Emu(width) for width in widths]


def _chart(word, chart) -> None:
    """The appendix's chart as the PDF has it, a PNG of the same bars (Word shows no SVG),
    16 cm wide, centred, its title in the picture's description for screen readers."""
    content = chart.png()
    if not content:
        return
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_together = True
    paragraph.add_run().add_picture(io.BytesIO(content), width=Mm(160))
    picture = paragraph._p.xpath(".//wp:docPr")[0]
    picture.set("name", chart.title)
    picture.set("descr", chart.title)


def _on_element(tag: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def _closing_block(word, document: ReportDocument) -> None:
    head = document.letterhead
    table = word.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    lines = [("Nơi nhận:", 12, True, True, False)]
    lines += [(line, 11, False, False, False) for line in document.recipients]
    _cell_lines(left, lines)
    for paragraph in left.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    # NĐ 30/2020, Phụ lục I: the block holds the signer's title and name, nothing else.
    signature = [(document.signer_role, 14, True, False, False)]
    signature += [("", 13, False, False, False)] * 4
    signature.append((head.signer_name, 14, True, False, False))
    _cell_lines(right, signature)
    # Keep the block on one page: the row may not split.
    table.rows[0]._tr.get_or_add_trPr().append(_on_element("w:cantSplit"))
