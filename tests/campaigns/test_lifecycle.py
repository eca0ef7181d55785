import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.models import Campaign, DisplayState, State, Transition
from tests.campaigns.factories import CampaignFactory


def test_the_chairman_approves_a_draft_and_the_step_is_recorded(client_for, chairman, draft):
    response = client_for(chairman).post(reverse("campaigns:approve", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.APPROVED
    step = Transition.objects.get(campaign=draft)
    assert (step.from_state, step.to_state, step.by) == (State.DRAFT, State.APPROVED, chairman)
    assert step.at is not None


@pytest.mark.parametrize("persona", ["secretariat", "officer", "leader", "official_son_binh"])
def test_only_the_chairman_may_approve(client_for, personas, persona, draft):
    response = client_for(personas[persona]).post(reverse("campaigns:approve", args=[draft.pk]))
    # A commune official does not even learn that a draft exists.
    assert response.status_code == (404 if persona == "official_son_binh" else 403)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_a_plan_without_targets_cannot_be_approved(chairman, draft):
    draft.targets.all().delete()
    with pytest.raises(ValidationError, match="chưa có chỉ tiêu"):
        services.campaign_approve(campaign=draft, by=chairman)


def test_an_approved_plan_is_running_while_today_is_in_its_period(approved):
    assert approved.state_on(dt.date(2021, 1, 9)) == DisplayState.APPROVED
    assert approved.state_on(dt.date(2021, 1, 10)) == DisplayState.RUNNING
    assert approved.state_on(dt.date(2021, 2, 28)) == DisplayState.RUNNING
    assert approved.state_on(dt.date(2021, 3, 1)) == DisplayState.APPROVED


def test_closing_needs_a_sơ_kết_text_and_records_who(client_for, secretariat, approved, in_period):
    client = client_for(secretariat)
    url = reverse("campaigns:close", args=[approved.pk])
    empty = client.post(url, {"summary_text": "   "})
    assert empty.status_code == 200
    assert "Trường này là bắt buộc" in empty.content.decode()
    response = client.post(url, {"summary_text": "Đợt cao điểm đạt và vượt các chỉ tiêu đề ra."})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.state == State.CLOSED
    assert approved.summary_text == "Đợt cao điểm đạt và vượt các chỉ tiêu đề ra."
    assert approved.transitions.last().by == secretariat


def test_the_sơ_kết_keeps_its_shortcomings_apart_and_reads_the_date_as_typed(
    client_for, secretariat, approved, in_period
):
    url = reverse("campaigns:close", args=[approved.pk])
    response = client_for(secretariat).post(
        url,
        {
            "summary_text": "Đạt các chỉ tiêu.",
            "shortcomings_text": "Còn tụ điểm cờ bạc tái hoạt động.",
            "report_date": "01/02/2021",  # 1 February (dd/mm/yyyy), whatever the browser's language
        },
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.shortcomings_text == "Còn tụ điểm cờ bạc tái hoạt động."
    from ban138 import documents

    [line] = documents.documents_of(documents.source_key(approved))
    assert line.document_date == dt.date(2021, 2, 1)


def test_a_campaign_cannot_close_before_it_starts(secretariat, approved):
    with pytest.raises(ValidationError, match="chưa bắt đầu"):
        services.campaign_close(
            campaign=approved, by=secretariat, summary_text="x", today=dt.date(2021, 1, 9)
        )


@pytest.mark.parametrize("persona", ["officer", "leader"])
def test_police_cannot_close_a_campaign(client_for, personas, persona, approved, in_period):
    url = reverse("campaigns:close", args=[approved.pk])
    assert client_for(personas[persona]).post(url, {"summary_text": "x"}).status_code == 403


def test_a_draft_cannot_be_closed(secretariat, draft, in_period):
    with pytest.raises(ValidationError, match="đã được phê duyệt"):
        services.campaign_close(campaign=draft, by=secretariat, summary_text="Sơ kết")


def test_the_database_refuses_a_period_that_ends_before_it_starts(secretariat):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        CampaignFactory(created_by=secretariat, start=dt.date(2021, 3, 1), end=dt.date(2021, 2, 1))


def test_approving_twice_is_refused(chairman, draft):
    services.campaign_approve(campaign=draft, by=chairman)
    with pytest.raises(ValidationError, match="đã được phê duyệt"):
        services.campaign_approve(campaign=Campaign.objects.get(pk=draft.pk), by=chairman)
    assert Transition.objects.filter(campaign=draft).count() == 1
