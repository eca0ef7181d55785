"""Issue 7, point 13: every showing of an informant is one JSON line with UTC time, user and
client address — and without the identity it showed."""

import json
import logging

import pytest
from django.urls import reverse

from tests.tips.factories import make_tip
from tips import services

pytestmark = pytest.mark.django_db


def test_an_informant_showing_is_one_json_line_with_utc_time_user_and_ip(
    client_for, officer, leader, son_binh, caplog
):
    identity = {"name": "ZZCANARY Nguyễn", "id_number": "0", "phone": "", "address": ""}
    tip = make_tip(by=officer, commune=son_binh, informant=identity)
    tip = services.tip_assign(tip=tip, by=leader, officer=officer)
    caplog.set_level(logging.INFO, logger="ban138.audit")
    client = client_for(leader)
    client.post(
        reverse("tips:informant_reveal", args=[tip.pk]),
        {"reason": "Xác minh lời khai"},
        REMOTE_ADDR="203.0.113.20",
    )
    lines = [r.getMessage() for r in caplog.records if r.name == "ban138.audit"]
    shown = [json.loads(line) for line in lines if '"informant_shown"' in line]
    assert len(shown) == 1
    entry = shown[0]
    assert entry["user"] == leader.username
    assert entry["ip"] == "203.0.113.20"
    assert entry["time"].endswith("+00:00")
    assert "ZZCANARY" not in lines[-1]


def test_a_refused_reveal_is_audited_too(
    client_for, officer, other_officer, leader, official_son_binh, son_binh, caplog
):
    """Issue 15.9: an officer not assigned to the tip, and a role that may not open tips, are
    refused — and each refusal is a line naming who tried, which tip, from where."""
    tip = make_tip(by=officer, commune=son_binh, informant={"name": "ZZCANARY Nguyễn"})
    tip = services.tip_assign(tip=tip, by=leader, officer=officer)
    caplog.set_level(logging.INFO, logger="ban138.audit")
    url = reverse("tips:informant_reveal", args=[tip.pk])
    assert client_for(other_officer).post(url, REMOTE_ADDR="203.0.113.21").status_code == 403
    assert client_for(official_son_binh).post(url, REMOTE_ADDR="203.0.113.22").status_code == 403
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "ban138.audit"]
    refused = [
        (e["user"], e["ip"], e["tip_id"]) for e in lines if e["event"] == "informant_refused"
    ]
    assert refused == [
        (other_officer.username, "203.0.113.21", tip.pk),
        (official_son_binh.username, "203.0.113.22", tip.pk),
    ]
