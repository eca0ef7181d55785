"""Register numbers N/YYYY: consecutive per year, never the same twice, never skipped."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ban138.roles import Role
from tests.factories import make_user
from tests.tips.factories import local, make_tip
from tips.models import Tip
from tips.reference import ensure_crime_groups


@pytest.mark.django_db
def test_numbers_are_consecutive_per_year_and_restart_each_year(officer, son_binh):
    a = make_tip(by=officer, commune=son_binh, received_at=local(2020, 12, 31, 23, 30))
    b = make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 1, 0, 10))
    c = make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 2))
    assert [a.register_number, b.register_number, c.register_number] == [
        "1/2020",
        "1/2021",
        "2/2021",
    ]


@pytest.mark.django_db
def test_a_failed_registration_gives_its_number_back(officer, son_binh):
    make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 2))
    with pytest.raises(ValidationError):  # empty summary: refused inside the transaction
        make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 3), summary="")
    assert make_tip(by=officer, commune=son_binh, received_at=local(2021, 1, 4)).number == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_registering_at_once_get_twenty_consecutive_numbers(officer, son_binh):
    ensure_crime_groups()  # before the threads: a flushed database lacks the seeded groups
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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_receiving_bodies_number_independently_and_without_gaps_at_once(
    officer, son_binh, second_committee
):
    """Issue 20.3: twenty intakes at once, ten at the district's Công an huyện and ten at Công an
    xã Tây Khánh Sơn: each body's register of the year runs 1…10 — no gap, no duplicate — and
    neither body's numbers depend on the other's."""

    ensure_crime_groups()
    committee, _users = second_committee
    tks_officer = make_user("kt_tks_tiepnhan_song_song", Role.OFFICER, committee=committee)
    barrier = threading.Barrier(20)
    errors = []

    def register(by, commune, received_at):
        try:
            barrier.wait()
            make_tip(by=by, commune=commune, received_at=received_at)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    # The district's police received in February 2025 (it ended on 1/3/2025), Tây Khánh Sơn's
    # (formed on 1/7/2025) in August: one register year, two registers.
    jobs = [(officer, son_binh, local(2025, 2, 5))] * 10 + [
        (tks_officer, committee.district, local(2025, 8, 5))
    ] * 10
    threads = [threading.Thread(target=register, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    by_body = {}
    for body, number in Tip.objects.filter(year=2025).values_list("receiving_body__name", "number"):
        by_body.setdefault(body, []).append(number)
    assert {body: sorted(numbers) for body, numbers in by_body.items()} == {
        "Công an huyện Khánh Sơn": list(range(1, 11)),
        "Công an xã Tây Khánh Sơn": list(range(1, 11)),
    }
