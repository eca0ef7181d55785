"""Validation of uploaded files (tip scans, model photos): type by content, not by name; images
also by their pixel count, so a small file that unpacks into gigabytes is refused."""

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
    if kind in ("jpeg", "png"):
        _check_pixels(upload)
    return kind


def _check_pixels(upload) -> None:
    """Refuse an image of more than settings.MAX_IMAGE_PIXELS pixels (issue 15.12: a 20000×20000
    PNG of a few kilobytes is 1.2 GB once decoded) or one that cannot be read. Only the header
    is read: Pillow opens lazily, and its own bomb check runs on open."""
    from PIL import Image, UnidentifiedImageError

    limit = settings.MAX_IMAGE_PIXELS
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        width = height = None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(
            _("Không đọc được ảnh “%(name)s”; tệp có thể bị hỏng.") % {"name": upload.name},
            code="bad_image",
        ) from exc
    finally:
        upload.seek(0)
    if width is None or width * height > limit:
        raise ValidationError(
            _(
                "Ảnh “%(name)s” quá lớn về kích thước điểm ảnh; giới hạn là %(limit)s triệu "
                "điểm ảnh. Hãy chụp hoặc lưu lại ảnh ở độ phân giải thấp hơn."
            )
            % {"name": upload.name, "limit": limit // 1_000_000},
            code="too_many_pixels",
        )
