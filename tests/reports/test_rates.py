"""No rate in the report is above 100 % on any demo year: a rate's numerator is part of its
denominator (the solved-case rate counts the cases of the period's own cohort)."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from reports.compile import compile_report
from reports.document import build_document
from tests.reports.samples import DRAFT, LETTERHEAD

RATE = re.compile(r"đạt(?: tỷ lệ)? ([\d.]+(?:,\d+)?)\u00a0%")


def _number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_no_rate_exceeds_100_percent_in_any_demo_year(demo, year):
    figures = compile_report(year=year, unit=demo, today=dt.date(2021, 12, 31))
    assert figures.cases_opened_solved.current <= figures.cases_opened.current
    assert figures.tips_settled <= figures.tips_received.current
    assert figures.tips_settled_on_time <= figures.tips_settled
    for campaign in figures.campaigns:
        for line in campaign.targets:
            if line.unit == "%" and line.result is not None:
                assert line.result <= 100, (campaign.title, line)
    document = build_document(figures, LETTERHEAD, DRAFT)
    text = " ".join(p for s in document.sections for p in s.paragraphs)
    rates = [_number(m) for m in RATE.findall(text)]
    assert rates, "the year's text states at least one rate"
    assert max(rates) <= 100


def test_the_demo_has_cases_solved_in_a_later_year_so_the_cohort_matters(demo):
    from django.db.models.functions import ExtractYear

    from tips.models import Case

    assert Case.objects.filter(solved_on__year__gt=ExtractYear("opened_on")).exists()
