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


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile``, but with the ``SPREAD`` modules' tests handed out one by one."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduler(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return nodeid if module in SPREAD else module

    return Scheduler(config, log)
