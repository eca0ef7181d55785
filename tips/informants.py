"""Rules for an informant's particulars: the ID number and phone formats, "giấu tên" with
identity given, and the identity showing up in text that is not protected (the summary, a
reason). One place, read by the intake form, the correction form and the services.

- CCCD (căn cước công dân, căn cước) has 12 digits; the old CMND 9 (Luật Căn cước 2023 keeps
  the 12-digit personal identification number; 9-digit CMND are still met on old papers).
- Vietnamese phone numbers: mobiles 10 digits ``0[35789]xxxxxxxx`` (since the 2018 renumbering),
  fixed lines 11 digits ``02xxxxxxxxx`` (area codes 2xx since 2017); ``+84``/``84`` stands for
  the leading 0. Stored in the national form, digits only.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ban138.text import fold

ID_LENGTHS = (9, 12)
MOBILE = re.compile(r"0[35789][0-9]{8}")
FIXED = re.compile(r"02[0-9]{9}")
PARTICULARS = ("name", "id_number", "phone", "address")
LABELS = {
    "name": _("họ tên"),
    "id_number": _("số CCCD / CMND"),
    "phone": _("số điện thoại"),
    "address": _("địa chỉ"),
}


def clean_id_number(value: str) -> str:
    value = re.sub(r"\s+", "", value or "")
    if not value:
        return ""
    if not re.fullmatch(r"[0-9]+", value) or len(value) not in ID_LENGTHS:
        raise ValidationError(
            _("Số CCCD gồm 12 chữ số (CMND cũ: 9 chữ số); “%(v)s” không đúng."), params={"v": value}
        )
    return value


def clean_phone(value: str) -> str:
    raw = (value or "").strip()
    if not raw:
        return ""
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not (MOBILE.fullmatch(digits) or FIXED.fullmatch(digits)):
        raise ValidationError(
            _(
                "Số điện thoại “%(v)s” không phải số Việt Nam: di động 10 chữ số (09x, 08x, 07x, "
                "05x, 03x), cố định 11 chữ số (02x…)."
            ),
            params={"v": raw},
        )
    return digits


def check_anonymous(anonymous: bool, identity: dict) -> None:
    """ "Giấu tên" with particulars typed in is a contradiction: refuse it, never drop them."""
    if anonymous and any((identity.get(k) or "").strip() for k in PARTICULARS):
        raise ValidationError(
            _(
                "Đã chọn “giấu tên” nhưng vẫn nhập thông tin người tố giác. Hãy bỏ chọn “giấu "
                "tên” hoặc xoá các thông tin đó."
            ),
            code="anonymous_with_identity",
        )


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text or "")


def identity_in_text(text: str, identity: dict) -> list[str]:
    """Which particulars (their labels) occur in ``text``: the full name (accent-insensitive, two
    words or more), the phone or ID number (ignoring spaces and dots between digits)."""
    found = []
    words = " " + " ".join(re.findall(r"\w+", fold(text))) + " "
    name = " ".join(re.findall(r"\w+", fold(identity.get("name") or "")))
    if len(name.split()) >= 2 and f" {name} " in words:
        found.append("name")
    digit_runs = re.sub(r"(?<=[0-9])[\s.\-]+(?=[0-9])", "", text or "")
    numbers = set(re.findall(r"[0-9]+", digit_runs))
    for key in ("phone", "id_number"):
        value = _digits(identity.get(key) or "")
        # A phone may be written with +84 for its leading 0.
        forms = {value, "84" + value[1:]} if value.startswith("0") else {value}
        if len(value) >= 9 and any(f in n for f in forms for n in numbers):
            found.append(key)
    return found


def labels(keys) -> str:
    return ", ".join(str(LABELS[k]) for k in keys if k in LABELS)
