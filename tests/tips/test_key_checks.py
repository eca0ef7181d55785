"""Informant keys against the stored data (issue 18; issue 15 point 8): a missing or wrong key
stops a production start, rotation re-encrypts the history too, and rotating with a key missing
is a clear message, not a traceback."""

import io
import secrets

import pytest
from django.core import checks
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError

from ban138.wsgi import _refuse_to_serve_a_broken_install
from tests.tips.factories import make_tip
from tips import crypto
from tips.models import Informant

IDENTITY = {"name": "Lê Văn Mẫu", "id_number": "056123456789", "phone": "", "address": ""}
pytestmark = pytest.mark.django_db


def _database_checks():
    return checks.run_checks(databases=["default"], tags=[checks.Tags.database])


def _ids(messages):
    return {m.id for m in messages}


def test_a_key_the_data_needs_missing_from_the_settings_stops_production(
    settings, officer, son_binh
):
    make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    settings.PRODUCTION = True
    assert "tips.E001" not in _ids(_database_checks())
    settings.INFORMANT_KEYS = {"k2026": secrets.token_bytes(32)}
    settings.INFORMANT_ACTIVE_KEY_ID = "k2026"
    errors = [m for m in _database_checks() if m.id == "tips.E001"]
    assert errors and "test1" in errors[0].msg
    with pytest.raises(SystemCheckError, match="test1"):
        _refuse_to_serve_a_broken_install()


def test_a_wrong_key_under_the_right_id_stops_production(settings, officer, son_binh):
    make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    settings.PRODUCTION = True
    settings.INFORMANT_KEYS = {"test1": secrets.token_bytes(32)}
    errors = [m for m in _database_checks() if m.id == "tips.E001"]
    assert errors and "sai" in errors[0].msg


def test_rotation_re_encrypts_the_history_rows_as_well(settings, officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    assert Informant.history.filter(tip_id=tip.pk).exclude(ciphertext="").exists()
    settings.INFORMANT_KEYS = {**settings.INFORMANT_KEYS, "test2": secrets.token_bytes(32)}
    settings.INFORMANT_ACTIVE_KEY_ID = "test2"
    call_command("rotate_informant_keys", stdout=io.StringIO())
    settings.INFORMANT_KEYS = {"test2": settings.INFORMANT_KEYS["test2"]}
    history = Informant.history.filter(tip_id=tip.pk).exclude(ciphertext="")
    for ciphertext in history.values_list("ciphertext", flat=True):
        assert crypto.decrypt(ciphertext, tip_id=tip.pk) == IDENTITY
    settings.PRODUCTION = True
    assert "tips.E001" not in _ids(_database_checks())


def test_rotating_with_a_key_missing_says_which_and_writes_nothing(settings, officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    before = Informant.objects.get(tip=tip).ciphertext
    settings.INFORMANT_KEYS = {"test2": secrets.token_bytes(32)}
    settings.INFORMANT_ACTIVE_KEY_ID = "test2"
    with pytest.raises(CommandError, match="test1"):
        call_command("rotate_informant_keys", stdout=io.StringIO())
    assert Informant.objects.get(tip=tip).ciphertext == before


def test_fingerprints_name_each_key_without_printing_it(settings, officer, son_binh):
    import base64
    import hashlib

    make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    out = io.StringIO()
    call_command("informant_key_fingerprints", stdout=out)
    key = settings.INFORMANT_KEYS["test1"]
    assert hashlib.sha256(key).hexdigest()[:16] in out.getvalue()
    assert base64.b64encode(key).decode() not in out.getvalue()
    settings.INFORMANT_KEYS = {"test1": secrets.token_bytes(32)}
    with pytest.raises(CommandError, match="sai"):
        call_command("informant_key_fingerprints", stdout=io.StringIO())
