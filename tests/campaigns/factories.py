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


def make_tip(
    *,
    commune,
    received_at: dt.datetime,
    by,
    state: str = "tiep_nhan",
    group: str = "xam_pham_so_huu",
    decided_on: dt.date | None = None,
):
    """A register entry written straight to the table: these tests need tips received in the
    past at exact instants, which the intake service (stamping "now") cannot make."""
    from tips.models import CrimeGroup, Tip

    received_on = received_at.date()
    number = Tip.objects.filter(year=received_on.year).count() + 1
    return Tip.objects.create(
        year=received_on.year,
        number=number,
        kind="to_giac",
        channel="dien_thoai",
        received_at=received_at,
        commune=commune,
        crime_group=CrimeGroup.objects.get(code=group),
        summary="Mất trộm tài sản",
        state=state,
        registered_by=by,
        clock_start=received_on,
        due_on=received_on + dt.timedelta(days=20),
        decision_date=decided_on,
    )


def make_case(*, tip, opened_on, arrested=0, suspects=None, solved_on=None):
    from tips.models import Case

    return Case.objects.create(
        tip=tip,
        number=f"{tip.pk}/QĐ-KTVA",
        crime_group=tip.crime_group,
        opened_on=opened_on,
        suspects=arrested if suspects is None else suspects,
        arrested=arrested,
        solved_on=solved_on,
    )
