"""Layout pieces every Word file of the product shares (the report, the sơ kết, the intake desk's
forms): tables whose columns LibreOffice and Word size alike, and the short rules under the
issuing body and the Tiêu ngữ (Nghị định 30/2020/NĐ-CP, Phụ lục I).

LibreOffice lays a table out from its grid (``w:tblGrid``), Word from the cells' widths
(``w:tcW``); python-docx writes equal grid columns whatever the cells say, so a letterhead whose
cells are 40/60 % still breaks "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" over two lines in LibreOffice.
:func:`fixed_columns` writes the same widths in both places and fixes the layout.
"""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

# The children of w:pPr that the schema puts after w:pBdr.
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def fixed_columns(table, widths) -> None:
    """Grid columns as wide as the cells, every cell of every row that wide, a fixed layout."""
    table.autofit = False
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    for column, width in zip(grid, widths, strict=True):
        column.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    # python-docx places w:tblLayout where the schema wants it (Word refuses misplaced ones).
    table._tbl.tblPr.get_or_add_tblLayout().set(qn("w:type"), "fixed")


def rule(cell, *, cell_width, fraction: float):
    """A centred horizontal rule ``fraction`` of the cell wide: an empty paragraph with a bottom
    border, indented from both sides (a drawn line, not underscores, so it sits where the
    decree puts it in both Word and LibreOffice)."""
    paragraph = cell.add_paragraph()
    side = int(cell_width * (1 - fraction) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.space_before, fmt.space_after = Pt(0), Pt(2)
    fmt.line_spacing = Pt(3)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    # The schema orders w:pPr's children: the border goes before the spacing and indentation.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return paragraph


def repeat_as_header(row) -> None:
    """The row repeats at the top of every page the table spans."""
    _row_flag(row, "w:tblHeader")


def keep_row_whole(row) -> None:
    """The row never splits across two pages."""
    _row_flag(row, "w:cantSplit")


def _row_flag(row, tag: str) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    properties.append(element)


def no_borders(table) -> None:
    """A layout table: no borders at all (the letterhead, the signature block)."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
    )


def cell_margins(table, *, left, right) -> None:
    """Left and right padding of every cell (a letterhead's cells have none, as in the PDF)."""
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("left", left), ("right", right)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(width.twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )
