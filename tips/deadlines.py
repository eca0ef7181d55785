"""Time limits for settling a crime tip (pure functions; the legal rule lives here and only here).

Rules implemented — Bộ luật Tố tụng hình sự 2015 as amended by Luật 02/2021/QH15 (texts quoted,
with sources, in docs/LAW.md):

* Art. 147(1): a tip is settled within **20 days** of receipt.
* Art. 147(2): a complex case, or one needing checks in many places, may take **up to 2 months**;
  if it still cannot be finished in that period the procuracy chief may extend **once**, by **up
  to 2 months**. The extension runs on from the end of the 2-month period it extends.
* Art. 149(1): after a suspension is lifted (phục hồi) the limit is **no more than 01 month from
  the phục hồi decision** — not a fresh Art. 147 period; no complex mark or extension applies.
* Art. 148(2): when the procuracy cancels a suspension, the limit is **no more than 01 month from
  the day the investigating body receives the cancellation**.
* BLTTHS Art. 134(1) (tính thời hạn): a limit in days ends at 24:00 of its last day; a limit in
  months ends on the same day-number of the month it ends in, or on that month's last day if it has
  no such day; **if it ends on a day off, the first working day after it is the last day**.
* The day the limit runs from is not itself counted — BLTTHS Art. 134 does not say so; the general
  rule is Bộ luật Dân sự 2015 **Art. 147(2)** ("ngày đầu tiên của thời hạn không được tính mà tính
  từ ngày tiếp theo liền kề ngày được xác định"), so a tip received on 1 June is due on 21 June.
  (BLDS Art. 148(5) repeats the day-off rule for civil limits; for this limit Art. 134 governs.)

Days off = weekends + Vietnam's public holidays from the ``holidays`` package (Tết included) +
the extra days off an administrator lists (``tips.ExtraDayOff``: bridge days), **minus** the
working days an administrator lists (``tips.ExtraWorkingDay``: a listed holiday that was moved, or
a make-up Saturday). The predicate is passed in, so these functions never touch the database.
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
    """Same day-number ``months`` later, or the last day of that month (BLTTHS Art. 134(1))."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last))


@lru_cache(maxsize=64)
def _vn_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def day_off_predicate(
    extra_days_off: Iterable[dt.date] = (), working_days: Iterable[dt.date] = ()
) -> DayOff:
    """Weekend, Vietnamese public holiday or an extra listed day — unless listed as worked."""
    extra, worked = frozenset(extra_days_off), frozenset(working_days)

    def is_day_off(day: dt.date) -> bool:
        if day in worked:
            return False
        return day.weekday() >= 5 or day in _vn_holidays(day.year) or day in extra

    return is_day_off


def next_working_day(day: dt.date, is_day_off: DayOff) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while is_day_off(day):
        day += dt.timedelta(days=1)
    return day


def nominal_end(
    start: dt.date, *, complex_case: bool = False, extension_months: int = 0
) -> dt.date:
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


RESUME_MONTHS = 1  # Art. 149(1) and Art. 148(2): "không quá 01 tháng"

# rule -> (kind, amount): how the limit of each ClockRule value (tips.workflow) is counted
RULES = {
    "147_1": ("days", BASE_DAYS),
    "149_1": ("months", RESUME_MONTHS),
    "148_2": ("months", RESUME_MONTHS),
    "147_1_lai": ("days", BASE_DAYS),  # set by no step now (tips reopened before; docs/LAW.md)
}


def rule_end(
    start: dt.date,
    rule: str,
    *,
    complex_case: bool = False,
    extension_months: int = 0,
    is_day_off: DayOff | None = None,
) -> dt.date:
    """Last day of the limit of ``rule`` running from ``start``. The complex period and the
    procuracy's extension belong to Art. 147 only; after Art. 148(2)/149(1) they do not apply."""
    kind, amount = RULES[rule]
    if rule == "147_1":
        return due_date(
            start,
            complex_case=complex_case,
            extension_months=extension_months,
            is_day_off=is_day_off,
        )
    end = add_months(start, amount) if kind == "months" else start + dt.timedelta(amount)
    return next_working_day(end, is_day_off or day_off_predicate())


def days_after(start: dt.date, days: int, is_day_off: DayOff | None = None) -> dt.date:
    """A limit of ``days`` days from ``start`` (notices: 03 days, "24 giờ" taken as the next
    day for a decision known by its date), first day not counted, moved off a day off."""
    return next_working_day(start + dt.timedelta(days), is_day_off or day_off_predicate())


def days_left(due: dt.date, today: dt.date) -> int:
    """Calendar days until the deadline: 0 = due today, negative = overdue by that many days."""
    return (due - today).days


def is_due_soon(due: dt.date, today: dt.date) -> bool:
    return 0 <= days_left(due, today) <= DUE_SOON_DAYS
