"""Plans and sơ kết take their numbers from the committee's sổ văn bản đi (one series with the
annual reports): a used number is refused, the sơ kết prints its number, date and Nơi nhận."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ban138 import documents
from ban138.models import DocumentKind, OutgoingDocument
from campaigns import services
from campaigns.models import Campaign, State


def test_approving_enters_the_plan_number_in_the_register(chairman, draft):
    services.campaign_approve(campaign=draft, by=chairman)
    line = OutgoingDocument.objects.get(source=documents.source_key(draft))
    assert line.kind == DocumentKind.PLAN and line.document_date == draft.plan_date
    assert Campaign.objects.get(pk=draft.pk).number == line.number_label


def test_a_plan_number_already_used_by_a_report_is_refused(chairman, draft):
    documents.document_register(
        kind=DocumentKind.REPORT,
        title="Báo cáo tổng kết năm 2020",
        document_date=dt.date(2021, 1, 4),
        number=documents.parse_number(draft.number),
        by=chairman,
    )
    with pytest.raises(ValidationError, match="Số còn trống tiếp theo là"):
        services.campaign_approve(campaign=draft, by=chairman)
    assert Campaign.objects.get(pk=draft.pk).state == State.DRAFT


def test_a_plan_number_that_is_not_a_number_is_refused(chairman, draft):
    draft.number = "KH-BCĐ138"
    draft.save()
    with pytest.raises(ValidationError, match="số thứ tự"):
        services.campaign_approve(campaign=draft, by=chairman)


def test_closing_gives_the_sơ_kết_the_next_number_and_the_date_set(
    client_for, chairman, secretariat, draft, in_period
):
    services.campaign_approve(campaign=draft, by=chairman)
    campaign = Campaign.objects.get(pk=draft.pk)
    response = client_for(secretariat).post(
        reverse("campaigns:close", args=[campaign.pk]),
        {"summary_text": "Đạt chỉ tiêu.", "report_date": "2021-01-30"},
    )
    assert response.status_code == 302
    line = services.interim_report_document(campaign)
    plan = documents.parse_number(campaign.number)
    assert line.number == plan + 1 and line.document_date == dt.date(2021, 1, 30)
    page = client_for(chairman).get(reverse("campaigns:report", args=[campaign.pk]))
    html = page.content.decode()
    assert f"Số: {line.number_label}" in html
    assert "ngày 30 tháng 01 năm 2021" in html or "ngày 30 tháng 1 năm 2021" in html
    assert "Nơi nhận:" in html and "Lưu: VT." in html


def test_a_sơ_kết_date_after_today_is_refused(secretariat, chairman, draft, in_period):
    services.campaign_approve(campaign=draft, by=chairman)
    with pytest.raises(ValidationError):
        services.campaign_close(
            campaign=Campaign.objects.get(pk=draft.pk),
            by=secretariat,
            summary_text="Sơ kết",
            report_date=dt.date(2021, 3, 1),
        )
