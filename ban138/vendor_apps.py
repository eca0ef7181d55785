"""Vietnamese names for the third-party apps the admin shows (django-axes, django-otp): their
AppConfigs, named in INSTALLED_APPS instead of the packages' own, so the admin index reads
"Chống dò mật khẩu" rather than "Axes" and "Thiết bị xác thực hai bước" rather than "TOTP devices".

django-axes marks its strings for translation and ships no Vietnamese, so its model and field
names are translated in the project's catalogue (ban138/locale/vi). django-otp writes its names
as plain English strings, which no catalogue can reach, so they are set here when the app is
ready. Only the displayed names change (``_meta.verbose_name`` and ``field.verbose_name``, not
the ``original_attrs`` / ``_verbose_name`` that migrations read): no migration of theirs moves."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu (đăng nhập sai)")


TOTP_FIELD_NAMES = {
    "user": _("người dùng"),
    "name": _("tên thiết bị"),
    "confirmed": _("đã xác nhận"),
    "throttling_failure_timestamp": _("lần nhập sai gần nhất"),
    "throttling_failure_count": _("số lần nhập sai liên tiếp"),
    "created_at": _("tạo lúc"),
    "last_used_at": _("dùng lần cuối lúc"),
    "key": _("khóa bí mật"),
    "step": _("bước thời gian (giây)"),
    "t0": _("mốc thời gian bắt đầu"),
    "digits": _("số chữ số của mã"),
    "tolerance": _("số bước sai lệch cho phép"),
    "drift": _("độ lệch đồng hồ"),
    "last_t": _("bước của mã đúng gần nhất"),
}


class TOTPConfig(TOTPAppConfig):
    verbose_name = _("Xác thực hai bước")

    def ready(self):
        super().ready()
        model = self.get_model("TOTPDevice")
        model._meta.verbose_name = _("thiết bị xác thực hai bước (TOTP)")
        model._meta.verbose_name_plural = _("thiết bị xác thực hai bước (TOTP)")
        for name, label in TOTP_FIELD_NAMES.items():
            model._meta.get_field(name).verbose_name = label
