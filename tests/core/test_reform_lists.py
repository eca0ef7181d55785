"""Issue 20, point 1: lists filtered by a new commune include its predecessors' records — wholly,
or in part through the villages that passed to it — and each record shows in one commune's list.

Invented partial case on top of the demo's reform: Thôn Liên Hòa of Sơn Bình passes to Tây
Khánh Sơn on 1/7/2025, the rest of Sơn Bình wholly to Khánh Sơn (seed_reform)."""

import datetime as dt

import pytest
from django.urls import reverse

from ban138.demo import REFORM_DATE, REFORM_RESOLUTION, seed_reform
from ban138.succession import Part, record_succession
from tests.campaigns.factories import CampaignFactory
from tests.models_registry.factories import make_model
from tests.tips.factories import local, make_tip

TODAY = dt.date(2026, 2, 1)


@pytest.fixture
def new(district, son_binh, lien_hoa):
    new = seed_reform(district)
    record_succession(
        successor=new["Tây Khánh Sơn"],
        effective_date=REFORM_DATE,
        resolution=REFORM_RESOLUTION,
        parts=[Part(son_binh, villages=(lien_hoa,))],
    )
    return new


def test_the_tips_register_of_a_new_commune_lists_its_predecessors_tips(
    new, son_lam, son_binh, lien_hoa, officer
):
    from tips.forms import TipFilterForm
    from tips.models import Tip

    whole = make_tip(by=officer, commune=son_lam, received_at=local(2024, 4, 1))
    moved = make_tip(by=officer, commune=son_binh, village=lien_hoa, received_at=local(2024, 4, 2))
    stayed = make_tip(by=officer, commune=son_binh, received_at=local(2024, 4, 3))
    own = make_tip(by=officer, commune=new["Tây Khánh Sơn"], received_at=local(2025, 9, 1))

    def listed(unit):
        form = TipFilterForm({"commune": unit.pk})
        assert form.is_valid(), form.errors
        return set(form.apply(Tip.objects.all(), TODAY).values_list("pk", flat=True))

    assert listed(new["Tây Khánh Sơn"]) == {whole.pk, moved.pk, own.pk}
    assert listed(new["Khánh Sơn"]) == {stayed.pk}
    assert listed(son_lam) == {whole.pk}  # an old unit's list is its own records


def test_the_models_list_of_a_new_commune_lists_its_predecessors_models(
    new, son_lam, son_binh, lien_hoa, leader
):
    from models_registry.forms import ModelFilterForm
    from models_registry.models import SecurityModel

    whole, stayed = make_model(son_lam), make_model(son_binh)
    moved = make_model(son_binh, village=lien_hoa)

    def listed(unit):
        form = ModelFilterForm({"commune": unit.pk}, user=leader)
        return set(form.apply(SecurityModel.objects.all(), TODAY).values_list("pk", flat=True))

    assert listed(new["Tây Khánh Sơn"]) == {whole.pk, moved.pk}
    assert listed(new["Khánh Sơn"]) == {stayed.pk}


def test_the_campaign_list_of_a_new_commune_lists_its_predecessors_plans(
    new, son_lam, son_binh, commune, chairman, client_for
):
    of_son_lam = CampaignFactory(plan_date=dt.date(2024, 3, 1), communes=[son_lam])
    of_son_binh = CampaignFactory(plan_date=dt.date(2024, 3, 2), communes=[son_binh])
    elsewhere = CampaignFactory(plan_date=dt.date(2024, 3, 3), communes=[commune("Sơn Trung")])
    response = client_for(chairman).get(
        reverse("campaigns:list"), {"year": 2024, "commune": new["Tây Khánh Sơn"].pk}
    )
    listed = {c.pk for c in response.context["campaigns"]}
    # Sơn Bình gave Tây Khánh Sơn a village: its plan covered part of the new commune.
    assert listed == {of_son_lam.pk, of_son_binh.pk}
    assert elsewhere.pk not in listed
