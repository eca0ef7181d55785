"""Factories for campaigns. A campaign is a draft over Sơn Bình and Sơn Lâm unless told."""

import datetime as dt
from decimal import Decimal

import factory

from campaigns.models import Campaign, CommuneResult, Outreach, State, Target, TargetKind, Task
from tests.factories import UserFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"{n + 1:02d}/KH-BCĐ138")
    plan_date = dt.date(2021, 1, 5)
    title = "Đợt cao điểm tấn công trấn áp tội phạm dịp Tết Nguyên đán Tân Sửu 2021"
    start = dt.date(2021, 1, 10)
    end = dt.date(2021, 2, 28)
    lead_agency = "Công an huyện"
    state = State.DRAFT
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.communes.set(extracted)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    campaign = factory.SubFactory(CampaignFactory)
    kind = TargetKind.SOLVED_RATE
    value = Decimal("70")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    campaign = factory.SubFactory(CampaignFactory)
    title = factory.Sequence(lambda n: f"Tổ chức tuần tra đêm đợt {n}")
    owner = "Công an huyện"
    due_date = dt.date(2021, 1, 20)


class CommuneResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommuneResult

    campaign = factory.SubFactory(CampaignFactory)
    raid_arrests = 0


class OutreachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outreach

    held_on = dt.date(2021, 1, 15)
    topic = "Tuyên truyền phòng, chống tội phạm dịp Tết"
    attendees = 50
    created_by = factory.SubFactory(UserFactory)
