"""HTML → PDF with WeasyPrint, for any app's printed documents (reports, the intake desk's forms).

A document's stylesheet is a static file that loads the bundled Liberation Serif by a path
relative to itself (``../fonts/…``), so a PDF renders the same on a machine with no fonts
installed. The stylesheet is linked by file URL, and relative URLs resolve against its folder.
"""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ban138.limits import PDF_MAX_PAGES


def static_file_url(name: str) -> str:
    """``file://`` URL of a static file (found through the staticfiles finders)."""
    path = finders.find(name)
    if path is None:
        raise FileNotFoundError(name)
    return Path(path).resolve().as_uri()


def html_to_pdf(html: str, *, stylesheet: str) -> bytes:
    """PDF bytes of ``html``; relative URLs in it resolve against ``stylesheet``'s folder."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    base_url = static_file_url(stylesheet).rsplit("/", 1)[0] + "/"
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=base_url).render(font_config=fonts)
    # Issue 15.11: every printed document is bounded (ban138.limits.PDF_MAX_PAGES); a longer one
    # is refused in Vietnamese instead of tying a worker up for minutes.
    if len(document.pages) > PDF_MAX_PAGES:
        raise ValidationError(
            _("Văn bản dài %(pages)s trang, vượt giới hạn %(limit)s trang; hãy rút gọn nội dung.")
            % {"pages": len(document.pages), "limit": PDF_MAX_PAGES}
        )
    return document.write_pdf()


def render_pdf(template_name: str, context: dict, *, stylesheet: str) -> bytes:
    """Render ``template_name`` with ``stylesheet`` (a static path) passed as a file URL."""
    html = render_to_string(
        template_name, {**context, "stylesheet": static_file_url(stylesheet), "for_print": True}
    )
    return html_to_pdf(html, stylesheet=stylesheet)
