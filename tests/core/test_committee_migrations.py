"""Issue 20.3: an installation of one committee migrates cleanly to several — the data
migrations attach its users, tips, plans and reports to its one committee and body, and its
register goes on from the last number used. (Run on today's models: the fields they touch are
the ones the migrations add.)"""

import importlib

import pytest
from django.apps import apps

from ban138.models import CommitteeMembership, CommitteeProfile, ReceivingBody
from ban138.roles import Role
from tests.factories import make_user
from tests.tips.factories import local, make_tip

pytestmark = pytest.mark.django_db


def _migration(app: str, name: str):
    return importlib.import_module(f"{app}.migrations.{name}")


def test_the_one_committee_gets_its_body_and_every_user(district, officer, chairman):
    committee = CommitteeProfile.objects.get()
    ReceivingBody.objects.all().delete()  # as before the migration: no body, no membership
    CommitteeMembership.objects.all().delete()
    _migration("ban138", "0010_committees_attach_existing_rows").attach(apps, None)
    assert list(ReceivingBody.objects.values_list("committee", "name", "is_standing")) == [
        (committee.pk, "Công an huyện Khánh Sơn", True)
    ]
    assert set(CommitteeMembership.objects.values_list("user__username", "committee")) == {
        (officer.username, committee.pk),
        (chairman.username, committee.pk),
    }


def test_existing_tips_plans_and_reports_go_to_the_committee_and_numbering_goes_on(
    district, officer, son_binh, secretariat
):
    from campaigns.models import Campaign
    from tests.campaigns.factories import CampaignFactory
    from tips.models import RegisterCounter, Tip

    tips = [make_tip(by=officer, commune=son_binh, received_at=local(2024, 3, d)) for d in (1, 2)]
    campaign = CampaignFactory(created_by=secretariat)
    body = ReceivingBody.objects.get()
    # As a database of before: no body on the tips, no committee on the plan, the old counter.
    Tip.objects.update(receiving_body=None)
    Campaign.objects.update(committee=None)
    RegisterCounter.objects.all().delete()
    _migration("tips", "0016_tips_per_receiving_body").attach_to_the_committee_body(apps, None)
    _migration("campaigns", "0007_campaign_committee").attach_to_the_committee(apps, None)
    assert set(Tip.objects.values_list("receiving_body", flat=True)) == {body.pk}
    campaign.refresh_from_db()
    assert campaign.committee == CommitteeProfile.objects.get()
    assert RegisterCounter.objects.get(body=body.pk, year=2024).last_number == 2
    later = make_tip(by=officer, commune=son_binh, received_at=local(2024, 3, 9))
    assert later.register_number == "3/2024" and len(tips) == 2


def test_with_several_committees_nothing_is_guessed(district, officer, son_binh, tay_khanh_son):
    from ban138.committee import CommitteeLevel
    from tips.models import Tip

    make_tip(by=officer, commune=son_binh, received_at=local(2024, 3, 1))
    CommitteeProfile.objects.create(
        level=CommitteeLevel.COMMUNE,
        district=tay_khanh_son,
        chairman_name="Thử",
        chairman_title="Chủ tịch UBND xã",
    )
    Tip.objects.update(receiving_body=None)
    loose = make_user("kt_chua_thuoc_ban", Role.OFFICER, committee=None)
    _migration("tips", "0016_tips_per_receiving_body").attach_to_the_committee_body(apps, None)
    _migration("ban138", "0010_committees_attach_existing_rows").attach(apps, None)
    assert Tip.objects.filter(receiving_body__isnull=True).count() == 1
    assert not CommitteeMembership.objects.filter(user=loose).exists()
