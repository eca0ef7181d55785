"""The Art. 147 clock against worked dates (weekends, Tết, extra days off, extensions)."""

import datetime as dt

import pytest

from tips.deadlines import add_months, day_off_predicate, days_left, due_date, is_due_soon

D = dt.date

WORKED = [
    # start, complex, extension months, extra days off, expected due, why
    (D(2021, 6, 1), False, 0, (), D(2021, 6, 21), "20 days, a Monday"),
    (D(2021, 6, 5), False, 0, (), D(2021, 6, 25), "20 days, a Friday"),
    (D(2021, 6, 6), False, 0, (), D(2021, 6, 28), "26/6 is a Saturday → Monday 28/6"),
    (D(2021, 6, 7), False, 0, (), D(2021, 6, 28), "27/6 is a Sunday → Monday 28/6"),
    (D(2021, 1, 25), False, 0, (), D(2021, 2, 17), "14/2 is Tết (Mùng 3), 10–16/2 off → 17/2"),
    (D(2021, 1, 21), False, 0, (), D(2021, 2, 17), "10/2 is the 29th of the lunar year → 17/2"),
    (D(2020, 4, 10), False, 0, (), D(2020, 5, 4), "30/4 +1/5 then the weekend → 4/5"),
    (D(2020, 8, 13), False, 0, (), D(2020, 9, 3), "2/9 National Day → 3/9"),
    (D(2021, 6, 1), False, 0, (D(2021, 6, 21),), D(2021, 6, 22), "an admin-listed day off"),
    (D(2021, 6, 1), True, 0, (), D(2021, 8, 2), "complex: 1/8 is a Sunday → 2/8"),
    (D(2021, 12, 31), True, 0, (), D(2022, 2, 28), "complex: no 31/2 → last day of February"),
    (D(2021, 6, 1), True, 2, (), D(2021, 10, 1), "complex + 2-month extension: 1/10 Friday"),
    (D(2021, 6, 1), False, 1, (), D(2021, 7, 21), "20 days + 1-month extension"),
    (D(2021, 6, 2), False, 2, (), D(2021, 8, 23), "20 days + 2 months = 22/8 Sunday → 23/8"),
]


@pytest.mark.parametrize(("start", "complex_", "ext", "extra", "expected", "why"), WORKED)
def test_due_date_matches_the_worked_table(start, complex_, ext, extra, expected, why):
    got = due_date(start, complex_case=complex_, extension_months=ext,
                   is_day_off=day_off_predicate(extra))
    assert got == expected, why


def test_an_extension_longer_than_two_months_is_impossible():
    with pytest.raises(ValueError):
        due_date(D(2021, 6, 1), extension_months=3)


def test_add_months_clamps_to_the_last_day_of_a_short_month():
    assert add_months(D(2020, 12, 31), 2) == D(2021, 2, 28)
    assert add_months(D(2019, 12, 31), 2) == D(2020, 2, 29)


def test_days_left_counts_calendar_days_and_goes_negative_when_overdue():
    assert days_left(D(2021, 6, 21), D(2021, 6, 16)) == 5
    assert days_left(D(2021, 6, 21), D(2021, 6, 24)) == -3
    assert is_due_soon(D(2021, 6, 21), D(2021, 6, 16))
    assert not is_due_soon(D(2021, 6, 21), D(2021, 6, 15))
    assert not is_due_soon(D(2021, 6, 21), D(2021, 6, 22))
