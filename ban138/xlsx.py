"""Writing spreadsheet rows safely: every XLSX export goes through :func:`append_row`.

A text value that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab / carriage return before
one) is what a spreadsheet takes for a formula. openpyxl stores a string starting with ``=`` as a
live formula, and Excel and LibreOffice re-read the others as formulas as soon as the cell is
edited. A summary typed by anyone (``=HYPERLINK("http://…","Bấm vào")``, ``@SUM(…)``) must reach the
procuracy's spreadsheet as the text it is (issue 15.5; OWASP "CSV injection"). Such a cell is
written as a string with Excel's "quote prefix" flag: it shows and prints exactly as typed,
without an apostrophe added to the value, and stays text when edited.
"""

from openpyxl.cell import WriteOnlyCell

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def text_cell(sheet, value):
    """A write-only cell holding ``value``; formula-like text is kept as text."""
    cell = WriteOnlyCell(sheet, value=value)
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def append_row(sheet, values) -> None:
    """``sheet.append(values)`` for a normal or write-only sheet, formula-like text as text."""
    sheet.append([text_cell(sheet, v) if is_formula_like(v) else v for v in values])
