"""Read settings from the environment and refuse values that do not parse.

A typo in a deployment file (``DEBUG=maybe``) must stop the process with a message naming the
variable, not quietly fall back to a default that may be the unsafe one.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

# "VALUE   # comment" is not a comment for systemd's EnvironmentFile: the whole line is the value.
_INLINE_COMMENT = re.compile(r"\s#")
ENV_FILE_VARIABLE = "BAN138_ENV_FILE"


def load_env_file() -> str | None:
    """With BAN138_ENV_FILE=/etc/ban138.env (the cron lines and `ops/ban138-manage`), read that
    file as systemd's EnvironmentFile= reads it — KEY=VALUE lines, blank lines and whole-line
    ``#`` comments, optional surrounding quotes — into the environment (variables already set
    win), and default DJANGO_ENV to production: a command run for the server never becomes a
    development process because a file could not be read; it stops, naming the file."""
    path = os.environ.get(ENV_FILE_VARIABLE)
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"Không đọc được tệp cấu hình {path} ({exc.strerror}): kiểm tra quyền (0640, nhóm "
            "ban138) — không chạy tiếp ở chế độ phát triển."
        ) from None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        name, sep, value = stripped.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ImproperlyConfigured(f"{path}, dòng {number}: cần dạng TÊN=giá trị.")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        os.environ.setdefault(name, value)
    os.environ.setdefault("DJANGO_ENV", "production")
    return path

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

_MISSING = object()


def env_str(name: str, default=_MISSING) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Biến môi trường {name} là bắt buộc nhưng chưa được đặt.")
        return default
    if _INLINE_COMMENT.search(value):
        raise ImproperlyConfigured(
            f"{name} có vẻ chứa chú thích cuối dòng (“ #…”): systemd coi cả dòng là giá trị. "
            "Đưa chú thích lên một dòng riêng bắt đầu bằng #."
        )
    return value


def _raw(name: str) -> str | None:
    return env_str(name, None)


def env_bool(name: str, default: bool) -> bool:
    raw = _raw(name)
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
    raw = _raw(name)
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
    raw = _raw(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = (_raw(name) or default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name}={value!r} không hợp lệ: chỉ nhận một trong {', '.join(choices)}."
        )
    return value
