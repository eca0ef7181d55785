"""Informants are stored only as authenticated ciphertext under a key of their own."""

import io
import os
import secrets

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from ban138.settings import _informant_keys
from tests.tips.conftest import b64key
from tests.tips.factories import make_tip
from tips import crypto
from tips.models import Informant

IDENTITY = {
    "name": "Nguyễn Thị Mẫu",
    "id_number": "056123456789",
    "phone": "0905000111",
    "address": "Sơn Bình",
}


def test_round_trip_and_the_key_id_is_in_the_ciphertext():
    token = crypto.encrypt(IDENTITY, tip_id=7)
    assert token.startswith("v1:test1:")
    assert "Mẫu" not in token
    assert crypto.decrypt(token, tip_id=7) == IDENTITY


def test_a_wrong_key_raises_instead_of_returning_anything(settings):
    token = crypto.encrypt(IDENTITY, tip_id=7)
    settings.INFORMANT_KEYS = {"test1": secrets.token_bytes(32)}
    with pytest.raises(crypto.InformantDecryptionError):
        crypto.decrypt(token, tip_id=7)


def test_an_unknown_key_id_raises(settings):
    token = crypto.encrypt(IDENTITY, tip_id=7)
    settings.INFORMANT_KEYS = {"other": secrets.token_bytes(32)}
    settings.INFORMANT_ACTIVE_KEY_ID = "other"
    with pytest.raises(crypto.InformantDecryptionError):
        crypto.decrypt(token, tip_id=7)


def test_tampered_data_raises():
    token = crypto.encrypt(IDENTITY, tip_id=7)
    flipped = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(crypto.InformantDecryptionError):
        crypto.decrypt(flipped, tip_id=7)


def test_ciphertext_moved_to_another_tip_does_not_decrypt():
    token = crypto.encrypt(IDENTITY, tip_id=7)
    with pytest.raises(crypto.InformantDecryptionError):
        crypto.decrypt(token, tip_id=8)


def test_keys_from_the_environment_must_be_32_bytes_of_base64():
    assert len(_informant_keys(f"k1:{b64key()},k2:{b64key()}")) == 2
    for bad in ("k1:not-base64!", "k1:" + b64key()[:20], "nokid"):
        with pytest.raises(ImproperlyConfigured):
            _informant_keys(bad)


def test_development_key_file_is_created_once_with_owner_only_mode(settings, tmp_path):
    settings.INFORMANT_KEYS = None
    settings.INFORMANT_ACTIVE_KEY_ID = None
    settings.INFORMANT_KEY_FILE = tmp_path / "var" / "informant-keys.json"
    token = crypto.encrypt(IDENTITY, tip_id=1)
    assert os.stat(settings.INFORMANT_KEY_FILE).st_mode & 0o777 == 0o600
    assert crypto.decrypt(token, tip_id=1) == IDENTITY


def test_production_without_keys_refuses(settings):
    settings.INFORMANT_KEYS = None
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt(IDENTITY, tip_id=1)


@pytest.mark.django_db
def test_rotation_reencrypts_under_the_active_key_and_old_ciphertext_is_gone(
    settings, officer, son_binh
):
    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    old = Informant.objects.get(tip=tip).ciphertext
    settings.INFORMANT_KEYS = {**settings.INFORMANT_KEYS, "test2": secrets.token_bytes(32)}
    settings.INFORMANT_ACTIVE_KEY_ID = "test2"
    call_command("rotate_informant_keys", stdout=io.StringIO())
    new = Informant.objects.get(tip=tip).ciphertext
    assert new.startswith("v1:test2:") and new != old
    settings.INFORMANT_KEYS = {"test2": settings.INFORMANT_KEYS["test2"]}
    assert crypto.decrypt(new, tip_id=tip.pk) == IDENTITY


@pytest.mark.django_db
def test_informant_history_holds_ciphertext_only(officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    for row in Informant.history.filter(tip_id=tip.pk).values():
        assert "Mẫu" not in str(row) and "056123456789" not in str(row)


def test_production_start_up_fails_loudly_without_informant_keys():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "a.vn",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_URL": "postgres://ban138@/ban138",
    }
    for name in ("INFORMANT_KEYS", "INFORMANT_ACTIVE_KEY_ID", "DEBUG"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", "import ban138.settings"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "INFORMANT_KEYS" in result.stderr
