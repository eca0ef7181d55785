import datetime as dt
import unicodedata

import pytest

from ban138.text import fold, format_count, format_date_long, format_number, format_percent, nfc


def test_nfc_turns_decomposed_input_into_composed_letters():
    typed = unicodedata.normalize("NFD", "Sơn Bình")
    assert len(typed) > len("Sơn Bình")
    assert nfc(typed) == "Sơn Bình"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sơn Bình", "son binh"),
        ("Đá Bàn", "da ban"),
        ("  Thôn   Liên Hòa ", "thon lien hoa"),
        (unicodedata.normalize("NFD", "Giáo họ tự quản"), "giao ho tu quan"),
    ],
)
def test_fold_removes_accents_and_maps_d_with_stroke(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234, 0, "1.234"),
        (1234.5, 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (0, 0, "0"),
        (-1500, 0, "-1.500"),
        (94.736, 1, "94,7"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value, decimals, text):
    assert format_number(value, decimals) == text


def test_percent_keeps_one_decimal_and_drops_a_zero_one():
    assert format_percent(94.736) == "94,7 %"
    assert format_percent(100) == "100 %"


def test_small_counts_are_zero_padded_as_in_administrative_prose():
    assert format_count(1) == "01"
    assert format_count(12) == "12"
    assert format_count(1234) == "1.234"


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (dt.date(2021, 3, 10), "ngày 10 tháng 3 năm 2021"),
        (dt.date(2021, 1, 5), "ngày 05 tháng 01 năm 2021"),
        (dt.date(2020, 12, 31), "ngày 31 tháng 12 năm 2020"),
    ],
)
def test_long_dates_follow_decree_30(date, text):
    assert format_date_long(date) == text
