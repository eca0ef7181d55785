"""Two-factor sign-in (TOTP, django-otp) with one-time recovery codes (django-otp's static device).

In production (``settings.OTP_REQUIRED``, on by default there) police leaders, the chairman and
administrators must use it; with the setting off, the committee profile's flags choose the
groups. After the password, such a user is held on the verification page (or, with no
authenticator yet, on the enrolment page) until they enter a valid code; only then does the rest
of the site, the admin included, open for that session.

Enrolment: the first authenticator of an account is set up after the password alone (there is
nothing else to prove the user with). Once an account has a confirmed authenticator, a new one
(and new recovery codes) can be made only from a session that has already passed the second
factor — a stolen password alone must not be able to enrol the thief's phone (issue 15.1). A user
who lost every device and code asks an administrator, who deletes their devices in the admin
("TOTP devices"), after which the user enrols again.
"""

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ban138 import caching
from ban138.models import CommitteeProfile
from ban138.roles import Role, roles_of

ISSUER = "BCD138"
RECOVERY_DEVICE_NAME = "Mã dự phòng"
RECOVERY_CODE_COUNT = 10


OTP_RULE_KEY = "ban138:otp_rule"
OTP_FLAGS = ("require_otp_police_leaders", "require_otp_chairman", "require_otp_staff")


def _otp_rule() -> tuple[bool, bool, bool] | None:
    """The profile's three OTP flags, cached: read on every request, changed once in a while
    (dropped on save by ``forget_otp_rule``)."""
    return caching.cached(
        OTP_RULE_KEY, lambda: CommitteeProfile.objects.values_list(*OTP_FLAGS).first()
    )


def forget_otp_rule(**_kwargs) -> None:
    cache.delete(OTP_RULE_KEY)


def otp_required(user) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(settings, "OTP_REQUIRED", False):
        # Production default (issue 15.3): the groups that decide, reveal and administer.
        police_leaders = chairman = staff = True
    else:
        rule = _otp_rule()
        if rule is None:
            return False
        police_leaders, chairman, staff = rule
    roles = roles_of(user)
    return (
        (police_leaders and Role.POLICE_LEADER in roles)
        or (chairman and Role.CHAIRMAN in roles)
        or (staff and (user.is_staff or user.is_superuser))
    )


class OTPRequiredMiddleware:
    """Holds a user who must use a second factor on the OTP pages until verified."""

    ALLOWED_NAMES = ("otp_verify", "otp_setup", "otp_qr", "otp_recovery", "logout")

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed = None

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not self._is_allowed(request.path)
            and otp_required(user)
        ):
            target = "otp_verify" if user_has_device(user, confirmed=True) else "otp_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    def _is_allowed(self, path: str) -> bool:
        if self._allowed is None:
            self._allowed = {reverse(name) for name in self.ALLOWED_NAMES}
        return path in self._allowed or path.startswith("/static/")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số, hoặc một mã dự phòng)"),
        max_length=16,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = list(devices)
        self.device = None

    def clean_token(self):
        # Recovery codes are shown in groups and lower case; spaces and case do not matter.
        token = self.cleaned_data["token"].replace(" ", "").strip().lower()
        # verify_is_allowed/verify_token throttle repeated failures per device (django-otp).
        for device in self.devices:
            if device.verify_is_allowed()[0] and device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(_("Mã xác thực không đúng hoặc đã hết hạn."))


def _safe_next(request) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or reverse("home")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


@login_required
def otp_verify(request):
    devices = devices_for_user(request.user, confirmed=True)
    form = TokenForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_safe_next(request))
    return render(
        request, "registration/otp_verify.html", {"form": form, "next": _safe_next(request)}
    )


def may_enrol(request) -> bool:
    """A first authenticator after the password; any further one only from a verified session."""
    return request.user.is_verified() or not user_has_device(request.user, confirmed=True)


def _to_verify(request):
    return redirect(f"{reverse('otp_verify')}?next={reverse('otp_setup')}")


@login_required
def otp_setup(request):
    if not may_enrol(request):
        return _to_verify(request)
    device = _pending_device(request.user)
    form = TokenForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return _show_recovery_codes(request, new_recovery_codes(request.user))
    context = {"form": form, "secret": _grouped(device), "next": _safe_next(request)}
    return render(request, "registration/otp_setup.html", context)


@require_GET
@login_required
def otp_qr(request):
    if not may_enrol(request):
        return HttpResponse(status=403)
    device = _pending_device(request.user)
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
def otp_recovery(request):
    """New recovery codes (the old ones stop working): only from a verified session."""
    if not request.user.is_verified():
        if user_has_device(request.user, confirmed=True):
            return redirect(f"{reverse('otp_verify')}?next={reverse('otp_recovery')}")
        return redirect("otp_setup")
    if request.method == "POST":
        return _show_recovery_codes(request, new_recovery_codes(request.user))
    return render(request, "registration/otp_recovery.html", {"codes": None})


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes by RECOVERY_CODE_COUNT fresh ones; each works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def _show_recovery_codes(request, codes):
    response = render(
        request,
        "registration/otp_recovery.html",
        {"codes": codes, "next": _safe_next(request)},
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=ISSUER, confirmed=False)


def _grouped(device) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
