"""Read settings from the environment and refuse values that do not parse.

A typo in a deployment file (``DEBUG=maybe``) must stop the process with a message naming the
variable, not quietly fall back to a default that may be the unsafe one.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

_MISSING = object()


def env_str(name: str, default=_MISSING) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Biến môi trường {name} là bắt buộc nhưng chưa được đặt.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} không hợp lệ: chỉ nhận true/false, yes/no, on/off hoặc 1/0."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} không hợp lệ: cần một số nguyên.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} không hợp lệ: phải từ {minimum} trở lên.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name}={value!r} không hợp lệ: chỉ nhận một trong {', '.join(choices)}."
        )
    return value
