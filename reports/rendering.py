"""Outside I/O of the reports app: HTML → PDF with WeasyPrint, the document → DOCX.

Small named functions that tests call directly. The PDF and the browser preview use the same
template; only the stylesheet's address differs (a file URL for WeasyPrint, /static/ for the
browser), and the stylesheet loads the bundled Liberation Serif by a path relative to itself,
so no font installed on the machine is ever used.
"""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext as _

from ban138.limits import PDF_MAX_PAGES

DOCUMENT_TEMPLATE = "reports/document.html"
STYLESHEET = "reports/document.css"


def stylesheet_file_url() -> str:
    path = finders.find(STYLESHEET)
    return Path(path).resolve().as_uri()


def render_document_html(context: dict, *, for_print: bool) -> str:
    """The document as HTML: ``for_print`` links the stylesheet by file URL for WeasyPrint."""
    stylesheet = stylesheet_file_url() if for_print else static(STYLESHEET)
    return render_to_string(
        DOCUMENT_TEMPLATE, {**context, "stylesheet": stylesheet, "for_print": for_print}
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template to PDF bytes. The context must carry ``stylesheet`` as a file URL
    (see :func:`render_document_html`); relative URLs resolve against the static folder."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, context)
    base_url = Path(finders.find(STYLESHEET)).resolve().parent.as_uri() + "/"
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=base_url).render(font_config=fonts)
    # Issue 15.11: a bounded document (ban138.limits.PDF_MAX_PAGES), refused in Vietnamese.
    if len(document.pages) > PDF_MAX_PAGES:
        raise ValidationError(
            _("Văn bản dài %(pages)s trang, vượt giới hạn %(limit)s trang; hãy rút gọn nội dung.")
            % {"pages": len(document.pages), "limit": PDF_MAX_PAGES}
        )
    return document.write_pdf()


def render_report_pdf(context: dict) -> bytes:
    stylesheet = stylesheet_file_url()
    return render_pdf(DOCUMENT_TEMPLATE, {**context, "stylesheet": stylesheet, "for_print": True})


def render_docx(context: dict) -> bytes:
    """The same document as a Word file the secretariat can edit (see reports/docx_writer.py)."""
    from reports.docx_writer import write_docx

    return write_docx(context["document"])
