"""Issue 15.5: text that looks like a formula reaches both XLSX exports as text."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ban138.xlsx import FORMULA_PREFIXES, append_row
from tests.models_registry.factories import make_model
from tests.tips.factories import make_tip

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://ke-xau.example/","Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
]


def _cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    return xml, cells


def _assert_text(xml, cells, payload):
    assert "<f>" not in xml, "a formula was written"
    matching = [c for c in cells if c.value == payload]
    assert matching, f"{payload!r} not in the sheet as typed"
    for cell in matching:
        assert cell.data_type == "s" and cell.quotePrefix


def test_the_register_export_writes_formula_like_summaries_as_text(client_for, officer, son_binh):
    for payload in PAYLOADS:
        make_tip(by=officer, commune=son_binh, summary=payload)
    tip = make_tip(by=officer, commune=son_binh, summary="Nội dung bình thường về vụ trộm")
    xml, cells = _cells(client_for(officer).get(reverse("tips:export")))
    for payload in PAYLOADS:
        _assert_text(xml, cells, payload)
    assert any(c.value == tip.summary and not c.quotePrefix for c in cells)


def test_the_model_export_writes_formula_like_names_as_text(client_for, secretariat, son_binh):
    for payload in PAYLOADS:
        make_model(son_binh, name=payload)
    xml, cells = _cells(client_for(secretariat).get(reverse("models_registry:export")))
    for payload in PAYLOADS:
        _assert_text(xml, cells, payload)


def test_the_helper_leaves_numbers_and_plain_text_alone():
    from openpyxl import Workbook

    sheet = Workbook().active
    append_row(sheet, [-5, "Sơn Bình", "=1+1", None])
    values = [(c.value, c.data_type) for c in sheet[1]]
    assert values[0] == (-5, "n") and values[1] == ("Sơn Bình", "s") and values[2] == ("=1+1", "s")
    assert "=" in FORMULA_PREFIXES and "@" in FORMULA_PREFIXES
