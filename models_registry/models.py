"""Self-managed security models (mô hình tự quản về ANTT), their status checks and the years in
which they were recognised as outstanding (điển hình).

A model's status is never typed in directly: it is the status of its latest check (by date, then
by id). The model row keeps a copy (``current_status``, ``last_checked_on`` and the figures) so
lists can filter on it; ``services.model_record_check`` refreshes the copy in the same transaction
that writes the check.
"""

import datetime as dt
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ban138.concurrency import VersionedModel
from ban138.history import HistoricalRecords
from ban138.limits import DESCRIPTION_CHARS, NOTE_CHARS, text_validators
from ban138.models import AdministrativeUnit
from ban138.text import fold, nfc


class Status(models.TextChoices):
    EFFECTIVE = "hieu_qua", _("Hoạt động hiệu quả")
    ACTIVE = "hoat_dong", _("Hoạt động")
    NEEDS_WORK = "can_cung_co", _("Cần củng cố")
    STOPPED = "ngung", _("Ngừng hoạt động")


class ModelType(models.Model):
    """A kind of model (camera an ninh, gương sáng, …), edited in the admin. ``code`` is the
    stable key reports and the annual figures use; the name may be reworded freely."""

    reference_data = True  # filter lists are cached until it changes (ban138/caching.py)

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại mô hình"), max_length=120, unique=True)
    has_camera_figures = models.BooleanField(
        _("có số liệu camera"),
        default=False,
        help_text=_("Mô hình loại này ghi số camera lắp đặt và số camera đang hoạt động."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loại mô hình")
        verbose_name_plural = _("loại mô hình")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = nfc(self.name).strip()


class HostOrganisation(models.Model):
    """The body that runs a model: Mặt trận, Đoàn Thanh niên, Hội Phụ nữ, a giáo họ…"""

    name = models.CharField(_("tên tổ chức"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tổ chức chủ trì")
        verbose_name_plural = _("tổ chức chủ trì")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = nfc(self.name).strip()


def quiet_cutoff(today: dt.date) -> dt.date:
    """The last check date that counts as gone quiet on ``today``.

    A model is quiet when ``MODELS_QUIET_DAYS`` (90) whole days have passed since its last check:
    a check exactly 90 days ago **is** quiet, one 89 days ago is not. "Không cập nhật 90 ngày"
    then means what an official reading the flag would count on a calendar.
    """
    return today - dt.timedelta(days=settings.MODELS_QUIET_DAYS)


class Figures(models.Model):
    """The counts Hướng dẫn 22/HD-BCA-V05 asks for (places, teams, members) and, for camera
    models, cameras installed and working. Shared by a model and each of its checks."""

    places = models.PositiveIntegerField(_("số điểm"), default=0)
    teams = models.PositiveIntegerField(_("số tổ"), default=0)
    members = models.PositiveIntegerField(_("số thành viên"), default=0)
    cameras_installed = models.PositiveIntegerField(_("số camera lắp đặt"), null=True, blank=True)
    cameras_working = models.PositiveIntegerField(
        _("số camera đang hoạt động"), null=True, blank=True
    )

    FIELDS = ("places", "teams", "members", "cameras_installed", "cameras_working")

    class Meta:
        abstract = True

    def clean_figures(self, model_type: ModelType | None) -> None:
        if model_type is not None and not model_type.has_camera_figures:
            # Camera counts on a "gương sáng" would be noise in the camera totals.
            self.cameras_installed = self.cameras_working = None
        if self.cameras_working is not None and self.cameras_installed is None:
            raise ValidationError(
                {"cameras_installed": _("Hãy nhập số camera lắp đặt trước số camera hoạt động.")}
            )
        if (self.cameras_working or 0) > (self.cameras_installed or 0):
            raise ValidationError(
                {
                    "cameras_working": _(
                        "Số camera đang hoạt động (%(working)s) không thể lớn hơn số camera "
                        "lắp đặt (%(installed)s)."
                    )
                    % {"working": self.cameras_working, "installed": self.cameras_installed}
                }
            )


def cameras_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(cameras_working__isnull=True) | Q(cameras_working__lte=F("cameras_installed")),
        name=name,
    )


class SecurityModelQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("model_type", "commune", "village", "host_organisation")

    def gone_quiet(self, today: dt.date):
        """Models not stopped whose last check (or, with none, establishment) is on or before
        :func:`quiet_cutoff`. A stopped model is not expected to report, so it is not flagged."""
        return (
            self.annotate(_quiet_since=Coalesce("last_checked_on", "established_on"))
            .filter(_quiet_since__lte=quiet_cutoff(today))
            .exclude(current_status=Status.STOPPED)
        )

    def outstanding_in(self, year: int):
        return self.filter(recognitions__year=year)

    def established_in(self, year: int):
        return self.filter(established_on__year=year)

    def visible_to(self, user):
        from models_registry.access import model_policy

        return model_policy.visible(user, self)


class SecurityModel(VersionedModel, Figures):
    name = models.CharField(_("tên mô hình"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    model_type = models.ForeignKey(
        ModelType, verbose_name=_("loại mô hình"), on_delete=models.PROTECT, related_name="models"
    )
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã / thị trấn"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    village = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("thôn / tổ dân phố"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    host_organisation = models.ForeignKey(
        HostOrganisation,
        verbose_name=_("tổ chức chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    established_on = models.DateField(_("ngày thành lập"))
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=60, blank=True)
    description = models.TextField(
        _("ghi chú"),
        blank=True,
        max_length=DESCRIPTION_CHARS,
        validators=text_validators(DESCRIPTION_CHARS),
    )
    # Copies of the latest check, kept by services.model_record_check; see the module docstring.
    current_status = models.CharField(
        _("tình trạng hiện nay"), max_length=16, choices=Status.choices, blank=True, editable=False
    )
    last_checked_on = models.DateField(
        _("kiểm tra gần nhất"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("ngày tạo hồ sơ"), auto_now_add=True)
    history = HistoricalRecords()

    objects = SecurityModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("mô hình tự quản về ANTT")
        verbose_name_plural = _("mô hình tự quản về ANTT")
        ordering = ["commune__name", "name", "pk"]
        constraints = [cameras_constraint("security_model_cameras_working_le_installed")]

    def __str__(self):
        return f"{self.name} — {self.place_label}"

    def save(self, *args, **kwargs):
        # Kept in save(), not only clean(): the accent-free copy must never lag behind the name.
        self.name_folded = fold(self.name)
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_folded"}
        super().save(*args, **kwargs)

    @property
    def place_label(self) -> str:
        """ "thôn Liên Hòa, Sơn Bình" or "xã Sơn Lâm": how the report names where a model is."""
        if self.village_id:
            return f"{self.village.full_name[0].lower()}{self.village.full_name[1:]}, " + (
                self.commune.name
            )
        return f"{self.commune.full_name[0].lower()}{self.commune.full_name[1:]}"

    def is_quiet(self, today: dt.date) -> bool:
        """Python twin of ``SecurityModelQuerySet.gone_quiet`` for a row already loaded."""
        since = self.last_checked_on or self.established_on
        return self.current_status != Status.STOPPED and since <= quiet_cutoff(today)

    def clean(self):
        from django.utils import timezone

        self.name = nfc(self.name or "").strip()
        self.decision_number = nfc(self.decision_number).strip()
        self.description = nfc(self.description).strip()
        errors = {}
        if self.established_on and self.established_on > timezone.localdate():
            errors["established_on"] = _("Ngày thành lập không thể ở tương lai.")
        if self.commune_id and not self.commune.is_commune:
            errors["commune"] = _("Hãy chọn một xã, phường hoặc thị trấn.")
        if self.village_id and self.commune_id and self.village.parent_id != self.commune_id:
            errors["village"] = _("Thôn / tổ dân phố “%(village)s” không thuộc %(commune)s.") % {
                "village": self.village.name,
                "commune": self.commune.full_name,
            }
        if self._state.adding and self.commune_id and self.established_on and not errors:
            # A new model is filed under a unit of the committee's area that existed on the day
            # it was set up (ban138/filing.py); a model on record keeps its unit.
            from ban138.filing import filing_errors

            errors = filing_errors(
                commune=self.commune,
                village=self.village if self.village_id else None,
                day=self.established_on,
            )
        if errors:
            raise ValidationError(errors)
        self.clean_figures(self.model_type if self.model_type_id else None)


def photo_path(instance, filename: str) -> str:
    # A random name: the uploader's file name is theirs, and guessable paths help nobody.
    suffix = PurePosixPath(filename).suffix.lower()[:5]
    return f"models_registry/photos/{uuid.uuid4().hex}{suffix}"


class StatusCheck(Figures):
    """One dated observation of a model. Checks are append-only history (never edited), so they
    carry no HistoricalRecords of their own."""

    model = models.ForeignKey(
        SecurityModel, verbose_name=_("mô hình"), on_delete=models.CASCADE, related_name="checks"
    )
    checked_on = models.DateField(_("ngày kiểm tra"))
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices)
    note = models.TextField(
        _("nhận xét"), blank=True, max_length=NOTE_CHARS, validators=text_validators(NOTE_CHARS)
    )
    photo = models.FileField(_("ảnh"), upload_to=photo_path, blank=True)
    # SET_NULL: removing an account must not erase the history it wrote (deactivating is the
    # normal path; this only covers an outright delete).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần kiểm tra tình trạng")
        verbose_name_plural = _("các lần kiểm tra tình trạng")
        ordering = ["-checked_on", "-pk"]
        indexes = [models.Index(fields=["model", "-checked_on", "-id"], name="check_latest")]
        constraints = [cameras_constraint("status_check_cameras_working_le_installed")]

    def __str__(self):
        return f"{self.model.name} — {self.checked_on:%d/%m/%Y}"

    def clean(self):
        from django.utils import timezone

        self.note = nfc(self.note).strip()
        if self.checked_on and self.checked_on > timezone.localdate():
            raise ValidationError({"checked_on": _("Ngày kiểm tra không thể ở tương lai.")})
        if self.checked_on and self.model_id and self.checked_on < self.model.established_on:
            raise ValidationError(
                {
                    "checked_on": _("Ngày kiểm tra trước ngày thành lập mô hình (%(date)s).")
                    % {"date": f"{self.model.established_on:%d/%m/%Y}"}
                }
            )
        self.clean_figures(self.model.model_type if self.model_id else None)


class OutstandingRecognition(models.Model):
    """The model was recognised as điển hình (outstanding) for ``year`` by a decision. A model
    may be recognised in several years, once per year."""

    model = models.ForeignKey(
        SecurityModel,
        verbose_name=_("mô hình"),
        on_delete=models.CASCADE,
        related_name="recognitions",
    )
    year = models.PositiveSmallIntegerField(_("năm điển hình"))
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("công nhận mô hình điển hình")
        verbose_name_plural = _("công nhận mô hình điển hình")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "year"],
                name="recognition_once_per_year",
                violation_error_message=_("Mô hình đã được công nhận điển hình trong năm này."),
            )
        ]

    def __str__(self):
        return f"{self.model.name} — {self.year}"

    def clean(self):
        self.decision_number = nfc(self.decision_number).strip()
        if self.model_id and self.year and self.year < self.model.established_on.year:
            raise ValidationError({"year": _("Năm điển hình trước năm thành lập mô hình.")})
        if self.decision_date and self.year and self.decision_date.year < self.year:
            # The recognition of year N is decided at that year's review or later, never before.
            raise ValidationError(
                {"decision_date": _("Quyết định công nhận không thể ban hành trước năm điển hình.")}
            )
