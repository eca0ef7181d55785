import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ban138.concurrency import claim_token, claimed_object_key
from ban138.uploads import validate_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
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
