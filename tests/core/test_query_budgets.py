"""Query-count budgets (docs/PERFORMANCE.md): the register list and the landing pages run a fixed
number of queries, the same with a handful of tips as with hundreds — no per-row queries, no
COUNT(*) that grows with pages. Counts, never times: the benchmark reports times."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CommuneResult, State, TargetKind
from reports.compile import compile_report
from tests.campaigns.factories import CampaignFactory, OutreachFactory, TargetFactory
from tests.tips.factories import local as _local
from tests.tips.factories import make_tip

# Per request: the session, then the user with its roles and bound commune in one query
# (ban138/auth.py; read every time, so a role taken away applies on the next request), then the
# page's own. Reference lists (communes, crime groups), menu badges and landing panels are cached
# until the next write (ban138/caching.py), so a warm page costs at most 3 queries (issue #9); a
# cold one — the first after a write — costs more but just as few with many tips as with few.
WARM_BUDGET = 3
PAGES = [
    ("leader", "/nguon-tin/"),
    ("leader", "/nguon-tin/?q=xe+may"),
    ("leader", "/nguon-tin/?state=dang_xac_minh&overdue=on"),
    ("leader", "/trang-chu/lanh_dao_cong_an/"),
    ("officer", "/nguon-tin/"),
    ("officer", "/trang-chu/tiep_nhan/"),
    ("secretariat", "/trang-chu/thuong_truc/"),
    ("official_son_binh", "/trang-chu/can_bo_xa/"),
    ("chairman", "/trang-chu/truong_ban/"),
]
# The first request after a write recomputes the panels: the chairman's holds the year-to-date
# report (reports/compile.py, at most 30 queries) and the models and campaigns panels. With the
# whole cache cleared the register also reloads its reference lists and the officers behind its
# filter form, and counts its results (bounded, tips.views.COUNT_LIMIT); the report also reloads
# the units' successions (ban138.succession, 2 queries, cached until a unit changes).
COLD_BUDGET = {"/trang-chu/truong_ban/": 42, "/trang-chu/thuong_truc/": 12, "/nguon-tin/": 10}


def _count(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


def _cold_and_warm(client, path):
    cache.clear()
    return _count(client, path), _count(client, path)


@pytest.mark.parametrize(("who", "path"), PAGES)
def test_pages_run_a_fixed_number_of_queries_whatever_the_number_of_tips(
    request, client_for, officer, leader, son_binh, who, path
):
    make_tip(by=officer, commune=son_binh)
    call_command("generate_data", tips=10, years=1, seed=2, no_progress=True)
    client = client_for(request.getfixturevalue(who))
    few_cold, few_warm = _cold_and_warm(client, path)
    call_command("generate_data", tips=120, years=2, seed=3, no_progress=True)
    many_cold, many_warm = _cold_and_warm(client, path)
    assert few_cold == many_cold, f"{path}: {few_cold} queries with 11 tips, {many_cold} with 131"
    assert few_warm == many_warm
    assert many_warm <= WARM_BUDGET, f"{path}: {many_warm} queries once warm"
    assert many_cold <= COLD_BUDGET.get(path.split("?")[0], 8)


def test_a_write_makes_the_next_landing_recompute_its_panels(client_for, officer, leader, son_binh):
    """The cache never hides work: a tip written after the desk was cached shows on the next
    load, because any write starts a new cache generation."""
    client = client_for(leader)
    url = "/trang-chu/lanh_dao_cong_an/"
    client.get(url)
    assert _count(client, url) <= WARM_BUDGET
    tip = make_tip(by=officer, commune=son_binh)
    page = client.get(url).content.decode()
    unassigned = page.split('data-list="unassigned"')[1].split("</ul>")[0]
    assert tip.register_number in unassigned


def test_the_chairmans_year_to_date_figures_are_refreshed_on_a_timer_and_say_when(
    client_for, chairman, officer, son_binh
):
    """A full compile of the year refreshes them, so a write does not drop them: they say when
    they were computed and how often they are refreshed instead."""
    client = client_for(chairman)
    url = "/trang-chu/truong_ban/"
    client.get(url)
    make_tip(by=officer, commune=son_binh)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    # The other panels (models, campaigns awaiting approval) follow the write; the compile does not.
    assert not any('FROM "tips_tip"' in q["sql"] for q in captured.captured_queries)
    assert "Số liệu tính lúc" in page and "cập nhật 10 phút một lần" in page


def test_the_next_page_of_the_register_costs_the_same_as_the_first(client_for, officer, leader):
    call_command("generate_data", tips=130, years=1, seed=4, no_progress=True)
    client = client_for(leader)
    first = client.get("/nguon-tin/")
    cursor = first.context["next_cursor"]
    assert cursor
    with CaptureQueriesContext(connection) as captured:
        second = client.get(f"/nguon-tin/?sau={cursor}")
    assert second.status_code == 200
    assert len(captured.captured_queries) <= WARM_BUDGET
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
    _compile_queries(district)  # the first compile also loads the successions (cached after)
    few = _compile_queries(district)
    _add_campaigns(6, secretariat, [son_lam, son_binh])
    many = _compile_queries(district)
    assert few == many, f"{few} queries with 2 campaigns, {many} with 8"
    assert many <= 30


def test_the_district_report_reads_the_tips_and_cases_once_its_campaigns_included(
    officer, secretariat, district, son_binh, son_lam
):
    """The year's campaigns count tips over their own periods: the report asks for those counts
    beside its own, so the tips and the cases are each aggregated in one query, not two — and
    each campaign's results are the ones it computes alone."""
    from campaigns.models import Campaign, Target
    from campaigns.queries import campaign_summaries
    from tips.models import Tip, TipState

    _add_campaigns(3, secretariat, [son_binh, son_lam])
    for campaign in Campaign.objects.all():
        Target.objects.create(campaign=campaign, kind=TargetKind.TIPS_SETTLED, value=2)
    for month in (1, 2, 2, 3, 7):
        tip = make_tip(by=officer, commune=son_lam, received_at=_local(2021, month, 5))
        Tip.objects.filter(pk=tip.pk).update(
            state=TipState.NOT_PROSECUTED, decision_date=dt.date(2021, month, 15)
        )
    today = dt.date(2022, 3, 1)
    compile_report(year=2021, unit=district, today=today)
    with CaptureQueriesContext(connection) as captured:
        figures = compile_report(year=2021, unit=district, today=today)
    scans = [
        q["sql"]
        for q in captured.captured_queries
        if "COUNT(" in q["sql"]
        and ('FROM "tips_tip"' in q["sql"] or 'FROM "tips_case"' in q["sql"])
    ]
    assert len(scans) == 2, scans
    alone = [[t.result for t in s.targets] for s in campaign_summaries(year=2021)]
    assert [[t.result for t in line.targets] for line in figures.campaigns] == alone
    assert any(result for results in alone for result in results)  # tips settled in the periods
