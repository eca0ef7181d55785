"""Optional two-factor sign-in (TOTP, django-otp) for the roles an administrator chooses.

After the password, a user who must use a second factor is held on the verification page (or,
with no authenticator yet, on the enrolment page) until they enter a valid six-digit code; only
then does the rest of the site, the admin included, open for that session.
"""

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from ban138 import caching
from ban138.models import CommitteeProfile
from ban138.roles import Role, roles_of

ISSUER = "BCD138"


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
    rule = _otp_rule()
    if rule is None or not user.is_authenticated:
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

    ALLOWED_NAMES = ("otp_verify", "otp_setup", "otp_qr", "logout")

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
        label=_("Mã xác thực (6 chữ số)"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = list(devices)
        self.device = None

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
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
    devices = TOTPDevice.objects.devices_for_user(request.user, confirmed=True)
    form = TokenForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_safe_next(request))
    return render(
        request, "registration/otp_verify.html", {"form": form, "next": _safe_next(request)}
    )


@login_required
def otp_setup(request):
    device = _pending_device(request.user)
    form = TokenForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(_safe_next(request))
    context = {"form": form, "secret": _grouped(device), "next": _safe_next(request)}
    return render(request, "registration/otp_setup.html", context)


@require_GET
@login_required
def otp_qr(request):
    device = _pending_device(request.user)
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return HttpResponse(svg, content_type="image/svg+xml")


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=ISSUER, confirmed=False)


def _grouped(device) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
