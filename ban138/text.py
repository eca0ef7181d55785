"""Vietnamese text: NFC, accent folding for search, numbers and dates as documents write them."""

import datetime as dt
import unicodedata
from decimal import ROUND_HALF_UP, Decimal


def nfc(value: str) -> str:
    """Store text in NFC: some keyboards send NFD ("o" + combining marks), which breaks length
    checks, equality and search if it is stored as typed."""
    return unicodedata.normalize("NFC", value) if value else value


def fold(value: str) -> str:
    """Lower-case, accent-free form used for accent-insensitive search: "Sơn Bình" → "son binh".

    "đ" is a letter of its own, not a "d" with a combining mark, so NFD alone leaves it; it is
    mapped by hand.
    """
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def format_number(value, decimals: int = 0) -> str:
    """1234.5 → "1.234,5": dot for thousands, comma for decimals, as Vietnamese documents write."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, frac = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + ".".join(groups)
    return f"{text},{frac}" if frac else text


def format_percent(value, decimals: int = 1) -> str:
    """94.736 → "94,7 %"; a whole number drops the decimals ("100 %")."""
    if value is None:
        return ""
    text = format_number(value, decimals)
    if "," in text and set(text.split(",")[1]) == {"0"}:
        text = text.split(",")[0]
    return f"{text} %"


def format_count(value: int, width: int = 2) -> str:
    """Counts in administrative prose are zero-padded below ten: "xây dựng mới 01 mô hình"."""
    return str(value).zfill(width) if 0 <= value < 10 else format_number(value)


def format_date_long(value: dt.date | dt.datetime | None) -> str:
    """ "ngày 10 tháng 3 năm 2021" — the place-and-date line of an administrative document.

    Nghị định 30/2020/NĐ-CP writes days below 10 and months 1–2 with a leading zero
    ("ngày 05 tháng 01 năm 2021"); months 3–12 are written without one.
    """
    if value is None:
        return ""
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def person_name(user) -> str:
    """A user's name in Vietnamese order — family and middle names (Django's last_name) before
    the given name — or the username when no name is set. Django's get_full_name() puts the
    given name first ("Hùng Trần Văn"), which no Vietnamese document does."""
    if user is None:
        return ""
    full = f"{user.last_name} {user.first_name}".strip()
    return full or user.get_username()
