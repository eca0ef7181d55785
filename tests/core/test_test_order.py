"""The order ``make test`` hands tests to its workers in (tests/ordering.py): the tests that
commit for real empty every table when they end, so on a worker none may run before a test that
rolls back."""

from types import SimpleNamespace

import pytest

from tests import ordering


def _module(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def test_a_modules_committing_tests_sorted_last_are_a_unit_of_their_own_in_their_place():
    collection = ["a.py::one", "a.py::two", "b.py::one", "c.py::one", "a.py::live", "d.py::live"]
    units = ordering.work_units(collection, _module)
    assert units == {
        "a.py::one": "a.py",
        "a.py::two": "a.py",
        "b.py::one": "b.py",
        "c.py::one": "c.py",
        "a.py::live": "a.py::part-2",
        "d.py::live": "d.py",
    }
    # xdist hands the units out in the order each first appears: a.py's live test after c.py.
    assert list(dict.fromkeys(units[n] for n in collection)).index("a.py::part-2") == 3


def _item(nodeid, *markers, fixtures=()):
    names = set(markers)
    return SimpleNamespace(
        nodeid=nodeid,
        fixturenames=list(fixtures),
        get_closest_marker=lambda name: object() if name in names else None,
    )


def test_a_test_that_wants_the_data_after_one_that_committed_fails_loudly(monkeypatch):
    monkeypatch.setattr(ordering, "_committed", [])
    ordering.pytest_runtest_setup(_item("a.py::rolled_back", "django_db"))
    ordering.pytest_runtest_setup(_item("b.py::live", "transactional"))
    ordering.pytest_runtest_setup(_item("c.py::no_database"))  # needs no rows: runs anywhere
    with pytest.raises(pytest.fail.Exception, match=r"after b\.py::live"):
        ordering.pytest_runtest_setup(_item("d.py::demo", fixtures=["demo", "db"]))
