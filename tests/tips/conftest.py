import base64
import secrets


def b64key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()
