"""The report's labels are the apps' labels, and a source that cannot be imported is an error
(issue 13, point 2): never a second copy of the labels, never a report of zeros."""

import datetime as dt
import importlib
import sys

import pytest

from reports.compile import compile_report
from reports.wording import lower_first


@pytest.fixture
def figures_2020(demo):
    return compile_report(year=2020, unit=demo, today=dt.date(2021, 3, 10))


def test_every_label_printed_is_the_label_the_app_keeps(figures_2020):
    from models_registry.models import ModelType, Status
    from tips.models import CrimeGroup, TipKind

    groups = [lower_first(n) for n in CrimeGroup.objects.values_list("name", flat=True)]
    assert figures_2020.tips_by_crime_group
    assert {c.label for c in figures_2020.tips_by_crime_group} <= set(groups)
    assert {c.label for c in figures_2020.tips_by_kind} <= {lower_first(k.label) for k in TipKind}
    statuses = {lower_first(str(s.label)) for s in Status}
    assert {c.label for c in figures_2020.models_by_status} <= statuses
    types = set(ModelType.objects.values_list("name", flat=True))
    assert figures_2020.models_by_type and {c.label for c in figures_2020.models_by_type} <= types


def test_the_groups_come_in_the_official_order_of_the_list(figures_2020):
    from tips.models import CrimeGroup

    official = [
        lower_first(n)
        for n in CrimeGroup.objects.order_by("order", "code").values_list("name", flat=True)
    ]
    printed = [c.label for c in figures_2020.tips_by_crime_group]
    assert printed == [name for name in official if name in printed]


def test_a_group_renamed_in_the_admin_is_renamed_in_the_report(demo):
    from tips.models import CrimeGroup

    CrimeGroup.objects.filter(code="ma_tuy").update(name="Tội phạm về ma túy")
    figures = compile_report(year=2020, unit=demo, today=dt.date(2021, 3, 10))
    assert "tội phạm về ma túy" in [c.label for c in figures.tips_by_crime_group]


def test_a_source_that_cannot_be_imported_stops_the_report(monkeypatch):
    import reports.compile

    monkeypatch.setitem(sys.modules, "models_registry.queries", None)  # import now fails
    try:
        with pytest.raises(ImportError):
            importlib.reload(reports.compile)
    finally:
        monkeypatch.undo()
        importlib.reload(reports.compile)
