"""Issue 20.3: one installation for a province — a committee for each commune, each receiving
tips in its own register, and the province's committee reading them all: its report compiled
from every commune (a table of all communes), in a number of queries that does not grow with
the number of communes; a commune committee reads its own commune only."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ban138.committee import CommitteeLevel
from ban138.models import AdministrativeUnit, CommitteeProfile, UnitKind
from ban138.roles import Role
from reports.compile import compile_report
from tests.factories import make_user
from tests.tips.factories import local, make_tip

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 2, 1)


def _member(username, role, committee, **kwargs):
    return make_user(username, role, committee=committee, **kwargs)


def _province(n: int) -> tuple[CommitteeProfile, list[CommitteeProfile]]:
    """Province "Thử n" with n communes, each with its committee (under the province's) whose
    officer received two tips of 2025 there, numbered in the commune's own register."""
    province = AdministrativeUnit.objects.create(kind=UnitKind.PROVINCE, name=f"Thử {n}")
    top = CommitteeProfile.objects.create(
        level=CommitteeLevel.PROVINCE,
        district=province,
        chairman_name="Thử Tỉnh",
        chairman_title="Chủ tịch UBND tỉnh",
    )
    communes = []
    for i in range(n):
        unit = AdministrativeUnit.objects.create(
            kind=UnitKind.COMMUNE, name=f"Xã {n}-{i}", parent=province
        )
        committee = CommitteeProfile.objects.create(
            level=CommitteeLevel.COMMUNE,
            district=unit,
            parent=top,
            chairman_name="Thử Xã",
            chairman_title="Chủ tịch UBND xã",
        )
        officer = _member(f"kt_tiepnhan_{n}_{i}", Role.OFFICER, committee)
        for day in (4, 5):
            tip = make_tip(by=officer, commune=unit, received_at=local(2025, 8, day))
            assert tip.receiving_body.committee == committee
        communes.append(committee)
    return top, communes


def _compiled(committee: CommitteeProfile):
    compile_report(year=2025, unit=committee.district, today=TODAY)  # warm the reference cache
    with CaptureQueriesContext(connection) as captured:
        figures = compile_report(year=2025, unit=committee.district, today=TODAY)
    return figures, len(captured.captured_queries)


def test_the_province_report_holds_every_commune_committees_tips_in_a_table_of_all_communes(
    district,
):
    top, communes = _province(3)
    figures, _count = _compiled(top)
    assert [row.commune_id for row in figures.communes] == [c.district_id for c in communes]
    assert all(row.tips_received == 2 for row in figures.communes)
    assert figures.tips_received.current == 6
    # Each commune committee numbered its own register from 1.
    from tips.models import Tip

    numbers = Tip.objects.filter(commune__parent=top.district).values_list(
        "receiving_body", "number"
    )
    assert sorted(n for _b, n in numbers) == [1, 1, 1, 2, 2, 2]


def test_the_province_report_query_count_does_not_grow_from_3_to_30_communes(district):
    _figures, small = _compiled(_province(3)[0])
    figures, large = _compiled(_province(30)[0])
    assert len(figures.communes) == 30
    assert small == large


def test_the_province_reads_each_commune_and_a_commune_committee_only_its_own(client_for):
    from ban138.demo import seed_profile, seed_units

    seed_profile(seed_units())  # the installation's first committee
    top, (first, second, _third) = _province(3)
    province_chairman = _member("kt_tinh_truongban", Role.CHAIRMAN, top)
    commune_chairman = _member("kt_xa_truongban", Role.CHAIRMAN, first)
    url = lambda committee: reverse(  # noqa: E731
        "reports:commune_report", args=[committee.district.pk, 2025]
    )
    client = client_for(province_chairman)
    assert client.get(url(first)).status_code == 200
    assert client.get(url(second)).status_code == 200
    client = client_for(commune_chairman)
    assert client.get(url(first)).status_code == 200
    assert client.get(url(second)).status_code == 404
