"""Query-count budgets (docs/PERFORMANCE.md): the register list and the landing pages run a fixed
number of queries, the same with a handful of tips as with hundreds — no per-row queries, no
COUNT(*) that grows with pages. Counts, never times: the benchmark reports times."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CommuneResult, State, TargetKind
from reports.compile import compile_report
from tests.campaigns.factories import CampaignFactory, OutreachFactory, TargetFactory
from tests.tips.factories import make_tip

# Per request: session, user, the user's groups (roles; not cached, so a role taken away applies
# on the next request) — then the page's own queries. The committee profile's OTP rule and the
# menu badges are cached (ban138/caching.py) and cost nothing once warm. The chairman's landing
# holds the year-to-date report panel, which compiles the report (see reports/compile.py).
BUDGETS = {
    ("leader", "/nguon-tin/"): 6,
    ("leader", "/nguon-tin/?q=xe+may"): 6,
    ("leader", "/nguon-tin/?state=dang_xac_minh&overdue=on"): 6,
    ("leader", "/trang-chu/lanh_dao_cong_an/"): 8,
    ("officer", "/trang-chu/tiep_nhan/"): 8,
    ("secretariat", "/trang-chu/thuong_truc/"): 11,
    ("official_son_binh", "/trang-chu/can_bo_xa/"): 6,
    ("chairman", "/trang-chu/truong_ban/"): 38,
    ("chairman", "/mo-hinh/"): 7,
}


def _count(client, path):
    client.get(path)  # warm per-process caches (holidays, crime groups)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


@pytest.mark.parametrize(("who", "path"), BUDGETS)
def test_pages_run_a_fixed_number_of_queries_whatever_the_number_of_tips(
    request, client_for, officer, leader, son_binh, who, path
):
    make_tip(by=officer, commune=son_binh)
    call_command("generate_data", tips=10, years=1, seed=2, no_progress=True)
    client = client_for(request.getfixturevalue(who))
    few = _count(client, path)
    call_command("generate_data", tips=120, years=2, seed=3, no_progress=True)
    many = _count(client, path)
    assert few == many, f"{path}: {few} queries with 11 tips, {many} with 131"
    assert many <= BUDGETS[(who, path)]


def test_the_next_page_of_the_register_costs_the_same_as_the_first(client_for, officer, leader):
    call_command("generate_data", tips=130, years=1, seed=4, no_progress=True)
    client = client_for(leader)
    first = client.get("/nguon-tin/")
    cursor = first.context["next_cursor"]
    assert cursor
    with CaptureQueriesContext(connection) as captured:
        second = client.get(f"/nguon-tin/?sau={cursor}")
    assert second.status_code == 200
    assert len(captured.captured_queries) <= BUDGETS[("leader", "/nguon-tin/")]
    # The only COUNT is the menu badge over open tips (state IN …), never one over the register.
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert all('"state" IN' in sql for sql in counts), counts
    assert not any(" OFFSET " in q["sql"].upper() for q in captured.captured_queries)


def _add_campaigns(count, by, communes):
    """Approved plans of 2021, each over its own period (so no two share a tips query), with a
    target, hand figures and outreach — every part that campaign results read."""
    for i in range(count):
        campaign = CampaignFactory(
            created_by=by,
            state=State.APPROVED,
            start=dt.date(2021, 1 + i, 2),
            end=dt.date(2021, 1 + i, 20 + i),
            communes=communes,
            all_communes=i % 2 == 1,
        )
        TargetFactory(campaign=campaign, kind=TargetKind.ARRESTS, value=5)
        CommuneResult.objects.create(campaign=campaign, commune=communes[0], raid_arrests=i)
        OutreachFactory(campaign=campaign, commune=communes[0], held_on=campaign.start)


def _compile_queries(unit):
    with CaptureQueriesContext(connection) as captured:
        compile_report(year=2021, unit=unit, today=dt.date(2022, 3, 1))
    return len(captured.captured_queries)


def test_the_report_compiles_in_the_same_number_of_queries_with_2_or_8_campaigns(
    officer, secretariat, district, son_binh, son_lam
):
    call_command("generate_data", tips=40, years=1, seed=5, no_progress=True)
    _add_campaigns(2, secretariat, [son_binh, son_lam])
    few = _compile_queries(district)
    _add_campaigns(6, secretariat, [son_lam, son_binh])
    many = _compile_queries(district)
    assert few == many, f"{few} queries with 2 campaigns, {many} with 8"
    assert many <= 30
