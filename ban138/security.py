"""Protections that sit under every page: client IP, session lifetime, caching, passwords."""

import itertools
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from ban138.text import fold

SESSION_LOGIN_AT = "ban138_login_at"
SESSION_SEEN_AT = "ban138_seen_at"
# Refresh the "last seen" stamp at most this often, so a busy page does not write the session
# row on every request (the idle limit is 30 minutes; a minute of slack is harmless).
SEEN_AT_RESOLUTION = 60


def client_ip(request) -> str | None:
    """The client's address. Behind exactly one reverse proxy (settings.BEHIND_PROXY), the
    proxy appends the address it saw to X-Forwarded-For, so the last entry is the only one we
    can trust; anything before it was written by the client and may be forged."""
    if request is None:
        return None
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


def axes_client_ip(request):
    return client_ip(request)


def stamp_login(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Ends a session idle for SESSION_IDLE_SECONDS or older than SESSION_ABSOLUTE_SECONDS, so
    a police workstation left logged in does not stay open to the next person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._expired(request):
            logout(request)
            messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _expired(request) -> bool:
        now = int(time.time())
        session = request.session
        login_at = session.get(SESSION_LOGIN_AT)
        seen_at = session.get(SESSION_SEEN_AT)
        if login_at is None or seen_at is None:
            return True  # a session from before these stamps existed: make it log in again
        if now - login_at > settings.SESSION_ABSOLUTE_SECONDS:
            return True
        if now - seen_at > settings.SESSION_IDLE_SECONDS:
            return True
        if now - seen_at > SEEN_AT_RESOLUTION:
            session[SESSION_SEEN_AT] = now
        return False


class NoStoreMiddleware:
    """Pages for a logged-in user and every downloaded file (PDF, XLSX, DOCX) must not be kept
    by the browser or a proxy: the next user of a shared office computer could read them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        is_download = "attachment" in response.get("Content-Disposition", "")
        if is_download or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response


class LocalWordsValidator:
    """Refuses passwords built on words anyone in the district would guess first: the
    district's and communes' names, "congan", "bcd138"."""

    BASE_WORDS = ("congan", "bcd138", "banchidao", "khanhson", "khanhhoa", "matkhau", "password")

    def validate(self, password, user=None):
        compact = fold(password).replace(" ", "")
        for word in self._words():
            if word and word in compact:
                raise ValidationError(
                    _("Mật khẩu không được chứa tên địa phương hoặc từ dễ đoán (“%(word)s”).")
                    % {"word": word},
                    code="password_local_word",
                )

    def _words(self):
        from ban138.models import AdministrativeUnit

        names = AdministrativeUnit.objects.exclude(kind__in=["thon", "buon", "to_dan_pho"])
        local = {fold(n).replace(" ", "") for n in names.values_list("name", flat=True)}
        return [*self.BASE_WORDS, *(w for w in local if len(w) >= 4)]

    def get_help_text(self):
        return _(
            "Mật khẩu không được chứa tên địa phương (tỉnh, xã…) hoặc các từ như "
            "“congan”, “bcd138”."
        )


def _compact(value: str) -> str:
    """Folded letters and digits only: "Nguyễn.Văn-Bình" → "nguyenvanbinh"."""
    return "".join(ch for ch in fold(value or "") if ch.isalnum())


class UsernameInPasswordValidator:
    """Refuses a password built on the account's own name (issue 15.10). Django's similarity
    validator compares whole strings, so "nguyenvanbinh-mat-khau-dai-2026" passes it; here the
    username — folded, without separators, forwards or backwards — must not appear in it."""

    MIN_LENGTH = 4

    def validate(self, password, user=None):
        names = [_compact(getattr(user, "username", "") or "")]
        for attribute in ("first_name", "last_name"):
            names.extend(_compact(part) for part in (getattr(user, attribute, "") or "").split())
        compact = _compact(password)
        for name in names:
            if len(name) >= self.MIN_LENGTH and (name in compact or name[::-1] in compact):
                raise ValidationError(
                    _("Mật khẩu không được chứa tên đăng nhập hoặc họ tên của bạn."),
                    code="password_contains_username",
                )

    def get_help_text(self):
        return _("Mật khẩu không được chứa tên đăng nhập hoặc họ tên của bạn.")


class RepetitivePasswordValidator:
    """Refuses trivially repetitive passwords (issue 15.10): fewer than four different
    characters ("aaaaaaaaaaaa", "abababababab"), one short block repeated ("abc!abc!abc!"), or one
    run of consecutive characters ("abcdefghijkl", "9876543210", "qwertyuiop")."""

    KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
    MIN_DISTINCT = 4

    def validate(self, password, user=None):
        if self._is_repetitive(password or ""):
            raise ValidationError(
                _("Mật khẩu quá đơn giản: chỉ lặp lại hoặc nối tiếp vài ký tự."),
                code="password_repetitive",
            )

    def _is_repetitive(self, password: str) -> bool:
        value = password.lower()
        if len(set(value)) < self.MIN_DISTINCT:
            return True
        for size in range(1, len(value) // 2 + 1):
            if len(value) % size == 0 and value[:size] * (len(value) // size) == value:
                return True
        steps = {ord(b) - ord(a) for a, b in itertools.pairwise(value)}
        if steps in ({1}, {-1}):
            return True
        return any(value in row or value in row[::-1] for row in self._rows())

    def _rows(self):
        return [row * 2 for row in self.KEYBOARD_ROWS]

    def get_help_text(self):
        return _("Mật khẩu không được chỉ lặp lại hoặc nối tiếp vài ký tự (như “aaaa…”, “1234…”).")
