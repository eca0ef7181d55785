"""Validation of uploaded files (tip scans, model photos): type by content, not by name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The first bytes of each accepted format. The browser's file name and content type are the
# sender's claim; the bytes are what a viewer will actually open.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
LABELS = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}


def sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, prefixes in SIGNATURES.items():
        if any(head.startswith(p) for p in prefixes):
            return kind
    return None


def validate_upload(upload, allowed=("pdf", "jpeg", "png"), max_bytes: int | None = None) -> str:
    """Raise a Vietnamese ValidationError unless the file is of an allowed type and size.
    Returns the detected type."""
    limit = max_bytes or settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size)s); giới hạn là %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )
    kind = sniff(upload)
    if kind not in allowed:
        raise ValidationError(
            _("Tệp “%(name)s” không đúng định dạng; chỉ nhận %(kinds)s.")
            % {"name": upload.name, "kinds": ", ".join(LABELS[k] for k in allowed)},
            code="bad_type",
        )
    return kind
