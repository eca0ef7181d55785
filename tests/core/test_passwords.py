import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    "password", ["SonBinh@2026!", "congan123456", "Bcd138-khanhson", "ngan9", "1234567890123"]
)
def test_guessable_or_short_passwords_are_refused(district, password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_of_more_than_64_characters_is_accepted(district):
    validate_password("chiec-xe-dap-mau-xanh-di-qua-cau-go-luc-sang-som-mua-thu-nam-ay-ay-ay")


def test_the_local_words_message_is_vietnamese(district):
    with pytest.raises(ValidationError, match="tên địa phương"):
        validate_password("ToHap-mua-xuan-2026")
