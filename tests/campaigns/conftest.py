import datetime as dt

import pytest

from campaigns.models import State, TargetKind
from tests.campaigns.factories import CampaignFactory, TargetFactory


@pytest.fixture
def draft(secretariat, son_binh, son_lam):
    """A draft over Sơn Bình and Sơn Lâm with a solved-rate target, written by the secretariat."""
    campaign = CampaignFactory(created_by=secretariat, communes=[son_binh, son_lam])
    TargetFactory(campaign=campaign, kind=TargetKind.SOLVED_RATE, value=70)
    return campaign


@pytest.fixture
def approved(draft):
    draft.state = State.APPROVED
    draft.save()
    return draft


@pytest.fixture
def in_period(monkeypatch):
    """Pin today's local date inside the factory campaign's period (Tết Tân Sửu 2021)."""
    from django.utils import timezone

    today = dt.date(2021, 2, 1)
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return today if value is None else real(value, timezone)

    monkeypatch.setattr(timezone, "localdate", localdate)
    return today
