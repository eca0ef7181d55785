"""Peak campaigns (đợt cao điểm tấn công, trấn áp tội phạm): the plan, its targets and tasks,
the figures communes enter by hand, and outreach sessions (which also happen outside campaigns).
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ban138.concurrency import VersionedModel
from ban138.filing import check_period
from ban138.history import HistoricalRecords
from ban138.limits import NARRATIVE_CHARS, NOTE_CHARS, text_validators
from ban138.models import AdministrativeUnit, committee_foreign_key
from ban138.text import nfc


class State(models.TextChoices):
    """Stored states. "Đang triển khai" is not stored: it follows from the calendar (see
    :meth:`Campaign.state_on`), so nobody has to remember to switch it on the first day."""

    DRAFT = "du_thao", _("Dự thảo")
    APPROVED = "da_phe_duyet", _("Đã phê duyệt")
    CLOSED = "da_ket_thuc", _("Đã kết thúc")


class DisplayState(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo")
    APPROVED = "da_phe_duyet", _("Đã phê duyệt")
    RUNNING = "dang_trien_khai", _("Đang triển khai")
    CLOSED = "da_ket_thuc", _("Đã kết thúc")


class CampaignQuerySet(models.QuerySet):
    def in_year(self, year: int):
        """Plans dated (plan_date) in the year — the annual report counts them by that date."""
        return self.filter(plan_date__year=year)

    def approved_or_later(self):
        return self.filter(state__in=[State.APPROVED, State.CLOSED])

    def including_any(self, commune_ids):
        return self.filter(Q(all_communes=True) | Q(communes__in=list(commune_ids))).distinct()

    def in_display_state(self, code: str, today: dt.date):
        running = Q(state=State.APPROVED, start__lte=today, end__gte=today)
        if code == DisplayState.RUNNING:
            return self.filter(running)
        if code == DisplayState.APPROVED:
            return self.filter(state=State.APPROVED).exclude(running)
        return self.filter(state=code)

    def awaiting_approval(self):
        return self.filter(state=State.DRAFT).order_by("plan_date", "pk")


class Campaign(VersionedModel):
    """One plan (kế hoạch). Until the chairman approves it the secretariat may edit everything;
    afterwards only tasks and results change, so the plan stays what was signed."""

    committee = committee_foreign_key()
    number = models.CharField(_("số kế hoạch"), max_length=40, help_text=_("Ví dụ: 05/KH-BCĐ138"))
    plan_date = models.DateField(_("ngày ban hành kế hoạch"))
    title = models.CharField(_("tên đợt cao điểm"), max_length=300)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    lead_agency = models.CharField(
        _("cơ quan chủ trì"), max_length=200, help_text=_("Ví dụ: cơ quan Công an thường trực")
    )
    # The form labels it by the committee's level ("toàn xã", "toàn tỉnh": ban138/committee.py).
    all_communes = models.BooleanField(_("toàn địa bàn (tất cả đơn vị)"), default=False)
    communes = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("xã, thị trấn tham gia"),
        blank=True,
        related_name="campaigns",
    )
    focus_crime_groups = models.ManyToManyField(
        "tips.CrimeGroup",
        verbose_name=_("nhóm tội phạm trọng tâm"),
        blank=True,
        related_name="campaigns",
    )
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=State.choices, default=State.DRAFT
    )
    summary_text = models.TextField(
        _("nội dung sơ kết"),
        blank=True,
        max_length=NARRATIVE_CHARS,
        validators=text_validators(NARRATIVE_CHARS),
    )
    # The sơ kết's "hạn chế, tồn tại", apart from its assessment: the year's report carries it
    # into its own section II (TỒN TẠI, HẠN CHẾ) under the campaign's name.
    shortcomings_text = models.TextField(
        _("hạn chế, tồn tại"),
        blank=True,
        max_length=NARRATIVE_CHARS,
        validators=text_validators(NARRATIVE_CHARS),
    )
    # Accounts are deactivated, not deleted; if one is deleted anyway the plan must survive it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt cao điểm")
        verbose_name_plural = _("đợt cao điểm")
        ordering = ["-plan_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")), name="campaign_start_not_after_end"
            ),
        ]

    def __str__(self):
        return f"{self.number} — {self.title}"

    def clean(self):
        self.number = nfc(self.number).strip()
        self.title = nfc(self.title).strip()
        self.lead_agency = nfc(self.lead_agency).strip()
        self.summary_text = nfc(self.summary_text).strip()
        self.shortcomings_text = nfc(self.shortcomings_text).strip()
        if self.start and self.end and self.start > self.end:
            raise ValidationError({"end": _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")})

    def state_on(self, today: dt.date) -> str:
        """The state users see: an approved plan is "đang triển khai" while today is in it."""
        if self.state == State.APPROVED and self.start <= today <= self.end:
            return DisplayState.RUNNING
        return self.state

    def state_label_on(self, today: dt.date) -> str:
        return DisplayState(self.state_on(today)).label

    @property
    def is_draft(self) -> bool:
        return self.state == State.DRAFT

    @property
    def is_closed(self) -> bool:
        return self.state == State.CLOSED

    def check_communes(self, communes, *, field: str | None = "communes") -> None:
        """Refuse, in Vietnamese, a commune that did not exist on any day of the plan's period
        (a plan of January 2025 names Xã Sơn Bình, one of August 2025 Xã Khánh Sơn; one across
        1/7/2025 may name both: ban138/filing.py)."""
        if self.start and self.end and self.start <= self.end:
            period = _("thời gian của kế hoạch (từ ngày %(start)s đến ngày %(end)s)") % {
                "start": self.start.strftime("%d/%m/%Y"),
                "end": self.end.strftime("%d/%m/%Y"),
            }
            check_period(communes, first=self.start, last=self.end, period=period, field=field)

    def participating_commune_ids(self) -> list[int]:
        if self.all_communes:
            communes = AdministrativeUnit.objects.communes().existing_between(self.start, self.end)
            return list(communes.values_list("pk", flat=True))
        return [c.pk for c in self.communes.all()]

    def includes_commune(self, commune_id: int | None) -> bool:
        return commune_id is not None and commune_id in self.participating_commune_ids()


def vietnamese_name(user) -> str:
    """Family name first, as Vietnamese write it ("Nguyễn Văn Nhuận"), else the username."""
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or user.get_username()


class Transition(models.Model):
    """One step of the lifecycle, with who and when: the plan's paper trail."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("từ trạng thái"), max_length=16, choices=State.choices)
    to_state = models.CharField(_("sang trạng thái"), max_length=16, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Who approved or closed stays on record even if the account is later deleted.
    by_name = models.CharField(_("họ tên người thực hiện"), max_length=150, blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.TextField(
        _("ghi chú"), blank=True, max_length=NOTE_CHARS, validators=text_validators(NOTE_CHARS)
    )

    class Meta:
        verbose_name = _("chuyển trạng thái đợt cao điểm")
        verbose_name_plural = _("chuyển trạng thái đợt cao điểm")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.campaign_id}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.by_id and not self.by_name:
            self.by_name = vietnamese_name(self.by)
        super().save(*args, **kwargs)


class TargetKind(models.TextChoices):
    SOLVED_RATE = "ty_le_kham_pha", _("Tỷ lệ điều tra khám phá án")
    TIPS_SETTLED = "tin_giai_quyet", _("Số tin báo, tố giác được giải quyết")
    ARRESTS = "bat_giu", _("Số đối tượng bắt giữ")
    OUTREACH_SESSIONS = "buoi_tuyen_truyen", _("Số buổi tuyên truyền")
    ATTENDEES = "luot_nguoi_nghe", _("Số lượt người nghe tuyên truyền")


TARGET_UNITS = {
    TargetKind.SOLVED_RATE: _("%"),
    TargetKind.TIPS_SETTLED: _("tin"),
    TargetKind.ARRESTS: _("đối tượng"),
    TargetKind.OUTREACH_SESSIONS: _("buổi"),
    TargetKind.ATTENDEES: _("lượt người"),
}
# A rate is reached or not in every commune alike; a count is split between communes only if
# the plan gives each commune its own number.
RATE_KINDS = frozenset({TargetKind.SOLVED_RATE})


class Target(models.Model):
    """A chỉ tiêu of the plan. Without a commune it is the campaign-wide target; with one, that
    commune's share."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("chỉ tiêu"), max_length=24, choices=TargetKind.choices)
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, thị trấn (để trống nếu là chỉ tiêu chung)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.DecimalField(
        _("mức chỉ tiêu"),
        max_digits=10,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0))],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["kind", "commune__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind"],
                condition=Q(commune__isnull=True),
                name="campaign_target_once_overall",
            ),
            models.UniqueConstraint(
                fields=["campaign", "kind", "commune"],
                condition=Q(commune__isnull=False),
                name="campaign_target_once_per_commune",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="campaign_target_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value} {self.unit}"

    def clean(self):
        # A commune's share is of a commune that existed during the plan (ban138/filing.py).
        if self.commune_id and self.campaign_id:
            self.campaign.check_communes([self.commune], field="commune")

    @property
    def unit(self) -> str:
        return str(TARGET_UNITS[TargetKind(self.kind)])


class TaskQuerySet(models.QuerySet):
    def overdue(self, today: dt.date):
        """Not done and past due, in campaigns still running their course (not closed)."""
        return self.filter(done=False, due_date__lt=today).exclude(campaign__state=State.CLOSED)


class Task(VersionedModel):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("nội dung công việc"), max_length=300)
    owner = models.CharField(_("đơn vị / người phụ trách"), max_length=200)
    due_date = models.DateField(_("hạn hoàn thành"))
    done = models.BooleanField(_("đã hoàn thành"), default=False)
    note = models.TextField(
        _("ghi chú kết quả"),
        blank=True,
        max_length=NOTE_CHARS,
        validators=text_validators(NOTE_CHARS),
    )
    history = HistoricalRecords(excluded_fields=["version"])

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        self.title = nfc(self.title).strip()
        self.owner = nfc(self.owner).strip()
        self.note = nfc(self.note).strip()

    def is_overdue(self, today: dt.date) -> bool:
        return not self.done and self.due_date < today


class CommuneResult(VersionedModel):
    """What one commune reports by hand for a campaign: arrests made in raids (truy quét) and,
    in :class:`SeizedItem`, what was seized. Outreach is recorded as :class:`Outreach` rows."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="commune_results")
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, thị trấn"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    raid_arrests = models.PositiveIntegerField(_("số đối tượng bắt giữ qua truy quét"), default=0)
    note = models.TextField(
        _("ghi chú"), blank=True, max_length=NOTE_CHARS, validators=text_validators(NOTE_CHARS)
    )
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("kết quả nhập tay của xã")
        verbose_name_plural = _("kết quả nhập tay của xã")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "commune"], name="campaign_result_once_per_commune"
            ),
        ]

    def __str__(self):
        return f"{self.campaign_id} — {self.commune_id}"

    def clean(self):
        self.note = nfc(self.note).strip()
        outside = self.campaign_id and not self.campaign.includes_commune(self.commune_id)
        if self.commune_id and outside:
            raise ValidationError({"commune": _("Xã, thị trấn này không tham gia đợt cao điểm.")})


class SeizedItem(models.Model):
    result = models.ForeignKey(CommuneResult, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("tang vật thu giữ"), max_length=200)
    quantity = models.DecimalField(
        _("số lượng"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    unit = models.CharField(_("đơn vị tính"), max_length=40, help_text=_("Ví dụ: gam, chiếc, m³"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tang vật thu giữ")
        verbose_name_plural = _("tang vật thu giữ")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="seized_item_not_negative")
        ]

    def __str__(self):
        return f"{self.name}: {self.quantity} {self.unit}"

    def clean(self):
        self.name = nfc(self.name).strip()
        self.unit = nfc(self.unit).strip()


class OutreachQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(held_on__year=year)


class Outreach(VersionedModel):
    """A tuyên truyền session in a commune on a date. It belongs to a campaign when held for
    one; the annual report counts all of them either way."""

    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, thị trấn"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("ngày tổ chức"))
    topic = models.CharField(_("nội dung tuyên truyền"), max_length=300)
    attendees = models.PositiveIntegerField(_("số người tham dự"))
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("thuộc đợt cao điểm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outreach",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["version"])

    objects = OutreachQuerySet.as_manager()

    class Meta:
        verbose_name = _("buổi tuyên truyền")
        verbose_name_plural = _("buổi tuyên truyền")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(attendees__gte=0), name="outreach_not_negative")
        ]

    def __str__(self):
        return f"{self.held_on:%d/%m/%Y} — {self.topic}"

    def clean(self):
        self.topic = nfc(self.topic).strip()
        if self._state.adding and self.commune_id and self.held_on:
            # Filed under a unit of the committee's area that existed that day (ban138/filing.py).
            from ban138.filing import check_filing

            check_filing(commune=self.commune, day=self.held_on)
        if self.campaign_id and self.commune_id and self.held_on:
            self._check_inside_campaign()

    def _check_inside_campaign(self):
        campaign = self.campaign
        if not campaign.includes_commune(self.commune_id):
            raise ValidationError({"commune": _("Xã, thị trấn này không tham gia đợt cao điểm.")})
        if not campaign.start <= self.held_on <= campaign.end:
            raise ValidationError(
                {"held_on": _("Ngày tổ chức nằm ngoài thời gian của đợt cao điểm.")}
            )
