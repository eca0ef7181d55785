"""The order of the test files, for ``make test``'s workers: pytest-xdist hands out whole files
(``--dist loadfile``) in collection order (``--no-loadscope-reorder``), so the order decides
whether a worker waits for the demo's one seed or is left alone with a long file at the end.

Runs after every other plugin's reordering (pytest-django's puts tests that commit for real after
the others; that stays the first key, so a serial run is still correct). Then:

1. the module that seeds the demo for real (its dry run) and then takes the shared seed, so one
   worker seeds while the other starts on modules that need no demo;
2. the modules marked ``slow`` (a subprocess, a second PostgreSQL, the fuzzing of every form);
3. the modules that need no demo, then those that do — the larger first in each group.

Within a module, the tests that want an empty database run before the ``demo`` fixture seeds it
(it stays until the module ends). Every sort is stable.

A few modules are handed out test by test rather than whole (``SPREAD``, :class:`Scheduler`):
their tests are each long and share no module-level data, so a whole module on one worker would
leave the other idle. The page crawl is one: a test per role, a minute and a half together.
"""

import pytest

SEEDS_FIRST = "tests/core/test_seed_demo.py"
SPREAD = {"tests/browser/test_every_page.py"}


def _module(item) -> str:
    return item.nodeid.split("::", 1)[0]


def _wants_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    sizes, demo_modules, slow = {}, set(), set()
    for item in items:
        name = _module(item)
        sizes[name] = sizes.get(name, 0) + 1
        if _wants_demo(item):
            demo_modules.add(name)
        if item.get_closest_marker("slow"):
            slow.add(name)

    def group(name: str) -> int:
        if name == SEEDS_FIRST:
            return 0
        if name in slow:
            return 1
        return 3 if name in demo_modules else 2

    def key(item):
        name = _module(item)
        committing = item.get_closest_marker("transactional") is not None
        return (committing, group(name), -sizes[name], name, _wants_demo(item))

    items.sort(key=key)


def work_units(nodeids, unit_of) -> dict[str, str]:
    """Each test's work unit: ``unit_of(nodeid)`` (its module), except that where the order above
    parted a unit's tests (a module's committing tests, sorted after every other test), each run
    of them is a unit of its own, handed out in its place: after all the tests that roll back."""
    units, seen, previous = {}, {}, None
    for nodeid in nodeids:
        unit = unit_of(nodeid)
        if unit != previous:
            seen[unit] = seen.get(unit, -1) + 1
            previous = unit
        units[nodeid] = unit if not seen[unit] else f"{unit}::part-{seen[unit] + 1}"
    return units


_committed: list[str] = []  # the first test of this process that committed for real


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The order's one promise, kept in every run: once a test has committed (and so emptied the
    tables, the data migrations' rows included), no test that expects them runs in this process."""
    if item.get_closest_marker("transactional") is not None:
        _committed[:1] = _committed[:1] or [item.nodeid]
    elif _committed and _uses_database(item):
        pytest.fail(
            f"{item.nodeid} would run on the emptied database, after {_committed[0]}: "
            "tests/ordering.py hands out the committing tests last",
            pytrace=False,
        )


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in getattr(
        item, "fixturenames", ()
    )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile``, with the ``SPREAD`` modules' tests handed out one by one and the
    committing tests of a module in a unit of their own (:func:`work_units`). The workers take
    units first come, first served, so on each worker the committing tests run after every test
    that rolls back: they empty its database's tables when they end."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduler(LoadFileScheduling):
        units: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.units is None:  # every worker collected the same tests, in the same order
                collection = next(iter(self.registered_collections.values()))
                self.units = work_units(collection, self._module_or_test)
            return self.units[nodeid]

        def _module_or_test(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return nodeid if module in SPREAD else module

    return Scheduler(config, log)
