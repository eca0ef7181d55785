"""The same draft gives the same bytes, in any process, at any time (issue 16): fixed order of
every list, and file metadata taken from the document's own date, not from the clock."""

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]

RENDER = """
import hashlib, os, sys
import django
django.setup()
from dataclasses import replace
from reports.document import build_document
from reports.rendering import render_docx, render_report_pdf
from tests.reports.samples import DRAFT, LETTERHEAD, sample_figures
figures = sample_figures()
draft = replace(DRAFT, is_draft=True, number="", date=None, year_of_issue=2021)
context = {"document": build_document(figures, LETTERHEAD, draft), "figures": figures}
for content in (render_report_pdf(context), render_docx(context)):
    print(hashlib.sha256(content).hexdigest())
"""


def _render_in_a_new_process(hash_seed: str) -> list[str]:
    env = {
        **os.environ,
        "PYTHONHASHSEED": hash_seed,  # set and dict-of-set order differ between the two
        "DJANGO_SETTINGS_MODULE": "ban138.settings",
    }
    done = subprocess.run(  # noqa: S603 — our own interpreter and a fixed script
        [sys.executable, "-c", RENDER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.split()


def test_two_processes_render_the_same_draft_to_the_same_bytes():
    first = _render_in_a_new_process("1")
    second = _render_in_a_new_process("2")
    assert len(first) == 2 and first == second


def test_pdf_and_docx_metadata_carry_the_documents_own_date():
    from dataclasses import replace

    from reports.document import build_document
    from reports.rendering import render_docx, render_report_pdf
    from tests.reports.samples import DRAFT, LETTERHEAD, sample_figures

    figures = sample_figures()
    document = build_document(figures, LETTERHEAD, replace(DRAFT, date=dt.date(2021, 3, 10)))
    context = {"document": document, "figures": figures}
    pdf = render_report_pdf(context)
    assert PdfReader(io.BytesIO(pdf)).metadata["/CreationDate"] == "D:20210310"
    content = render_docx(context)
    props = docx.Document(io.BytesIO(content)).core_properties
    assert props.created.date() == props.modified.date() == dt.date(2021, 3, 10)
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(content)).infolist()}
    assert stamps == {(2021, 3, 10, 0, 0, 0)}
    assert hashlib.sha256(render_docx(context)).digest() == hashlib.sha256(content).digest()
