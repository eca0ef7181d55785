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
from docx.shared import Emu, Mm, Pt

from ban138.docx_layout import (
    cell_margins,
    fixed_columns,
    keep_row_whole,
    no_borders,
    repeat_as_header,
    rule,
)

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
    paragraph.paragraph_format.space_after = Pt(3)  # the PDF has 5pt; Word's lines run taller
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


def _text_width(section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def _letterhead(word, authority, issuer, nation, motto, number="", place_date=""):
    """The issuing body (40 %) and the Quốc hiệu, Tiêu ngữ (60 %), each with its rule; the
    number and the place-date line below them (as the PDF's ``table.letterhead``)."""
    width = _text_width(word.sections[0])
    widths = (int(width * 0.4), width - int(width * 0.4))
    table = word.add_table(rows=2 if (number or place_date) else 1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    cell_margins(table, left=Mm(0), right=Mm(0))
    fixed_columns(table, [Emu(w) for w in widths])
    left = [(authority, 12, False, False)] if authority else []
    left.append((issuer, 12, True, False))
    _cell(table.cell(0, 0), left)
    # NĐ 30/2020, Phụ lục I: under the issuing body a rule 1/3-1/2 of its line; under the Tiêu
    # ngữ one about as long as the Tiêu ngữ (62 % of the column, as in the PDF).
    rule(table.cell(0, 0), cell_width=widths[0], fraction=0.4)
    _cell(table.cell(0, 1), [(nation, 12, True, False), (motto, 13, True, False)])
    rule(table.cell(0, 1), cell_width=widths[1], fraction=0.62)
    if number or place_date:
        _cell(table.cell(1, 0), [(number, 13, False, False)])
        _cell(table.cell(1, 1), [(place_date, 13, False, True)])
        for cell in table.rows[1].cells:
            cell.paragraphs[0].paragraph_format.space_before = Pt(6)
    return table


def _new_document():
    """A Word file whose Normal style is the forms' body text: Times New Roman 13 pt, single
    line spacing, no space after (python-docx's template adds 10 pt after every paragraph,
    table cells included)."""
    word = Document()
    style = word.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.15
    return word


def write_form(form) -> bytes:
    from tips.printing import BLANK, MOTTO, NATION

    word = _new_document()
    _page(word)
    if form.code:
        _para(word, form.code, size=11, bold=True, align="right").paragraph_format.space_after = 0
        _para(word, form.basis, size=11, italic=True, align="right")
    _letterhead(word, form.authority, form.issuer, NATION, MOTTO, form.number, form.place_date)
    title = _para(word, form.title, size=14, bold=True, align="center")
    title.paragraph_format.space_before = Pt(14)
    title.paragraph_format.space_after = Pt(0 if form.subtitle else 10)
    if form.subtitle:
        _para(
            word, form.subtitle, size=14, bold=True, align="center"
        ).paragraph_format.space_after = Pt(10)
    if form.addressee:
        addressee = _para(word, f"Kính gửi: {form.addressee}", align="center")
        addressee.paragraph_format.space_after = Pt(10)
    for line in form.lines:
        if line.label:
            _para(word, f"{line.label}: {line.value or BLANK}", indent=line.indent, bold=line.bold)
        else:
            _para(word, line.value, indent=line.indent, bold=line.bold)
    word.add_paragraph().paragraph_format.space_after = Pt(6)
    _closing(word, form)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _closing(word, form) -> None:
    """Nơi nhận on the left (when the form has one) and the signatures side by side, as the
    PDF's ``table.closing``: the role, "(Ký, ghi rõ họ tên)", room to sign, the name."""
    width = _text_width(word.sections[0])
    columns = len(form.signatures) + (1 if form.recipients else 0)
    if form.recipients:
        first = width // 2
        rest = (width - first) // max(len(form.signatures), 1)
        widths = [first, *([rest] * len(form.signatures))]
    else:
        widths = [width // columns] * columns
    # Names in a row of their own: they line up even where one signer's title takes two lines.
    closing = word.add_table(rows=2, cols=columns)
    no_borders(closing)
    fixed_columns(closing, [Emu(w) for w in widths])
    for row in closing.rows:
        keep_row_whole(row)
    index = 0
    if form.recipients:
        cell = closing.cell(0, 0)
        cell.paragraphs[0].text = ""
        _run(cell.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
        for recipient in form.recipients:
            _run(cell.add_paragraph(), f"- {recipient}", size=11)
        index = 1
    for offset, signature in enumerate(form.signatures):
        cell = closing.cell(0, index + offset)
        _cell(cell, [(signature.role, 13, True, False), (signature.note, 12, False, True)])
        space = cell.add_paragraph()
        space.paragraph_format.space_before = Mm(18)  # room to sign, as the PDF's 22 mm block
        space.paragraph_format.keep_with_next = True
        name = closing.cell(1, index + offset).paragraphs[0]
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(name, signature.name, size=13, bold=True)


def _cell_line(cell, text, *, size=13, bold=False):
    paragraph = cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, size=size, bold=bold)
    return paragraph


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
    """The sổ for a period: A4 landscape, "Trang x/y" in the footer, the two header rows (the
    column names and their numbers) repeated on every page, no tip's row split over two."""
    from tips.printing import MOTTO, NATION

    word = _new_document()
    section = _page(word, landscape=True)
    _page_number_footer(section)
    _letterhead(word, context["authority"], context["issuer"], NATION, MOTTO)
    title = _para(word, context["title"], size=15, bold=True, align="center")
    title.paragraph_format.space_before = Pt(8)
    _para(word, context["period"], italic=True, align="center").paragraph_format.space_after = Pt(8)
    columns = context["columns"]
    table = word.add_table(rows=2, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell_margins(table, left=Mm(1), right=Mm(1))
    total, width = sum(widths), _text_width(section)
    column_widths = [Emu(int(width * w / total)) for w in widths]
    for index, name in enumerate(columns):
        _cell(table.rows[0].cells[index], [(name, 10, True, False)])
        _cell(table.rows[1].cells[index], [(f"({index + 1})", 10, True, False)])
    for header in table.rows[:2]:
        repeat_as_header(header)
        keep_row_whole(header)
    for row in context["rows"]:
        added = table.add_row()
        keep_row_whole(added)
        for cell, value in zip(added.cells, row, strict=True):
            cell.paragraphs[0].text = ""
            _run(cell.paragraphs[0], str(value), size=9.5)
    if not context["rows"]:
        empty = table.add_row()
        merged = empty.cells[0].merge(empty.cells[-1])
        merged.paragraphs[0].text = ""
        _run(merged.paragraphs[0], "Không có nguồn tin nào trong kỳ.", size=9.5)
    fixed_columns(table, column_widths)
    end = _para(word, f"Sổ có {len(context['rows'])} nguồn tin. {context['printed']}.", italic=True)
    end.paragraph_format.space_before = Pt(8)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
