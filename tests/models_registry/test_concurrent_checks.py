"""Two checks recorded at the same moment on PostgreSQL: both are kept and the model's copy
still equals the latest one (the model row is locked while the copy is refreshed)."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection

from models_registry.models import SecurityModel, Status
from tests.factories import UserFactory
from tests.models_registry.factories import make_model, record_check


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_checks_both_land_and_the_latest_wins(district, son_binh, monkeypatch):
    # Widen the race: each transaction pauses between reading the latest check and writing the
    # model's copy; the back-dated one pauses longest. Without the row lock it would read before
    # the other check committed and write its own (older) status last.
    save = SecurityModel.save
    delays = {"earlier": 0.6, "later": 0.1}

    def slow_save(self, *args, **kwargs):
        if kwargs.get("update_fields"):
            time.sleep(delays.get(threading.current_thread().name, 0))
        save(self, *args, **kwargs)

    monkeypatch.setattr(SecurityModel, "save", slow_save)
    model = make_model(son_binh, (dt.date(2020, 1, 10), Status.ACTIVE))
    recorder = UserFactory()
    barrier = threading.Barrier(2)
    errors = []

    def record(day, status):
        try:
            barrier.wait()
            record_check(model, day, status, by=recorder)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=record, args=(dt.date(2021, 5, 2), Status.EFFECTIVE), name="later"),
        threading.Thread(
            target=record, args=(dt.date(2021, 5, 1), Status.NEEDS_WORK), name="earlier"
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stored = SecurityModel.objects.get(pk=model.pk)
    assert stored.checks.count() == 3
    assert (stored.current_status, stored.last_checked_on) == (
        Status.EFFECTIVE,
        dt.date(2021, 5, 2),
    )
