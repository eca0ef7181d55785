"""Register numbers N/YYYY: consecutive per year, never the same twice, never skipped."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tips.models import Tip
from tests.tips.factories import local, make_tip


@pytest.mark.django_db
def test_numbers_are_consecutive_per_year_and_restart_each_year(officer, son_binh):
    a = make_tip(by=officer, commune=son_binh, received_at=local(2020, 12, 31, 23, 30))
    b = make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 1, 0, 10))
    c = make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 2))
    assert [a.register_number, b.register_number, c.register_number] == ["1/2020", "1/2021", "2/2021"]


@pytest.mark.django_db
def test_a_failed_registration_gives_its_number_back(officer, son_binh):
    make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 2))
    with pytest.raises(ValidationError):  # empty summary: refused inside the transaction
        make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 3), summary="")
    assert make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 4)).number == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_registering_at_once_get_twenty_consecutive_numbers(officer, son_binh):
    barrier = threading.Barrier(20)
    errors = []

    def register():
        try:
            barrier.wait()
            make_tip(by=officer, commune=son_binh, received_at=local(2021, 5, 5))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Tip.objects.filter(year=2021).values_list("number", flat=True))
    assert numbers == list(range(1, 21))
