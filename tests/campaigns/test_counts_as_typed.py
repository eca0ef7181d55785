"""Hand results typed as officials write numbers: "1.200" arrests, "1,25" gam (ban138/fields.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import CommuneResult, SeizedItem


@pytest.mark.django_db
def test_hand_results_take_1_200_arrests_and_show_a_quantity_as_typed(
    client_for, official_son_binh, approved, son_binh
):
    url = reverse("campaigns:result_edit", args=[approved.pk, son_binh.pk])
    client = client_for(official_son_binh)
    data = {
        "raid_arrests": "1.200",
        "note": "",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-name": "Ma túy tổng hợp",
        "items-0-quantity": "1,25",
        "items-0-unit": "gam",
    }
    assert client.post(url, data).status_code == 302
    result = CommuneResult.objects.get(campaign=approved, commune=son_binh)
    assert result.raid_arrests == 1200
    assert SeizedItem.objects.get(result=result).quantity == Decimal("1.25")
    page = client.get(url).content.decode()
    assert 'value="1,25"' in page and 'value="1.200"' in page


@pytest.mark.django_db
def test_hand_results_refuse_half_an_arrest(client_for, official_son_binh, approved, son_binh):
    url = reverse("campaigns:result_edit", args=[approved.pk, son_binh.pk])
    response = client_for(official_son_binh).post(
        url,
        {"raid_arrests": "2,5", "note": "", "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "không có phần lẻ" in response.content.decode()
    assert not CommuneResult.objects.exists()
