"""Reading a rendered PDF back the way a person (or a checker) would."""

import io
import unicodedata

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def normalised(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def fonts_of(content: bytes) -> list[tuple[str, bool]]:
    """(BaseFont, embedded) of every font used on any page."""
    reader = PdfReader(io.BytesIO(content))
    found = {}
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor_holder = descendants[0].get_object() if descendants else font
            descriptor = descriptor_holder.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return sorted(found.items())


def page_sizes_mm(content: bytes) -> set[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(content))
    return {
        (round(float(p.mediabox.width) * 25.4 / 72), round(float(p.mediabox.height) * 25.4 / 72))
        for p in reader.pages
    }
