"""The printed forms as Word files (python-docx), from the same :class:`PrintedForm` as the PDF.

Word files name Times New Roman, the typeface Nghị định 30/2020/NĐ-CP prescribes (the PDF's
Liberation Serif is metric-compatible with it, so lines break alike).
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}


def _para(container, text="", *, size=13, bold=False, italic=False, align="justify", indent=False):
    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(3)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _run(paragraph, text, *, size=13, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _cell(cell, lines):
    """Fill a table cell with (text, size, bold, italic) lines, centred."""
    cell.paragraphs[0].text = ""
    first = True
    for text, size, bold, italic in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, text, size=size, bold=bold, italic=italic)


def _no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _page(word, *, landscape=False):
    section = word.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin, section.right_margin = Mm(20), Mm(15)
        section.top_margin, section.bottom_margin = Mm(15), Mm(18)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
    return section


def _letterhead(word, authority, issuer, nation, motto, number="", place_date=""):
    table = word.add_table(rows=2 if (number or place_date) else 1, cols=2)
    _no_borders(table)
    left = [(authority, 12, False, False)] if authority else []
    left.append((issuer, 12, True, False))
    left.append(("_______", 12, False, False))
    _cell(table.cell(0, 0), left)
    _cell(
        table.cell(0, 1),
        [
            (nation, 12, True, False),
            (motto, 13, True, False),
            ("_______________", 12, False, False),
        ],
    )
    if number or place_date:
        _cell(table.cell(1, 0), [(number, 13, False, False)])
        _cell(table.cell(1, 1), [(place_date, 13, False, True)])
    return table


def write_form(form) -> bytes:
    from tips.printing import BLANK, MOTTO, NATION

    word = Document()
    _page(word)
    if form.code:
        _para(word, form.code, size=11, bold=True, align="right")
        _para(word, form.basis, size=11, italic=True, align="right")
    _letterhead(word, form.authority, form.issuer, NATION, MOTTO, form.number, form.place_date)
    _para(word, form.title, size=14, bold=True, align="center")
    if form.subtitle:
        _para(word, form.subtitle, size=14, bold=True, align="center")
    if form.addressee:
        _para(word, f"Kính gửi: {form.addressee}", align="center")
    for line in form.lines:
        if line.label:
            _para(word, f"{line.label}: {line.value or BLANK}", indent=line.indent, bold=line.bold)
        else:
            _para(word, line.value, indent=line.indent, bold=line.bold)
    columns = len(form.signatures) + (1 if form.recipients else 0)
    closing = word.add_table(rows=1, cols=columns)
    _no_borders(closing)
    index = 0
    if form.recipients:
        cell = closing.cell(0, 0)
        cell.paragraphs[0].text = ""
        _run(cell.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
        for recipient in form.recipients:
            _run(cell.add_paragraph(), f"- {recipient}", size=11)
        index = 1
    for offset, signature in enumerate(form.signatures):
        _cell(
            closing.cell(0, index + offset),
            [
                (signature.role, 13, True, False),
                (signature.note, 12, False, True),
                ("", 13, False, False),
                ("", 13, False, False),
                ("", 13, False, False),
                (signature.name, 13, True, False),
            ],
        )
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _page_number_footer(section):
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "Trang ", size=11)
    for code in ("PAGE", None, "NUMPAGES"):
        if code is None:
            _run(paragraph, "/", size=11)
            continue
        run = _run(paragraph, "", size=11)
        for kind, text in (("begin", None), (None, code), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)


def write_register(context: dict, *, widths) -> bytes:
    from tips.printing import MOTTO, NATION

    word = Document()
    section = _page(word, landscape=True)
    _page_number_footer(section)
    _letterhead(word, context["authority"], context["issuer"], NATION, MOTTO)
    _para(word, context["title"], size=15, bold=True, align="center")
    _para(word, context["period"], italic=True, align="center")
    columns = context["columns"]
    table = word.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table.rows[0])
    total = sum(widths)
    for index, name in enumerate(columns):
        cell = table.rows[0].cells[index]
        cell.width = Mm(262 * widths[index] / total)
        _cell(cell, [(name, 10, True, False)])
    for row in context["rows"]:
        cells = table.add_row().cells
        for index, value in enumerate(row):
            cells[index].width = Mm(262 * widths[index] / total)
            cells[index].paragraphs[0].text = ""
            _run(cells[index].paragraphs[0], str(value), size=9.5)
    _para(word, f"Sổ có {len(context['rows'])} nguồn tin. {context['printed']}.", italic=True)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
