import datetime as dt
import unicodedata
import uuid

from django.urls import reverse

from campaigns.models import Campaign, State, Target, TargetKind


def _plan(communes, **overrides):
    data = {
        "number": "05/KH-BCĐ138",
        "plan_date": "2021-01-05",
        "title": "Đợt cao điểm tấn công trấn áp tội phạm dịp Tết Nguyên đán Tân Sửu 2021",
        "start": "2021-01-10",
        "end": "2021-02-28",
        "lead_agency": "Công an huyện",
        "communes": [c.pk for c in communes],
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_the_secretariat_drafts_a_plan_with_nfc_text(client_for, secretariat, son_binh):
    decomposed = unicodedata.normalize("NFD", "Đợt cao điểm dịp Tết Canh Tý 2020")
    response = client_for(secretariat).post(
        reverse("campaigns:create"), _plan([son_binh], title=decomposed)
    )
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    assert campaign.title == unicodedata.normalize("NFC", decomposed)
    assert campaign.state == State.DRAFT and campaign.created_by == secretariat
    assert list(campaign.communes.all()) == [son_binh]


def test_a_double_submit_creates_one_plan(client_for, secretariat, son_binh):
    client = client_for(secretariat)
    data = _plan([son_binh])
    first = client.post(reverse("campaigns:create"), data)
    second = client.post(reverse("campaigns:create"), data)
    assert Campaign.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_an_end_before_the_start_is_refused_in_vietnamese(client_for, secretariat, son_binh):
    response = client_for(secretariat).post(
        reverse("campaigns:create"), _plan([son_binh], start="2021-03-01", end="2021-02-01")
    )
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_plan_needs_its_communes(client_for, secretariat):
    response = client_for(secretariat).post(reverse("campaigns:create"), _plan([]))
    assert "Chọn các đơn vị tham gia hoặc đánh dấu toàn huyện" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_plan_may_cover_the_whole_district(client_for, secretariat, commune):
    client_for(secretariat).post(reverse("campaigns:create"), _plan([], all_communes="on"))
    campaign = Campaign.objects.get()
    assert commune("Thành Sơn").pk in campaign.participating_commune_ids()
    assert len(campaign.participating_commune_ids()) == 8


def test_a_target_without_a_number_is_refused(client_for, secretariat, draft):
    client = client_for(secretariat)
    url = reverse("campaigns:target_add", args=[draft.pk])
    page = client.post(url, {"kind": TargetKind.ARRESTS, "value": ""}, follow=True)
    assert "Trường này là bắt buộc" in page.content.decode()
    assert not Target.objects.filter(kind=TargetKind.ARRESTS).exists()
    client.post(url, {"kind": TargetKind.ARRESTS, "value": "-3"})
    assert not Target.objects.filter(kind=TargetKind.ARRESTS).exists()
    client.post(url, {"kind": TargetKind.ARRESTS, "value": "25"})
    assert Target.objects.get(kind=TargetKind.ARRESTS).value == 25


def test_a_target_for_a_commune_outside_the_campaign_is_refused(
    client_for, secretariat, draft, commune
):
    outside = commune("Thành Sơn")
    client_for(secretariat).post(
        reverse("campaigns:target_add", args=[draft.pk]),
        {"kind": TargetKind.ARRESTS, "commune": outside.pk, "value": "5"},
    )
    assert not Target.objects.filter(commune=outside).exists()


def test_an_approved_plan_cannot_be_edited(client_for, secretariat, approved, son_binh):
    client = client_for(secretariat)
    page = client.get(reverse("campaigns:edit", args=[approved.pk]), follow=True)
    assert "Kế hoạch đã được phê duyệt nên không sửa được nữa" in page.content.decode()
    client.post(reverse("campaigns:edit", args=[approved.pk]), _plan([son_binh], title="Khác"))
    client.post(
        reverse("campaigns:target_add", args=[approved.pk]),
        {"kind": TargetKind.ARRESTS, "value": "10"},
    )
    approved.refresh_from_db()
    assert approved.title.startswith("Đợt cao điểm")
    assert not approved.targets.filter(kind=TargetKind.ARRESTS).exists()


def test_a_draft_is_edited_with_optimistic_locking(client_for, secretariat, draft, son_binh):
    client = client_for(secretariat)
    data = _plan([son_binh], title="Dự thảo sửa lần 1", version=draft.version)
    assert client.post(reverse("campaigns:edit", args=[draft.pk]), data).status_code == 302
    stale = client.post(reverse("campaigns:edit", args=[draft.pk]), {**data, "title": "Lần 2"})
    assert stale.status_code == 409
    draft.refresh_from_db()
    assert draft.title == "Dự thảo sửa lần 1"


def test_the_secretariat_adds_a_task_and_the_police_mark_it_done(
    client_for, secretariat, leader, approved
):
    client_for(secretariat).post(
        reverse("campaigns:task_add", args=[approved.pk]),
        {
            "title": "Tuần tra đêm giao thừa",
            "owner": "Công an xã Sơn Bình",
            "due_date": "2021-02-11",
        },
    )
    task = approved.tasks.get()
    response = client_for(leader).post(
        reverse("campaigns:task_update", args=[task.pk]),
        {"done": "on", "note": "Đã tuần tra 3 đêm", "version": task.version},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done and task.note == "Đã tuần tra 3 đêm"
    assert task.due_date == dt.date(2021, 2, 11)


def test_a_commune_official_cannot_update_tasks(client_for, official_son_binh, approved):
    task = approved.tasks.create(title="Việc", owner="Xã", due_date=dt.date(2021, 1, 20))
    url = reverse("campaigns:task_update", args=[task.pk])
    assert client_for(official_son_binh).post(url, {"done": "on", "version": 1}).status_code == 403
