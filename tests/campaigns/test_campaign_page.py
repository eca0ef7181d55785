import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import CommuneResult, TargetKind
from tests.campaigns.factories import OutreachFactory, TargetFactory, TaskFactory


def _queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (OTP rule, menu badges)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_query_count_does_not_grow_with_communes_or_tasks(
    client_for, chairman, approved, son_binh, commune, in_period
):
    client = client_for(chairman)
    url = reverse("campaigns:detail", args=[approved.pk])
    TaskFactory(campaign=approved)
    small = _queries(client, url)

    for name in ["Sơn Hiệp", "Sơn Trung", "Thành Sơn", "Ba Cụm Bắc"]:
        approved.communes.add(commune(name))
        TargetFactory(campaign=approved, kind=TargetKind.ARRESTS, commune=commune(name), value=3)
        CommuneResult.objects.create(campaign=approved, commune=commune(name), raid_arrests=2)
        OutreachFactory(campaign=approved, commune=commune(name))
    TaskFactory.create_batch(20, campaign=approved, due_date=dt.date(2021, 1, 5))
    assert _queries(client, url) == small
    assert _queries(client, reverse("campaigns:report", args=[approved.pk])) <= small


def test_overdue_tasks_are_marked_on_the_campaign_page(
    client_for, secretariat, approved, in_period
):
    TaskFactory(campaign=approved, title="Rà soát đối tượng nghiện", due_date=dt.date(2021, 1, 31))
    TaskFactory(campaign=approved, title="Họp giao ban", due_date=dt.date(2021, 2, 1))
    page = client_for(secretariat).get(reverse("campaigns:detail", args=[approved.pk]))
    html = page.content.decode()
    overdue_row = html.split("Rà soát đối tượng nghiện")[1].split("</tr>")[0]
    on_time_row = html.split("Họp giao ban")[1].split("</tr>")[0]
    assert "Quá hạn" in overdue_row and "Quá hạn" not in on_time_row


def test_the_sơ_kết_page_is_a4_and_carries_the_text(client_for, chairman, approved, in_period):
    approved.summary_text = "Đợt cao điểm đã kéo giảm tội phạm xâm phạm sở hữu."
    approved.save()
    page = client_for(chairman).get(reverse("campaigns:report", args=[approved.pk]))
    html = page.content.decode()
    assert "Đợt cao điểm đã kéo giảm tội phạm xâm phạm sở hữu." in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "campaigns/report.css" in html and "<script>" not in html


def test_the_sơ_kết_prints_its_shortcomings_and_the_committees_own_recipients(
    client_for, chairman, approved, in_period
):
    from ban138.committee import current_wording

    approved.shortcomings_text = "Việc nắm tình hình còn chậm."
    approved.save()
    html = client_for(chairman).get(reverse("campaigns:report", args=[approved.pk])).content
    html = html.decode()
    assert "Hạn chế, tồn tại:" in html and "Việc nắm tình hình còn chậm." in html
    recipients = html.split("Nơi nhận:")[1].split("</td>")[0]
    for line in current_wording().recipients:
        assert line in recipients


def test_the_list_filters_by_year_state_and_commune(
    client_for, chairman, approved, draft, son_lam, in_period
):
    client = client_for(chairman)
    url = reverse("campaigns:list")
    assert (
        approved.title
        in client.get(url, {"year": 2021, "state": "dang_trien_khai"}).content.decode()
    )
    assert approved.title not in client.get(url, {"year": 2020}).content.decode()
    assert (
        approved.title not in client.get(url, {"year": 2021, "state": "du_thao"}).content.decode()
    )
    assert approved.title in client.get(url, {"year": 2021, "commune": son_lam.pk}).content.decode()


def test_a_commune_official_sees_their_own_row_and_the_totals_only(
    client_for, official_son_lam, chairman, approved, son_binh, son_lam, in_period
):
    """Issue 15.4: Sơn Lâm's official reads Sơn Lâm's figures and the campaign's totals, not Sơn
    Bình's row or outreach — on the campaign page and on its sơ kết."""
    CommuneResult.objects.create(campaign=approved, commune=son_binh, raid_arrests=7)
    CommuneResult.objects.create(campaign=approved, commune=son_lam, raid_arrests=2)
    OutreachFactory(campaign=approved, commune=son_binh, topic="ZZBINH tuyên truyền")
    OutreachFactory(campaign=approved, commune=son_lam, topic="ZZLAM tuyên truyền")
    for name in ("campaigns:detail", "campaigns:report"):
        url = reverse(name, args=[approved.pk])
        page = client_for(official_son_lam).get(url)
        rows = [line.commune for line in page.context["results"].communes]
        assert rows == [son_lam], name
        assert page.context["results"].total.raid_arrests == 9
        html = page.content.decode()
        assert "ZZBINH" not in html
        # District-wide readers still see every commune.
        rows = [line.commune for line in client_for(chairman).get(url).context["results"].communes]
        assert set(rows) == {son_binh, son_lam}
    detail = client_for(official_son_lam).get(reverse("campaigns:detail", args=[approved.pk]))
    assert "ZZLAM" in detail.content.decode()
