"""The informant's identity appears only after a deliberate, logged "show" by the assigned officer
or a leader — nowhere else: other roles' pages, lists, search, XLSX, timeline, logs, e-mails,
URLs."""

import datetime as dt
import io
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.tips.factories import make_tip
from tips import services
from tips.models import InformantReveal

pytestmark = pytest.mark.django_db
CANARY = "ZZCANARY Nguyễn"
IDENTITY = {
    "name": CANARY,
    "id_number": "099999999999",
    "phone": "0999888777",
    "address": "ZZCANARY phố",
}


@pytest.fixture
def tip(leader, officer, son_binh):
    # 30 days old: overdue, so it is in the work lists, the quality page and the reminders too.
    received = timezone.now() - dt.timedelta(days=30)
    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY, received_at=received)
    return services.tip_assign(tip=tip, by=leader, officer=officer)


def _clean(text):
    assert "ZZCANARY" not in text and "099999999999" not in text and "0999888777" not in text


def test_canary_is_absent_everywhere_it_must_not_be(
    tip, client_for, personas, officer, other_officer, leader, caplog, settings
):
    caplog.set_level(logging.DEBUG)
    detail = reverse("tips:detail", args=[tip.pk])
    pages = [
        reverse("tips:register"),
        reverse("tips:register") + "?q=zzcanary",
        detail,
        reverse("tips:quality"),
        reverse("tips:reveal_log"),
        reverse("landing", kwargs={"role": "tiep_nhan"}),
        reverse("landing", kwargs={"role": "lanh_dao_cong_an"}),
    ]
    for persona in ("official_son_binh", "secretariat", "chairman", "outsider"):
        client = client_for(personas[persona])
        for url in [*pages, reverse("home"), reverse("landing", kwargs={"role": "can_bo_xa"})]:
            _clean(client.get(url, follow=True).content.decode())
        assert client.post(reverse("tips:informant_reveal", args=[tip.pk])).status_code == 403
    for user in (officer, other_officer, leader):
        client = client_for(user)
        for url in pages:
            response = client.get(url)
            _clean(response.content.decode())
        export = client.get(reverse("tips:export"))
        sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
        _clean(" ".join(str(c.value) for row in sheet.iter_rows() for c in row))
    # the other officer is not assigned: no reveal for them
    assert (
        client_for(other_officer).post(reverse("tips:informant_reveal", args=[tip.pk])).status_code
        == 403
    )
    revealed = client_for(officer).post(
        reverse("tips:informant_reveal", args=[tip.pk]), {"reason": "Xác minh"}
    )
    assert CANARY in revealed.content.decode()
    assert "ZZCANARY" not in revealed.wsgi_request.get_full_path()
    _clean(client_for(officer).get(detail).content.decode())  # not kept in the session
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    officer.email, leader.email = "o@example.invalid", "l@example.invalid"
    officer.save(), leader.save()
    call_command("send_reminders", stdout=io.StringIO())
    assert mail.outbox
    for message in mail.outbox:
        _clean(message.subject + message.body)
    _clean(caplog.text)
    for record in tip.history.all():
        _clean(str(record.__dict__))


def test_each_showing_is_logged_for_leaders_without_the_identity(
    tip, client_for, officer, leader, caplog
):
    caplog.set_level(logging.INFO, logger="ban138.audit")
    client_for(officer).post(
        reverse("tips:informant_reveal", args=[tip.pk]), {"reason": "Xác minh"}
    )
    log = InformantReveal.objects.get()
    assert (log.user, log.tip) == (officer, tip)
    assert "informant_shown" in caplog.text
    _clean(caplog.text)
    page = client_for(leader).get(reverse("tips:reveal_log")).content.decode()
    assert tip.register_number in page
    assert client_for(officer).get(reverse("tips:reveal_log")).status_code == 403


def test_the_show_button_is_offered_only_to_those_who_may_use_it(
    tip, client_for, officer, other_officer, leader
):
    detail = reverse("tips:detail", args=[tip.pk])
    assert "Hiện thông tin người tố giác" in client_for(officer).get(detail).content.decode()
    assert "Hiện thông tin người tố giác" in client_for(leader).get(detail).content.decode()
    assert (
        "Hiện thông tin người tố giác" not in client_for(other_officer).get(detail).content.decode()
    )


def test_reveal_is_post_only(tip, client_for, leader):
    assert (
        client_for(leader).get(reverse("tips:informant_reveal", args=[tip.pk])).status_code == 405
    )
