"""Every model's change history (django-simple-history), with its manager class made once.

simple-history's descriptor makes a new manager class on every read of ``Model.history``
(``Manager.from_queryset``: a ``type()`` over every method of the queryset, ~0.6 ms), and it
reads that attribute for each historical row it records — a tip's workflow step writes several.
Here the class is made once per queryset class and reused; each read still gets a manager of
its own, for its model and instance, as before.

The apps declare ``history = HistoricalRecords(...)`` from this module, never simple-history's
own (checked in tests/core/test_history.py).
"""

import functools

from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(models.HistoricalRecords):
    def __init__(self, *args, history_manager=HistoryManager, **kwargs):
        super().__init__(*args, history_manager=history_manager, **kwargs)
