import base64
import secrets

import pytest


@pytest.fixture(autouse=True)
def informant_key(settings):
    """A fresh key per test: no test writes var/informant-keys.json."""
    settings.INFORMANT_KEYS = {"test1": secrets.token_bytes(32)}
    settings.INFORMANT_ACTIVE_KEY_ID = "test1"
    return settings


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def b64key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()
