"""Hand-entered figures: a commune official enters their own commune's, and nothing else."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from campaigns.forms import SEIZED_ITEMS_MAX
from campaigns.models import CommuneResult, Outreach, SeizedItem, State


def _result(**overrides):
    data = {
        "raid_arrests": "4",
        "note": "Truy quét tụ điểm cờ bạc",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-name": "Ma túy tổng hợp",
        "items-0-quantity": "12,5",
        "items-0-unit": "gam",
        "items-1-name": "",
        "items-1-quantity": "",
        "items-1-unit": "",
    }
    data.update(overrides)
    return data


def test_a_commune_official_enters_their_communes_figures(
    client_for, official_son_binh, approved, son_binh
):
    url = reverse("campaigns:result_edit", args=[approved.pk, son_binh.pk])
    response = client_for(official_son_binh).post(url, _result())
    assert response.status_code == 302
    result = CommuneResult.objects.get(campaign=approved, commune=son_binh)
    assert result.raid_arrests == 4
    item = SeizedItem.objects.get(result=result)
    assert (item.name, str(item.quantity), item.unit) == ("Ma túy tổng hợp", "12.50", "gam")


def test_a_seizure_list_longer_than_the_limit_is_refused_and_nothing_saved(
    client_for, official_son_binh, approved, son_binh
):
    rows = SEIZED_ITEMS_MAX + 1
    data = _result(**{"items-TOTAL_FORMS": str(rows)})
    for i in range(rows):
        data |= {
            f"items-{i}-name": f"Tang vật {i}",
            f"items-{i}-quantity": "1",
            f"items-{i}-unit": "cái",
        }
    url = reverse("campaigns:result_edit", args=[approved.pk, son_binh.pk])
    response = client_for(official_son_binh).post(url, data)
    assert response.status_code == 200
    assert f"tối đa {SEIZED_ITEMS_MAX} dòng tang vật" in response.content.decode()
    assert not SeizedItem.objects.exists()


def test_another_communes_figures_are_out_of_reach(
    client_for, official_son_binh, approved, son_lam
):
    url = reverse("campaigns:result_edit", args=[approved.pk, son_lam.pk])
    client = client_for(official_son_binh)
    assert client.get(url).status_code == 404
    assert client.post(url, _result()).status_code == 404
    assert not CommuneResult.objects.exists()


def test_a_tampered_commune_field_does_not_change_scope(
    client_for, official_son_binh, approved, son_binh, son_lam
):
    url = reverse("campaigns:result_edit", args=[approved.pk, son_binh.pk])
    client_for(official_son_binh).post(url, _result(commune=str(son_lam.pk)))
    assert list(CommuneResult.objects.values_list("commune", flat=True)) == [son_binh.pk]


def test_a_result_for_a_commune_outside_the_campaign_is_refused(
    client_for, secretariat, approved, commune
):
    url = reverse("campaigns:result_edit", args=[approved.pk, commune("Thành Sơn").pk])
    assert client_for(secretariat).post(url, _result()).status_code == 404
    assert not CommuneResult.objects.exists()


@pytest.mark.parametrize(
    "bad", [{"raid_arrests": "-1"}, {"items-0-quantity": "-3"}, {"items-0-unit": ""}]
)
def test_negative_counts_are_refused_and_the_input_is_kept(
    client_for, official_son_binh, approved, son_binh, bad
):
    url = reverse("campaigns:result_edit", args=[approved.pk, son_binh.pk])
    page = client_for(official_son_binh).post(url, _result(**bad))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ma túy tổng hợp" in html  # what was typed is still there
    assert "lớn hơn hoặc bằng 0" in html or "bắt buộc" in html
    assert not CommuneResult.objects.exists()


def test_figures_cannot_be_entered_once_the_campaign_is_closed(
    client_for, official_son_binh, approved, son_binh
):
    approved.state = State.CLOSED
    approved.save()
    url = reverse("campaigns:result_edit", args=[approved.pk, son_binh.pk])
    assert client_for(official_son_binh).post(url, _result()).status_code == 403


def _outreach(commune, **overrides):
    data = {
        "commune": commune.pk,
        "held_on": "2021-01-20",
        "topic": "Tuyên truyền phòng, chống ma túy",
        "attendees": "120",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_outreach_outside_any_campaign_is_recorded_once(client_for, official_son_binh, son_binh):
    client = client_for(official_son_binh)
    data = _outreach(son_binh)
    client.post(reverse("campaigns:outreach_create"), data)
    client.post(reverse("campaigns:outreach_create"), data)
    outreach = Outreach.objects.get()
    assert (outreach.commune, outreach.attendees, outreach.campaign) == (son_binh, 120, None)


def test_a_commune_official_cannot_record_outreach_for_another_commune(
    client_for, official_son_binh, son_lam
):
    page = client_for(official_son_binh).post(
        reverse("campaigns:outreach_create"), _outreach(son_lam)
    )
    assert page.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in page.content.decode()
    assert not Outreach.objects.exists()


def test_outreach_for_a_campaign_must_fall_in_its_period(
    client_for, secretariat, approved, son_binh
):
    client = client_for(secretariat)
    url = reverse("campaigns:outreach_create")
    page = client.post(url, _outreach(son_binh, campaign=approved.pk, held_on="2021-03-05"))
    assert "Ngày tổ chức nằm ngoài thời gian của đợt cao điểm" in page.content.decode()
    client.post(url, _outreach(son_binh, campaign=approved.pk))
    assert Outreach.objects.get().campaign == approved
    assert Outreach.objects.get().held_on == dt.date(2021, 1, 20)


def test_negative_attendees_are_refused(client_for, secretariat, son_binh):
    client_for(secretariat).post(
        reverse("campaigns:outreach_create"), _outreach(son_binh, attendees="-5")
    )
    assert not Outreach.objects.exists()
