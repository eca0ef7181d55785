"""Dates and numbers as Vietnamese officials type them, whatever the browser's language: a typed
"04/01/2027" is 4 January in the product's forms and in the admin, "1.200" is twelve hundred
in a count, a count refuses fractions, and "1,25" comes back as "1,25"."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ban138.fields import CountField, DecimalField
from models_registry.forms import StatusCheckForm
from tips.forms import ResumeForm, TipIntakeForm
from tips.models import ExtraDayOff

JAN_4 = dt.date(2027, 1, 4)


def test_a_product_date_field_reads_04_01_2027_as_the_4th_of_january():
    form = ResumeForm(data={"number": "05/QĐ", "date": "04/01/2027", "note": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == JAN_4


def test_a_product_date_field_shows_dd_mm_yyyy_in_a_text_input_not_the_browsers_date_input():
    html = str(ResumeForm(initial={"date": JAN_4})["date"])
    assert 'value="04/01/2027"' in html
    assert 'type="text"' in html and 'data-datepicker="date"' in html


def test_a_product_datetime_field_reads_04_01_2027_as_the_4th_of_january_on_a_24_hour_clock():
    field = TipIntakeForm.base_fields["received_at"]
    value = timezone.localtime(field.clean("04/01/2027 14:30"))
    assert (value.date(), value.hour, value.minute) == (JAN_4, 14, 30)
    html = field.widget.render("received_at", value)
    assert 'value="04/01/2027 14:30"' in html and 'type="text"' in html


def test_a_date_that_does_not_exist_is_refused_in_vietnamese():
    form = ResumeForm(data={"number": "05/QĐ", "date": "31/02/2027", "note": ""})
    assert not form.is_valid()
    assert "ngày/tháng/năm" in form.errors["date"][0]


@pytest.mark.django_db
def test_the_admins_extra_days_off_read_04_01_2027_as_the_4th_of_january(client_for, admin_user):
    admin = client_for(admin_user)
    response = admin.post(
        reverse("admin:tips_extradayoff_add"), {"date": "04/01/2027", "note": "Nghỉ bù Tết"}
    )
    assert response.status_code == 302
    assert ExtraDayOff.objects.get().date == JAN_4
    # and shows it back the same way
    page = admin.get(reverse("admin:tips_extradayoff_change", args=[ExtraDayOff.objects.get().pk]))
    assert 'value="04/01/2027"' in page.content.decode()


@pytest.mark.django_db
def test_the_admin_refuses_a_wrong_date_in_vietnamese(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("admin:tips_extradayoff_add"), {"date": "13/13/2027", "note": ""}
    )
    assert response.status_code == 200 and not ExtraDayOff.objects.exists()
    assert "ngày/tháng/năm" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "count"), [("1.200", 1200), ("1 200", 1200), ("12.000.000", 12_000_000), ("7", 7)]
)
def test_a_count_reads_the_thousands_dot(typed, count):
    assert CountField().clean(typed) == count


@pytest.mark.parametrize("typed", ["1,5", "1.5", "12.00", "0,5"])
def test_a_count_refuses_fractions_in_vietnamese(typed):
    with pytest.raises(Exception) as refused:
        CountField().clean(typed)
    assert "không có phần lẻ" in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "value"), [("1,25", Decimal("1.25")), ("1.234,5", Decimal("1234.5")), ("3", 3)]
)
def test_a_decimal_reads_the_comma_and_the_thousands_dot(typed, value):
    assert DecimalField(max_digits=12, decimal_places=2).clean(typed) == value


def test_a_decimal_with_a_dot_for_the_point_is_explained_not_guessed():
    with pytest.raises(Exception) as refused:
        DecimalField(max_digits=12, decimal_places=2).clean("1.25")
    assert "dấu phẩy" in str(refused.value)


def test_a_decimal_shows_as_typed_without_the_columns_trailing_zeros():
    widget = DecimalField(max_digits=12, decimal_places=2).widget
    assert widget.format_value(Decimal("1.25")) == "1,25"
    assert widget.format_value(Decimal("1.50")) == "1,5"
    assert widget.format_value(Decimal("1200.00")) == "1.200"


def test_model_figures_are_counts():
    for name in ("places", "teams", "members"):
        assert isinstance(StatusCheckForm.base_fields[name], CountField)
