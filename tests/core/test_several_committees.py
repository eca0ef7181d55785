"""Issue 20.3: several committees on one installation — each with its own users, receiving
bodies and register numbers, in its own area; a user of no committee sees nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ban138.access import scope_of
from ban138.committee import CommitteeLevel
from ban138.committees import committee_id_of
from ban138.models import (
    AdministrativeUnit,
    CommitteeProfile,
    ReceivingBody,
    UnitKind,
)
from ban138.roles import Role
from tests.factories import make_user
from tests.tips.factories import local, make_tip

pytestmark = pytest.mark.django_db

AFTER_REFORM = local(2026, 3, 2)


@pytest.fixture
def tks(second_committee):
    committee, users = second_committee
    officer = make_user("kt_tks_tiepnhan", Role.OFFICER, committee=committee)
    return committee, {**users, "tks_officer": officer}


def test_a_new_committee_gets_its_standing_receiving_body(tks):
    committee, _users = tks
    assert [b.name for b in committee.receiving_bodies.all()] == ["Công an xã Tây Khánh Sơn"]


def test_users_of_before_stay_with_the_first_committee_when_a_second_is_made(
    district, tay_khanh_son
):
    first = CommitteeProfile.objects.get()
    before = make_user("kt_tu_truoc", Role.OFFICER, committee=None)  # one committee: no row
    assert committee_id_of(before) == first.pk
    CommitteeProfile.objects.create(
        level=CommitteeLevel.COMMUNE,
        district=tay_khanh_son,
        chairman_name="Thử",
        chairman_title="Chủ tịch UBND xã",
    )
    before = type(before).objects.get(pk=before.pk)
    assert committee_id_of(before) == first.pk


def test_with_several_committees_a_user_of_none_sees_nothing(tks):
    loose = make_user("kt_khong_thuoc_ban", Role.POLICE_LEADER, committee=None)
    assert committee_id_of(loose) is None
    scope = scope_of(loose)
    assert not scope.everything and not scope.owns(tks[0].pk) and scope.unit_ids == frozenset()


def test_a_committee_wide_role_covers_its_area_only(tks, son_lam, son_binh):
    scope = scope_of(tks[1]["tks_chairman"])
    assert scope.committee_id == tks[0].pk
    # Sơn Lâm is a predecessor of Tây Khánh Sơn; Sơn Bình became Xã Khánh Sơn.
    assert scope.covers(son_lam.pk) and not scope.covers(son_binh.pk)


def test_two_bodies_number_their_registers_independently(officer, district, tks, son_binh):
    district_tips = [
        make_tip(by=officer, commune=son_binh, received_at=local(2025, 6, 2)) for _ in range(3)
    ]
    tay = tks[0].district
    tks_tips = [
        make_tip(by=tks[1]["tks_officer"], commune=tay, received_at=local(2025, 8, 1 + i))
        for i in range(2)
    ]
    assert [t.register_number for t in district_tips] == ["1/2025", "2/2025", "3/2025"]
    assert [t.register_number for t in tks_tips] == ["1/2025", "2/2025"]
    assert {t.receiving_body.name for t in tks_tips} == {"Công an xã Tây Khánh Sơn"}
    assert {t.receiving_body.committee_id for t in district_tips} == {district_committee().pk}


def district_committee():
    return CommitteeProfile.objects.order_by("pk").first()


def test_a_body_of_another_committee_is_refused(tks):
    district_body = ReceivingBody.objects.get(committee=district_committee())
    with pytest.raises(ValidationError) as refused:
        make_tip(
            by=tks[1]["tks_officer"],
            commune=tks[0].district,
            received_at=AFTER_REFORM,
            receiving_body=district_body,
        )
    assert "không phải cơ quan tiếp nhận của Ban chỉ đạo" in str(refused.value)
    assert "Công an huyện Khánh Sơn" in str(refused.value)


def test_a_tip_filed_under_a_unit_outside_the_committees_area_is_refused(tks):
    # Xã Khánh Sơn (formed from Sơn Bình …) is another commune committee's area, not Tây's.
    xa_khanh_son = AdministrativeUnit.objects.get(name="Khánh Sơn", kind=UnitKind.COMMUNE)
    with pytest.raises(ValidationError) as refused:
        make_tip(by=tks[1]["tks_officer"], commune=xa_khanh_son, received_at=AFTER_REFORM)
    assert "Xã Khánh Sơn không thuộc địa bàn của Ban chỉ đạo." in str(refused.value)


def test_lists_hold_only_the_users_committees_tips(client_for, officer, tks, son_binh):
    district_tip = make_tip(
        by=officer, commune=son_binh, received_at=local(2025, 6, 2), summary="Tip ZZHUYEN"
    )
    own = make_tip(
        by=tks[1]["tks_officer"],
        commune=tks[0].district,
        received_at=AFTER_REFORM,
        summary="Tip ZZTAYKS",
    )
    page = client_for(tks[1]["tks_leader"]).get(reverse("tips:register")).content.decode()
    assert "ZZTAYKS" in page and "ZZHUYEN" not in page
    assert (
        client_for(tks[1]["tks_leader"])
        .get(reverse("tips:detail", args=[district_tip.pk]))
        .status_code
        == 404
    )
    assert client_for(officer).get(reverse("tips:detail", args=[own.pk])).status_code == 404


def test_the_letterhead_is_the_users_committees(client_for, officer, tks, chairman):
    from ban138.committee import current_wording
    from ban138.committees import acting_for

    with acting_for(tks[0]):
        assert current_wording().authority_line == "UBND XÃ TÂY KHÁNH SƠN"
        assert CommitteeProfile.current().level == CommitteeLevel.COMMUNE
    with acting_for(district_committee()):
        assert current_wording().authority_line == "UBND HUYỆN KHÁNH SƠN"


def test_a_commune_committee_under_another_province_is_refused(tks, district):
    other = AdministrativeUnit.objects.create(kind=UnitKind.PROVINCE, name="Ninh Thử")
    province_committee = CommitteeProfile.objects.create(
        level=CommitteeLevel.PROVINCE,
        district=other,
        chairman_name="Thử",
        chairman_title="Chủ tịch UBND tỉnh",
    )
    committee = tks[0]
    committee.parent = province_committee
    with pytest.raises(ValidationError) as refused:
        committee.full_clean()
    assert "Xã Tây Khánh Sơn không thuộc Tỉnh Ninh Thử." in str(refused.value)


def _district_tip(officer, son_binh, summary="Tip ZZHUYEN"):
    return make_tip(by=officer, commune=son_binh, received_at=local(2025, 2, 3), summary=summary)


def test_a_number_of_another_bodys_register_is_not_a_tip_to_merge_into(
    officer, leader, tks, son_binh
):
    from tips import services

    district_tip = _district_tip(officer, son_binh)
    own = make_tip(by=tks[1]["tks_officer"], commune=tks[0].district, received_at=AFTER_REFORM)
    problem = services.merge_problem(own, district_tip)
    assert problem == (
        f"Nguồn tin số {district_tip.register_number} thuộc sổ tiếp nhận của Công an huyện "
        "Khánh Sơn, không phải sổ của Công an xã Tây Khánh Sơn: chỉ gộp các nguồn tin trong "
        "cùng một sổ tiếp nhận."
    )
    # Typed on the form, "1/2025" is looked up in the tip's own register only.
    from tips.forms import MergeForm

    form = MergeForm({"merged_into": district_tip.register_number, "date": "02/03/2026"}, tip=own)
    assert not form.is_valid()
    assert form.errors["merged_into"] == [
        f"Không tìm thấy nguồn tin số “{district_tip.register_number}”."
    ]


def test_work_lists_badge_quality_page_and_reveal_log_hold_only_the_committees_tips(
    client_for, officer, leader, tks, son_binh
):
    from tips import services

    district_tip = _district_tip(officer, son_binh)
    services.informant_reveal(tip=district_tip, by=leader, reason="Kiểm tra ZZREVEAL")
    tks_leader = tks[1]["tks_leader"]
    client = client_for(tks_leader)
    landing = client.get(reverse("landing", kwargs={"role": "lanh_dao_cong_an"}))
    badge = dict((item.url_name, count) for item, count in landing.context["menu_items"])
    assert badge["tips:register"] is None
    assert district_tip.summary not in landing.content.decode()
    assert "ZZHUYEN" not in client.get(reverse("tips:quality")).content.decode()
    log = client.get(reverse("tips:reveal_log")).content.decode()
    assert district_tip.register_number not in log and "ZZREVEAL" not in log
    # The district's own leader still sees them.
    client = client_for(leader)
    landing = client.get(reverse("landing", kwargs={"role": "lanh_dao_cong_an"}))
    assert dict((i.url_name, c) for i, c in landing.context["menu_items"])["tips:register"] == 1


def test_each_committee_numbers_its_own_outgoing_documents(chairman, tks):
    from ban138.committees import acting_for
    from ban138.documents import document_register
    from ban138.models import DocumentKind

    def register(committee, title):
        with acting_for(committee):
            return document_register(
                kind=DocumentKind.PLAN, title=title, document_date=dt.date(2026, 3, 2), by=chairman
            )

    district_plan = register(district_committee(), "Kế hoạch của huyện")
    commune_plans = [register(tks[0], f"Kế hoạch {i} của xã") for i in (1, 2)]
    assert district_plan.number == 1 and district_plan.body == district_committee().district
    assert [d.number for d in commune_plans] == [1, 2]
    assert {d.body for d in commune_plans} == {tks[0].district}


def test_the_landing_panels_hold_only_the_committees_plans(client_for, secretariat, son_lam, tks):
    from campaigns.models import State
    from tests.campaigns.factories import CampaignFactory, TaskFactory

    approved = CampaignFactory(created_by=secretariat, communes=[son_lam], state=State.APPROVED)
    TaskFactory(campaign=approved, title="Tuần tra ZZHUYEN", due_date=dt.date(2021, 1, 25))
    waiting = CampaignFactory(created_by=secretariat, title="Dự thảo ZZDUTHAO")
    assert {approved.committee, waiting.committee} == {district_committee()}
    for user, role in (
        (tks[1]["tks_secretariat"], "thuong_truc"),
        (tks[1]["tks_chairman"], "truong_ban"),
    ):
        html = client_for(user).get(reverse("landing", kwargs={"role": role})).content.decode()
        assert "ZZHUYEN" not in html and "ZZDUTHAO" not in html
    html = client_for(secretariat).get(reverse("landing", kwargs={"role": "thuong_truc"}))
    assert "ZZHUYEN" in html.content.decode() and "ZZDUTHAO" in html.content.decode()


def test_a_user_of_no_committee_gets_empty_pages_not_errors(client_for, tks):
    loose = make_user("kt_truongban_khong_ban", Role.CHAIRMAN, committee=None)
    client = client_for(loose)
    for name in ("models_registry:summary", "models_registry:list", "campaigns:list", "unit_list"):
        assert client.get(reverse(name)).status_code == 200, name
