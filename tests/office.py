"""Opening a generated Word file the way a user would: LibreOffice converts it to PDF, Poppler
reads the PDF back (its lines as laid out, its pages as images). The tests that need these
tools skip, saying why, where the machine has not got them."""

import atexit
import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")


def _run(*args, timeout=120) -> str:
    # Local tools on files the test wrote itself: no untrusted input.
    return subprocess.run(  # noqa: S603
        args, capture_output=True, text=True, check=True, timeout=timeout
    ).stdout


def needs_office():
    """Skip, saying why, where the tools are missing; CI (REQUIRE_OFFICE_TESTS=1) fails instead."""
    missing = [
        name
        for name, found in (("LibreOffice (soffice)", SOFFICE), ("Poppler (pdftoppm)", POPPLER))
        if not found
    ]
    if missing and os.environ.get("REQUIRE_OFFICE_TESTS") == "1":
        pytest.fail(f"REQUIRE_OFFICE_TESTS=1 but {', '.join(missing)} is not installed")
    if missing:
        pytest.skip(f"{', '.join(missing)} is not installed here")


@functools.cache
def _profile() -> Path:
    profile = Path(tempfile.mkdtemp(prefix="ban138-lo-profile-"))
    atexit.register(shutil.rmtree, profile, ignore_errors=True)
    return profile


def docx_as_pdf(content: bytes, tmp_path: Path, name: str) -> Path:
    """The DOCX converted by LibreOffice, with a profile of this test process's own: parallel
    workers never share one, and each process sets one up once (a new profile costs seconds)."""
    return docx_files_as_pdf({name: content}, tmp_path)[name]


def docx_files_as_pdf(contents: dict[str, bytes], tmp_path: Path) -> dict[str, Path]:
    """Several DOCX files converted by one start of LibreOffice (a start costs a second)."""
    needs_office()
    sources = []
    for name, content in contents.items():
        sources.append(tmp_path / f"{name}.docx")
        sources[-1].write_bytes(content)
    out = tmp_path / "libreoffice"
    profile = _profile().as_uri()
    _run(
        SOFFICE,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, sources),
    )
    return {name: out / f"{name}.pdf" for name in contents}


def layout_lines(pdf: Path, page: int | None = None) -> list[str]:
    """The PDF's text line by line as laid out (pdftotext -layout), runs of spaces as one."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    text = _run(shutil.which("pdftotext"), "-layout", *pages, str(pdf), "-")
    return [" ".join(line.split()) for line in text.splitlines()]


def page_count(pdf: Path) -> int:
    info = _run(shutil.which("pdfinfo"), str(pdf))
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def page_images(pdf: Path, tmp_path: Path, name: str) -> list[Path]:
    """Page images at 60 dpi; copied to $PRINT_PNG_DIR when set, to be looked at."""
    _run(shutil.which("pdftoppm"), "-png", "-r", "60", str(pdf), str(tmp_path / name))
    pages = sorted(tmp_path.glob(f"{name}-*.png"))
    if os.environ.get("PRINT_PNG_DIR"):
        for image in pages:
            shutil.copy(image, os.environ["PRINT_PNG_DIR"])
    return pages


def page_text(pdf: Path, page: int) -> str:
    """One page's text in reading order (pdftotext without -layout), white space collapsed."""
    text = _run(shutil.which("pdftotext"), "-f", str(page), "-l", str(page), str(pdf), "-")
    return " ".join(text.split())


def page_size_mm(pdf: Path) -> tuple[int, int]:
    """The first page's (width, height) in whole millimetres."""
    info = _run(shutil.which("pdfinfo"), str(pdf))
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    return round(float(size[2]) * 25.4 / 72), round(float(size[4]) * 25.4 / 72)
