"""Time limits for settling a crime tip (pure functions; the legal rule lives here and only here).

Rule implemented — Bộ luật Tố tụng hình sự 2015:

* Art. 147(1): a tip is settled within **20 days** of receipt.
* Art. 147(2): a complex case, or one needing checks in many places, may take **up to 2 months**.
* Art. 147(2): the procuracy chief (Viện trưởng Viện kiểm sát) may extend **once**, by **up to
  2 months** (TTLT 01/2017/TTLT Art. 11 repeats the 4-month ceiling). The extension runs on from
  the nominal end of the period it extends.
* Art. 149: after a suspension (tạm đình chỉ) is lifted (phục hồi), the time limit of Art. 147
  runs again from the date of the phục hồi decision — callers pass that date as ``start``.
* Art. 137(1) (cách tính thời hạn): a limit in days ends at 24:00 of its last day; a limit in
  months ends on the same day-number of the month it ends in, or on that month's last day if it has
  no such day; **if the last day falls on a day off (Saturday, Sunday or a public holiday) the
  limit ends on the next working day**.
* The day of receipt itself is not counted (the general rule of Bộ luật Dân sự 2015 Art. 147(1):
  "ngày đầu tiên của thời hạn không được tính"), so a tip received on 1 June is due on 21 June.

Days off = weekends + Vietnam's public holidays from the ``holidays`` package (Tết included) +
the extra days off an administrator lists (``tips.ExtraDayOff``: bridge days the Government
announces each year). The predicate is passed in, so these functions never touch the database.
"""

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from functools import lru_cache

import holidays

BASE_DAYS = 20
COMPLEX_MONTHS = 2
MAX_EXTENSION_MONTHS = 2
DUE_SOON_DAYS = 5

DayOff = Callable[[dt.date], bool]


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day-number ``months`` later, or the last day of that month (Art. 137(1))."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last))


@lru_cache(maxsize=64)
def _vn_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def day_off_predicate(extra_days_off: Iterable[dt.date] = ()) -> DayOff:
    """Weekend, Vietnamese public holiday or an extra listed day."""
    extra = frozenset(extra_days_off)

    def is_day_off(day: dt.date) -> bool:
        return day.weekday() >= 5 or day in _vn_holidays(day.year) or day in extra

    return is_day_off


def next_working_day(day: dt.date, is_day_off: DayOff) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while is_day_off(day):
        day += dt.timedelta(days=1)
    return day


def nominal_end(start: dt.date, *, complex_case: bool = False, extension_months: int = 0) -> dt.date:
    """Last day of the limit before the day-off rule is applied."""
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ValueError("extension_months must be between 0 and 2 (Art. 147(2))")
    end = add_months(start, COMPLEX_MONTHS) if complex_case else start + dt.timedelta(BASE_DAYS)
    return add_months(end, extension_months) if extension_months else end


def due_date(
    start: dt.date,
    *,
    complex_case: bool = False,
    extension_months: int = 0,
    is_day_off: DayOff | None = None,
) -> dt.date:
    """The last day on which the tip may still be decided in time."""
    end = nominal_end(start, complex_case=complex_case, extension_months=extension_months)
    return next_working_day(end, is_day_off or day_off_predicate())


def days_left(due: dt.date, today: dt.date) -> int:
    """Calendar days until the deadline: 0 = due today, negative = overdue by that many days."""
    return (due - today).days


def is_due_soon(due: dt.date, today: dt.date) -> bool:
    return 0 <= days_left(due, today) <= DUE_SOON_DAYS
