"""Authenticated encryption of informants' identities (AES-256-GCM, `cryptography`).

Stored form: ``v1:<key id>:<base64(nonce ‖ ciphertext+tag)>``. The key id lets keys rotate
(``manage.py rotate_informant_keys``); the tip's id is bound in as associated data, so a
ciphertext copied onto another tip does not decrypt. Any failure raises
:class:`InformantDecryptionError` — the caller never gets ciphertext or garbage back.
"""

import base64
import json
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = "v1"
NONCE_BYTES = 12


class InformantDecryptionError(Exception):
    """Wrong or unknown key, or data that was altered."""


def _keys() -> tuple[dict[str, bytes], str]:
    keys = getattr(settings, "INFORMANT_KEYS", None)
    active = getattr(settings, "INFORMANT_ACTIVE_KEY_ID", None)
    if keys:
        if active not in keys:
            raise ImproperlyConfigured("INFORMANT_ACTIVE_KEY_ID không có trong INFORMANT_KEYS.")
        return keys, active
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured("INFORMANT_KEYS là bắt buộc khi chạy production.")
    return _dev_key_file()


def _dev_key_file() -> tuple[dict[str, bytes], str]:
    """Development only: a key file made on first use, readable by its owner alone."""
    path = settings.INFORMANT_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        content = {
            "active": "dev1",
            "keys": {"dev1": base64.b64encode(secrets.token_bytes(32)).decode()},
        }
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(content, handle)
    data = json.loads(path.read_text())
    return {kid: base64.b64decode(key) for kid, key in data["keys"].items()}, data["active"]


def _aad(tip_id: int) -> bytes:
    return f"tip:{tip_id}".encode()


def encrypt(payload: dict, *, tip_id: int) -> str:
    keys, active = _keys()
    nonce = secrets.token_bytes(NONCE_BYTES)
    plaintext = json.dumps(payload, ensure_ascii=False).encode()
    sealed = AESGCM(keys[active]).encrypt(nonce, plaintext, _aad(tip_id))
    return f"{VERSION}:{active}:{base64.b64encode(nonce + sealed).decode()}"


def key_id_of(token: str) -> str:
    return token.split(":", 2)[1] if token.count(":") >= 2 else ""


def decrypt(token: str, *, tip_id: int) -> dict:
    keys, _active = _keys()
    try:
        version, kid, encoded = token.split(":", 2)
        if version != VERSION or kid not in keys:
            raise InformantDecryptionError("unknown version or key id")
        blob = base64.b64decode(encoded, validate=True)
        plaintext = AESGCM(keys[kid]).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _aad(tip_id))
        return json.loads(plaintext)
    except InformantDecryptionError:
        raise
    except (ValueError, InvalidTag, TypeError) as exc:
        raise InformantDecryptionError("informant data cannot be decrypted") from exc


def configured_keys() -> dict[str, bytes]:
    return _keys()[0]


def active_key_id() -> str:
    return _keys()[1]
