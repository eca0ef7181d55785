"""Outside I/O of the reports app: HTML → PDF with WeasyPrint, the document → DOCX.

Small named functions that tests call directly. The PDF and the browser preview use the same
template; only the stylesheet's address differs (a file URL for WeasyPrint, /static/ for the
browser), and the stylesheet loads the bundled Liberation Serif by a path relative to itself,
so no font installed on the machine is ever used.
"""

from django.template.loader import render_to_string
from django.templatetags.static import static

from ban138 import pdf

DOCUMENT_TEMPLATE = "reports/document.html"
STYLESHEET = "reports/document.css"


def stylesheet_file_url() -> str:
    return pdf.static_file_url(STYLESHEET)


def render_document_html(context: dict, *, for_print: bool) -> str:
    """The document as HTML: ``for_print`` links the stylesheet by file URL for WeasyPrint."""
    stylesheet = stylesheet_file_url() if for_print else static(STYLESHEET)
    return render_to_string(
        DOCUMENT_TEMPLATE, {**context, "stylesheet": stylesheet, "for_print": for_print}
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template to PDF bytes. The context must carry ``stylesheet`` as a file URL
    (see :func:`render_document_html`); relative URLs resolve against the static folder."""
    return pdf.html_to_pdf(render_to_string(template_name, context), stylesheet=STYLESHEET)


def render_report_pdf(context: dict) -> bytes:
    stylesheet = stylesheet_file_url()
    return render_pdf(DOCUMENT_TEMPLATE, {**context, "stylesheet": stylesheet, "for_print": True})


def render_docx(context: dict) -> bytes:
    """The same document as a Word file the secretariat can edit (see reports/docx_writer.py)."""
    from reports.docx_writer import write_docx

    return write_docx(context["document"])
