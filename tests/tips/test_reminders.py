"""send_reminders: links to each tip, the administrator told who has no address, and urgent tips
without a recorded alert escalated once after the hour."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.tips.factories import make_tip
from tips import services
from tips.models import TipStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://bcd138.example.vn"
    settings.ADMINS = [("Quản trị", "it@x.invalid")]


def _addresses(**users):
    for email, user in users.items():
        user.email = email.replace("_", "@") + ".invalid"
        user.save()


def test_each_reminder_links_to_each_tip(mailbox, officer, leader, son_binh):
    _addresses(a_x=officer, c_x=leader)
    late = services.tip_assign(
        tip=make_tip(by=officer, commune=son_binh, received_at=timezone.now() - dt.timedelta(25)),
        by=leader,
        officer=officer,
    )
    call_command("send_reminders", stdout=io.StringIO())
    link = "https://bcd138.example.vn" + reverse("tips:detail", args=[late.pk])
    bodies = {m.to[0]: m.body for m in mail.outbox if m.to[0].endswith(".invalid")}
    assert link in bodies["a@x.invalid"] and link in bodies["c@x.invalid"]


def test_the_administrator_is_told_which_officers_have_no_address(
    mailbox, officer, other_officer, leader
):
    _addresses(c_x=leader)
    call_command("send_reminders", stdout=io.StringIO())
    to_admin = [m for m in mail.outbox if m.to == ["it@x.invalid"]]
    assert len(to_admin) == 1
    assert officer.username in to_admin[0].body and other_officer.username in to_admin[0].body
    assert leader.username not in to_admin[0].body


def test_an_urgent_tip_without_a_recorded_alert_is_escalated_once_after_the_hour(
    mailbox, officer, other_officer, leader, son_binh
):
    _addresses(a_x=officer, b_x=other_officer, c_x=leader)
    old = make_tip(
        by=officer,
        commune=son_binh,
        urgent=True,
        received_at=timezone.now() - dt.timedelta(minutes=70),
    )
    make_tip(  # within the hour: not yet
        by=officer,
        commune=son_binh,
        urgent=True,
        received_at=timezone.now() - dt.timedelta(minutes=30),
    )
    alerted = make_tip(
        by=officer,
        commune=son_binh,
        urgent=True,
        received_at=timezone.now() - dt.timedelta(hours=3),
    )
    services.tip_record_alert(tip=alerted, by=officer)
    call_command("send_reminders", "--urgent-only", stdout=io.StringIO())
    urgent = [m for m in mail.outbox if "KHẨN" in m.subject]
    assert len(urgent) == 1 and old.register_number in urgent[0].subject
    assert set(urgent[0].to) == {"a@x.invalid", "c@x.invalid"}  # leader + who registered it
    assert reverse("tips:detail", args=[old.pk]) in urgent[0].body
    assert TipStep.objects.filter(tip=old, action="nhac_khan").count() == 1
    call_command("send_reminders", "--urgent-only", stdout=io.StringIO())
    assert len([m for m in mail.outbox if "KHẨN" in m.subject]) == 1
