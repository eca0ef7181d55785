"""Issue 15.8: inputs that were 500s become a Vietnamese message or a safe refusal."""

import json
import logging
import uuid

import pytest
from django.urls import reverse

from reports.models import ReportDraft
from tests.tips.factories import make_tip
from tests.tips.test_intake import _post_data
from tips import services
from tips.models import Informant, InformantReveal, Tip

pytestmark = pytest.mark.django_db


def test_a_receipt_in_year_1_is_refused_in_vietnamese(client_for, officer, son_binh):
    response = client_for(officer).post(
        reverse("tips:create"), _post_data(son_binh, received_at="0001-01-01T00:00")
    )
    assert response.status_code == 200
    assert "Thời điểm tiếp nhận phải từ năm 2000 trở đi." in response.content.decode()
    assert not Tip.objects.exists()


def test_a_commune_report_for_year_0_or_1_is_a_404_not_a_500(client_for, chairman, son_binh):
    client = client_for(chairman)
    for year in (0, 1):
        assert (
            client.get(reverse("reports:commune_report", args=[son_binh.pk, year])).status_code
            == 404
        )
        assert (
            client.get(reverse("reports:commune_file", args=[son_binh.pk, year, "pdf"])).status_code
            == 404
        )


def test_an_informant_that_cannot_be_decrypted_is_a_message_and_not_logged_as_shown(
    client_for, officer, leader, son_binh, caplog
):
    tip = make_tip(by=officer, commune=son_binh, informant={"name": "Người báo tin"})
    # The key it was written with is gone (or the data was altered).
    Informant.objects.filter(tip=tip).update(ciphertext="v1:khoa-cu:AAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    caplog.set_level(logging.INFO, logger="ban138.audit")
    response = client_for(leader).post(
        reverse("tips:informant_reveal", args=[tip.pk]), {"reason": "Xác minh lời khai"}
    )
    assert response.status_code == 200
    assert "Không giải mã được thông tin người tố giác" in response.content.decode()
    assert not InformantReveal.objects.filter(tip=tip, refused=False).exists()
    events = [
        json.loads(r.getMessage())["event"] for r in caplog.records if r.name == "ban138.audit"
    ]
    assert "informant_shown" not in events and "informant_unreadable" in events


def test_two_create_draft_posts_at_once_make_one_draft_and_no_500(
    client_for, secretariat, district, monkeypatch
):
    """Both requests pass the "no open draft yet" check and the model's validation; the other
    one commits its insert first — here, right after this one's validation."""
    validate = ReportDraft.full_clean

    def the_other_request_commits_in_between(self, *args, **kwargs):
        validate(self, *args, **kwargs)
        monkeypatch.setattr(ReportDraft, "full_clean", validate)
        ReportDraft.objects.bulk_create(
            [ReportDraft(year=self.year, unit=self.unit, created_by=secretariat, recipients="")]
        )

    monkeypatch.setattr(ReportDraft, "full_clean", the_other_request_commits_in_between)
    response = client_for(secretariat).post(
        reverse("reports:draft_create"),
        {"year": 2020, "unit": district.pk, "submission_token": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    assert ReportDraft.objects.filter(year=2020, unit=district).count() == 1
    page = client_for(secretariat).get(response["Location"])
    assert "Đã có một dự thảo chưa ban hành" in page.content.decode()


def test_an_informant_refusal_still_works_after_the_reorder(
    client_for, officer, other_officer, leader, son_binh
):
    tip = make_tip(by=officer, commune=son_binh, informant={"name": "Người báo tin"})
    services.tip_assign(tip=tip, by=leader, officer=officer)
    assert (
        client_for(other_officer).post(reverse("tips:informant_reveal", args=[tip.pk])).status_code
        == 403
    )
    # The refused try is on the record as refused; nothing was shown.
    assert not InformantReveal.objects.filter(refused=False).exists()
    assert InformantReveal.objects.filter(refused=True, user=other_officer).exists()
