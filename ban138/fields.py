"""Form fields for dates and numbers as Vietnamese people write them, whatever the browser's
language: dates dd/mm/yyyy and times 24-hour (a text input with the project's own picker,
static/js/datepicker.js, never ``<input type="date">``, whose format follows the browser — an
English Windows shows mm/dd/yyyy), counts that read "1.200" as 1200 and refuse fractions, and
decimals with a comma ("1,25") shown back as they were typed.

The accepted formats are ``settings.DATE_INPUT_FORMATS`` / ``DATETIME_INPUT_FORMATS``, the same
lists the admin reads; the first of each is the one a field displays and the picker writes."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ban138.text import format_number

DATE_DISPLAY = "%d/%m/%Y"
DATETIME_DISPLAY = "%d/%m/%Y %H:%M"
# One wording for the server's refusal and the picker's (data-invalid-message).
DATE_INVALID = _("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 04/01/2027.")
DATETIME_INVALID = _(
    "Ngày giờ không hợp lệ: hãy nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 04/01/2027 14:30."
)


class DateInput(forms.DateInput):
    """A text input showing dd/mm/yyyy; static/js/datepicker.js adds the Vietnamese calendar."""

    input_type = "text"

    def __init__(self, attrs=None):
        base = {
            "data-datepicker": "date",
            "placeholder": _("dd/mm/yyyy"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "10",
            "data-invalid-message": DATE_INVALID,
        }
        super().__init__(attrs={**base, **(attrs or {})}, format=DATE_DISPLAY)


class DateTimeInput(forms.DateTimeInput):
    """dd/mm/yyyy hh:mm, 24-hour, with the same picker (time included)."""

    input_type = "text"

    def __init__(self, attrs=None):
        base = {
            "data-datepicker": "datetime",
            "placeholder": _("dd/mm/yyyy hh:mm"),
            "autocomplete": "off",
            "maxlength": "16",
            "data-invalid-message": DATETIME_INVALID,
        }
        super().__init__(attrs={**base, **(attrs or {})}, format=DATETIME_DISPLAY)


class DateField(forms.DateField):
    widget = DateInput
    default_error_messages = {"invalid": DATE_INVALID}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", settings.DATE_INPUT_FORMATS)
        super().__init__(**kwargs)


class DateTimeField(forms.DateTimeField):
    widget = DateTimeInput
    default_error_messages = {"invalid": DATETIME_INVALID}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", settings.DATETIME_INPUT_FORMATS)
        super().__init__(**kwargs)


class NumberInput(forms.TextInput):
    """A text input (``type="number"`` refuses "1.200" in the browser and shows a dot for the
    decimal point in English ones) that shows numbers the Vietnamese way: 1.200 and 1,25."""

    def __init__(self, attrs=None, *, inputmode="numeric"):
        super().__init__(attrs={"inputmode": inputmode, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return format_decimal(value)
        return super().format_value(value)


def format_decimal(value) -> str:
    """Decimal("1.250") → "1,25", 1200 → "1.200": the figure as typed, without the trailing zeros
    that the column's fixed decimal places add."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return format_number(number, 0)
    places = -number.normalize().as_tuple().exponent
    return format_number(number, places)


# ASCII digits only ("²".isdigit() is true, then int() raises); the dot groups thousands.
_WHOLE = r"[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,30}"
_COUNT = re.compile(rf"(-?)({_WHOLE})")
_DECIMAL = re.compile(rf"(-?)({_WHOLE})(?:,([0-9]{{1,30}}))?")
_FRACTION = re.compile(r"-?[0-9.]*[0-9][.,][0-9]+")


def _compact(value) -> str:
    # People paste "1 200" or "1 200" (no-break space) from documents.
    return re.sub(r"[\s\u00a0\u202f]", "", str(value))


class CountField(forms.IntegerField):
    """A count of people, places, items: "1.200" is 1200 (the dot groups thousands in Vietnamese),
    "1 200" too; "1,5" or "1.5" is refused, because half a person is not a count."""

    widget = NumberInput
    default_error_messages = {
        "invalid": _("Hãy nhập một số nguyên, ví dụ 12 hoặc 1.200."),
        "fraction": _(
            "Số đếm không có phần lẻ: hãy nhập số nguyên, ví dụ 12 hoặc 1.200 "
            "(dấu chấm tách hàng nghìn)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        # The largest integer column PostgreSQL has for it; beyond it a save would be a 500.
        kwargs.setdefault("max_value", 2**31 - 1)
        kwargs.pop("localize", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = _compact(value)
        match = _COUNT.fullmatch(text)
        if match:
            return int(match.group(1) + match.group(2).replace(".", ""))
        code = "fraction" if _FRACTION.fullmatch(text) else "invalid"
        raise ValidationError(self.error_messages[code], code=code)


class DecimalField(forms.DecimalField):
    """A quantity with decimals written the Vietnamese way: "1,25", "1.234,5". A dot that does
    not group thousands ("1.25") is refused with a message rather than guessed: in Vietnamese
    "1.250" is one thousand two hundred and fifty, so reading "1.25" as a decimal would make the
    two look alike and mean numbers a thousand times apart."""

    widget = NumberInput
    default_error_messages = {
        "invalid": _("Hãy nhập một số, ví dụ 12 hoặc 1,25."),
        "dot": _(
            "Phần thập phân viết sau dấu phẩy, ví dụ 1,25; dấu chấm chỉ dùng để tách hàng nghìn "
            "(1.200)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.pop("localize", None)
        super().__init__(**kwargs)
        self.widget.attrs["inputmode"] = "decimal"

    def widget_attrs(self, widget):
        # No min/max/step attributes: they belong to type="number", which this field avoids.
        return forms.Field.widget_attrs(self, widget)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        text = _compact(value)
        match = _DECIMAL.fullmatch(text)
        if not match:
            code = "dot" if re.fullmatch(r"-?[0-9]+\.[0-9]+", text) else "invalid"
            raise ValidationError(self.error_messages[code], code=code)
        sign, whole, fraction = match.groups()
        try:
            return Decimal(sign + whole.replace(".", "") + (f".{fraction}" if fraction else ""))
        except InvalidOperation as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
