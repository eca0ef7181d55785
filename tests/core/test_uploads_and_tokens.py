import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ban138.concurrency import claim_token, claimed_object_key
from ban138.uploads import validate_upload


def _png(width=4, height=4) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width``×``height`` pixels in a few dozen bytes (no image data)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


PNG = _png()
PDF = b"%PDF-1.7\n" + b"0" * 32


def test_a_pdf_and_a_png_are_accepted_by_their_content():
    assert validate_upload(SimpleUploadedFile("bien-ban.pdf", PDF)) == "pdf"
    assert validate_upload(SimpleUploadedFile("anh.png", PNG)) == "png"


def test_a_renamed_executable_is_refused_with_a_vietnamese_message():
    fake = SimpleUploadedFile(
        "bien-ban.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError, match="không đúng định dạng; chỉ nhận PDF, JPEG, PNG"):
        validate_upload(fake)


def test_an_oversize_file_is_refused_with_its_size(settings):
    settings.MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError, match="quá lớn"):
        validate_upload(SimpleUploadedFile("to.pdf", PDF + b"0" * 2048))


def test_a_decompression_bomb_is_refused_in_vietnamese():
    """Issue 15.12: 20000×20000 pixels (1.2 GB decoded) in a few bytes."""
    bomb = SimpleUploadedFile("anh.png", _png_header_only(20_000, 20_000))
    with pytest.raises(ValidationError, match="quá lớn về kích thước điểm ảnh"):
        validate_upload(bomb, allowed=("jpeg", "png"))


def test_an_image_over_the_pixel_limit_is_refused_and_one_under_it_accepted(settings):
    settings.MAX_IMAGE_PIXELS = 1_000_000
    with pytest.raises(ValidationError, match="giới hạn là 1 triệu điểm ảnh"):
        validate_upload(SimpleUploadedFile("anh.png", _png(1001, 1000)))
    assert validate_upload(SimpleUploadedFile("anh.png", _png(1000, 1000))) == "png"


def test_a_broken_image_is_refused_in_vietnamese():
    broken = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    with pytest.raises(ValidationError, match="Không đọc được ảnh"):
        validate_upload(broken)


def test_images_only_refuses_a_pdf():
    with pytest.raises(ValidationError, match="chỉ nhận JPEG, PNG"):
        validate_upload(SimpleUploadedFile("anh.pdf", PDF), allowed=("jpeg", "png"))


@pytest.mark.django_db
def test_a_submission_token_is_claimed_once():
    token = uuid.uuid4()
    assert claimed_object_key(token) is None
    assert claim_token(token, "15") is True
    assert claim_token(token, "16") is False
    assert claimed_object_key(token) == "15"
