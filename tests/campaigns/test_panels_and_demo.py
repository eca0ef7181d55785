import datetime as dt
import io

from django.urls import reverse

from campaigns import demo
from campaigns.models import Campaign, Outreach, State
from tests.campaigns.factories import CampaignFactory, TaskFactory


def test_the_secretariat_sees_overdue_tasks_and_drafts_on_landing(
    client_for, secretariat, approved, son_binh, in_period
):
    waiting = CampaignFactory(created_by=secretariat, title="Dự thảo đợt phòng chống ma túy")
    TaskFactory(campaign=approved, title="Tuần tra đêm 30 Tết", due_date=dt.date(2021, 1, 25))
    TaskFactory(campaign=approved, title="Họp sơ kết", due_date=dt.date(2021, 3, 5))
    page = client_for(secretariat).get(reverse("landing", kwargs={"role": "thuong_truc"}))
    html = page.content.decode()
    assert "Tuần tra đêm 30 Tết" in html and "Họp sơ kết" not in html
    assert "Dự thảo chờ Trưởng ban phê duyệt" in html and waiting.title in html


def test_the_chairman_sees_plans_awaiting_approval(client_for, chairman, draft):
    page = client_for(chairman).get(reverse("landing", kwargs={"role": "truong_ban"}))
    html = page.content.decode()
    assert "Kế hoạch đợt cao điểm chờ phê duyệt" in html
    assert reverse("campaigns:detail", args=[draft.pk]) in html


def test_demo_data_is_idempotent_and_needs_no_tips(district):
    from ban138.demo import seed_users

    seed_users(district)
    demo.seed(stdout=io.StringIO())
    counts = (Campaign.objects.count(), Outreach.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (Campaign.objects.count(), Outreach.objects.count()) == counts
    tet = Campaign.objects.get(title__contains="Canh Tý 2020")
    assert tet.state == State.CLOSED and tet.targets.exists() and tet.commune_results.exists()
    assert set(Campaign.objects.values_list("plan_date__year", flat=True)) == {2019, 2020, 2021}
