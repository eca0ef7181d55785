"""Crime tips (nguồn tin về tội phạm), their informants, workflow steps and the cases they open.

Legal frame: Bộ luật Tố tụng hình sự 2015 Art. 144–149 and TTLT 01/2017/TTLT.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138.committees import default_receiving_body_id
from ban138.concurrency import VersionedModel
from ban138.history import HistoricalRecords
from ban138.limits import DESCRIPTION_CHARS, EARLIEST_YEAR, NOTE_CHARS, text_validators
from ban138.models import AdministrativeUnit, AppendOnlyModel, ReceivingBody
from ban138.text import nfc
from tips.deadlines import DUE_SOON_DAYS

# The states and steps are defined once, in tips/workflow.py; re-exported here for the callers
# that have always imported them from the models.
from tips.workflow import (  # noqa: F401 - re-exported
    DECISION_STATES,
    OPEN_STATES,
    SETTLED_STATES,
    ClockRule,
    DutyKind,
    TipAction,
    TipState,
)


class TipKind(models.TextChoices):
    # Art. 144: the three sources of crime information.
    DENUNCIATION = "to_giac", _("Tố giác về tội phạm")
    REPORT = "tin_bao", _("Tin báo về tội phạm")
    PROSECUTION_REQUEST = "kien_nghi", _("Kiến nghị khởi tố")


class Channel(models.TextChoices):
    IN_PERSON = "truc_tiep", _("Trực tiếp")
    PHONE = "dien_thoai", _("Điện thoại")
    LETTER = "don_thu", _("Đơn thư")
    ONLINE = "truc_tuyen", _("Thư điện tử / trực tuyến")
    TRANSFERRED = "chuyen_den", _("Chuyển đến từ cơ quan khác")


class CrimeSeverity(models.TextChoices):
    """BLHS 2015 (amended 2017) Điều 9 khoản 1: the four classes of crime, by the highest penalty
    of the offence's bracket — ít nghiêm trọng (fine, non-custodial reform or up to 03 years),
    nghiêm trọng (over 03 to 07 years), rất nghiêm trọng (over 07 to 15 years), đặc biệt
    nghiêm trọng (over 15 to 20 years, life or death). In the law's order."""

    LESS_SERIOUS = "it_nghiem_trong", _("Ít nghiêm trọng")
    SERIOUS = "nghiem_trong", _("Nghiêm trọng")
    VERY_SERIOUS = "rat_nghiem_trong", _("Rất nghiêm trọng")
    ESPECIALLY_SERIOUS = "dac_biet_nghiem_trong", _("Đặc biệt nghiêm trọng")


# The classes whose solved rate the annual review states apart ("án rất nghiêm trọng và đặc
# biệt nghiêm trọng"), as the reviews and the National Assembly's targets do.
GRAVE_SEVERITIES = (CrimeSeverity.VERY_SERIOUS, CrimeSeverity.ESPECIALLY_SERIOUS)


class CrimeGroup(models.Model):
    """Admin-editable list of crime groups. ``code`` is stable: reports look groups up by it."""

    reference_data = True  # filter lists are cached until it changes (ban138/caching.py)

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên nhóm tội phạm"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("còn dùng"), default=True)
    # Admin edits (renames, deactivations) change how reports read: keep who did what.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhóm tội phạm")
        verbose_name_plural = _("nhóm tội phạm")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ExtraDayOff(models.Model):
    """A day off the holidays calendar does not know (a bridge day announced by the Government)."""

    date = models.DateField(_("ngày nghỉ"), unique=True)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    # A day off moves every open tip's deadline: who added or removed it must be on record.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ngày nghỉ bổ sung")
        verbose_name_plural = _("ngày nghỉ bổ sung")
        ordering = ["-date"]

    def __str__(self):
        return self.date.strftime("%d/%m/%Y")


class ExtraWorkingDay(models.Model):
    """A day the calendar would count as a day off that is a working day this year: a public
    holiday the ``holidays`` package lists but the Government moved, or a Saturday/Sunday worked
    to make up a bridge day (ngày làm bù). A limit ending on it is not moved (BLTTHS Art. 134)."""

    date = models.DateField(_("ngày làm việc"), unique=True)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ngày làm việc bù / bỏ ngày nghỉ")
        verbose_name_plural = _("ngày làm việc bù / bỏ ngày nghỉ")
        ordering = ["-date"]

    def __str__(self):
        return self.date.strftime("%d/%m/%Y")


class RegisterCounter(models.Model):
    """The last number used in one receiving body's intake register of a year; locked while a
    number is allocated, so two bodies never wait on each other. ``body`` is the receiving
    body's pk (0: a tip of an installation with no committee yet)."""

    body = models.PositiveIntegerField(_("cơ quan tiếp nhận"), default=0)
    year = models.PositiveIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm sổ tiếp nhận")
        verbose_name_plural = _("bộ đếm sổ tiếp nhận")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="register_counter_per_body_year")
        ]

    def __str__(self):
        return f"{self.body}/{self.year}: {self.last_number}"


def local_midnight(day: dt.date) -> dt.datetime:
    """Start of ``day`` in Asia/Ho_Chi_Minh as an aware datetime: periods count local dates."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class TipQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today: dt.date):
        return self.open().filter(due_on__lt=today)

    def due_soon(self, today: dt.date):
        return self.open().filter(
            due_on__gte=today, due_on__lte=today + dt.timedelta(DUE_SOON_DAYS)
        )

    def needs_attention(self, today: dt.date):
        """Overdue or due within five days — what the menu badge and reminders count."""
        return self.open().filter(due_on__lte=today + dt.timedelta(DUE_SOON_DAYS))

    def unassigned(self):
        return self.filter(state=TipState.RECEIVED)

    def assigned_to(self, user):
        return self.filter(assigned_to=user)

    def received_between(self, start: dt.date, end: dt.date):
        """Received on a local date in [start, end]."""
        return self.filter(
            received_at__gte=local_midnight(start),
            received_at__lt=local_midnight(end + dt.timedelta(days=1)),
        )

    def search(self, query: str):
        """By register number, or accent-insensitive by words (tips/search.py); a query no index
        can serve (a lone letter) finds nothing — the filter form refuses it with a message."""
        from tips import search

        if not search.is_searchable(query):
            return self.none()
        return self.filter(search.condition(query))

    def for_list(self):
        return self.select_related("commune", "crime_group", "assigned_to")


class Tip(VersionedModel):
    """One entry of the intake register (sổ tiếp nhận nguồn tin về tội phạm)."""

    # The register the tip is entered in: its receiving body's (ban138.models.ReceivingBody),
    # so its committee's. Numbers run per body and year (BLTTHS 2015 Điều 146 khoản 1).
    receiving_body = models.ForeignKey(
        ReceivingBody,
        verbose_name=_("cơ quan tiếp nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        default=default_receiving_body_id,
        related_name="tips",
    )
    year = models.PositiveIntegerField(_("năm sổ"), editable=False)
    number = models.PositiveIntegerField(_("số thứ tự"), editable=False)
    kind = models.CharField(_("loại nguồn tin"), max_length=16, choices=TipKind.choices)
    channel = models.CharField(_("hình thức tiếp nhận"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    incident_at = models.DateTimeField(_("thời điểm xảy ra vụ việc"), null=True, blank=True)
    incident_time_approximate = models.BooleanField(
        _("thời điểm xảy ra là ước lượng"), default=False
    )
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã / thị trấn"),
        on_delete=models.PROTECT,
        related_name="tips",
    )
    village = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("thôn / tổ dân phố"),
        on_delete=models.PROTECT,
        related_name="village_tips",
        null=True,
        blank=True,
    )
    address = models.CharField(_("địa chỉ nơi xảy ra"), max_length=255, blank=True)
    crime_group = models.ForeignKey(
        CrimeGroup, verbose_name=_("nhóm tội phạm"), on_delete=models.PROTECT, related_name="tips"
    )
    summary = models.TextField(
        _("tóm tắt nội dung"),
        max_length=DESCRIPTION_CHARS,
        validators=text_validators(DESCRIPTION_CHARS),
    )
    # The folded words of summary, address, commune, village and decision number, kept on every
    # save, so search ignores accents on any database (tips/search.py). Indexed on PostgreSQL by
    # a pg_trgm GIN index (migration 0003): a B-tree would neither serve LIKE '%word%' nor accept
    # a 4,000-character summary.
    search_text = models.TextField(editable=False, default="")

    urgent = models.BooleanField(
        _("khẩn cấp"),
        default=False,
        help_text=_(
            "Tội phạm rất nghiêm trọng, đặc biệt nghiêm trọng hoặc đối tượng có thể bỏ trốn."
        ),
    )
    urgent_alerted_at = models.DateTimeField(
        _("đã báo cơ quan điều tra lúc"), null=True, blank=True
    )

    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=TipState.choices,
        default=TipState.RECEIVED,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ thụ lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tips",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tiếp nhận"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="registered_tips",
        editable=False,
    )

    # The clock (tips/deadlines.py). clock_start is the receipt date, or the phục hồi date.
    clock_start = models.DateField(_("ngày bắt đầu tính thời hạn"), editable=False)
    is_complex = models.BooleanField(_("vụ việc phức tạp (tối đa 2 tháng)"), default=False)
    extension_months = models.PositiveSmallIntegerField(_("số tháng gia hạn"), default=0)
    extension_number = models.CharField(
        _("số quyết định gia hạn của VKS"), max_length=60, blank=True
    )
    extension_date = models.DateField(_("ngày quyết định gia hạn"), null=True, blank=True)
    due_on = models.DateField(_("hạn giải quyết"), editable=False, db_index=True)
    # Which clause sets the running limit: receipt (Art. 147), resume (Art. 149(1)), the
    # procuracy's cancellation (Art. 148(2)). Complex mark and extension count only under 147.
    clock_rule = models.CharField(
        _("căn cứ thời hạn"),
        max_length=16,
        choices=ClockRule.choices,
        default=ClockRule.RECEIPT,
        editable=False,
    )

    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    # Art. 148(1) ground of a suspension, Art. 157 ground of a không khởi tố decision.
    decision_ground = models.CharField(_("căn cứ quyết định"), max_length=16, blank=True)
    transfer_agency = models.CharField(
        _("cơ quan tiếp nhận chuyển đến"), max_length=200, blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gộp vào nguồn tin"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_tips",
    )
    suspected_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("có thể trùng với"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Who sent a tin báo or kiến nghị khởi tố (Art. 144(2)–(3)): an agency, organisation or the
    # press. Ordinary, not secret: the secret Informant record is for a person (tố giác).
    sender_agency = models.CharField(
        _("cơ quan, tổ chức báo tin / kiến nghị"), max_length=200, blank=True
    )
    sender_document_number = models.CharField(_("số văn bản báo tin"), max_length=60, blank=True)
    sender_document_date = models.DateField(_("ngày văn bản báo tin"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = TipQuerySet.as_manager()

    class Meta:
        verbose_name = _("nguồn tin về tội phạm")
        verbose_name_plural = _("nguồn tin về tội phạm")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["receiving_body", "year", "number"], name="tip_number_unique_per_body_year"
            ),
            models.UniqueConstraint(
                fields=["year", "number"],
                condition=Q(receiving_body__isnull=True),
                name="tip_number_unique_per_year_without_body",
            ),
            models.CheckConstraint(
                condition=Q(extension_months__lte=2), name="tip_extension_at_most_two_months"
            ),
        ]
        indexes = [
            models.Index(fields=["received_at"], name="tip_received_at_idx"),
            # The register list's overdue and due-soon streams: open tips newest first, with
            # due_on in the index so the date test needs no heap visit (tips.views.keyset_page).
            models.Index(
                fields=["id", "due_on"],
                condition=Q(state__in=OPEN_STATES),
                name="tip_open_id_due_idx",
            ),
            # The desk's work lists and the menu badge: open tips by deadline (tips.panels), the
            # overdue / due-soon ones as a range, the unassigned / being-verified ones per state.
            models.Index(
                fields=["due_on", "id"],
                condition=Q(state__in=OPEN_STATES),
                name="tip_open_due_id_idx",
            ),
            models.Index(
                fields=["state", "due_on", "id"],
                condition=Q(state__in=OPEN_STATES),
                name="tip_open_state_due_idx",
            ),
            # The register's first three streams (tips.views.priority_streams): urgent open tips
            # whose alert is not recorded — a handful, which without it were found by reading
            # every open tip (190 ms at 1M, 64k open tips; issue 21).
            models.Index(
                fields=["due_on", "id"],
                condition=Q(state__in=OPEN_STATES, urgent=True, urgent_alerted_at__isnull=True),
                name="tip_unalerted_due_id_idx",
            ),
        ]

    def __str__(self):
        return str(_("Nguồn tin số %(number)s") % {"number": self.register_number})

    @property
    def register_number(self) -> str:
        return f"{self.number}/{self.year}" if self.number else "—"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_suspended(self) -> bool:
        return self.state == TipState.SUSPENDED

    @property
    def decision_ground_label(self) -> str:
        from tips.workflow import NoProsecutionGround, SuspensionGround

        labels = {**dict(SuspensionGround.choices), **dict(NoProsecutionGround.choices)}
        return str(labels.get(self.decision_ground, self.decision_ground))

    @property
    def due_explanation(self) -> str:
        """Why the deadline is what it is, citing the clause ("20 ngày kể từ ngày tiếp nhận,
        Điều 147 khoản 1"), and the day-off rule when it moved the last day (BLTTHS Art. 134)."""
        from tips import deadlines

        if self.clock_rule == ClockRule.RECEIPT and self.extension_months:
            text = _(
                "02 tháng kể từ ngày tiếp nhận (vụ việc phức tạp), Viện kiểm sát gia hạn thêm "
                "%(m)02d tháng, Điều 147 khoản 2"
            ) % {"m": self.extension_months}
        elif self.clock_rule == ClockRule.RECEIPT and self.is_complex:
            text = _("02 tháng kể từ ngày tiếp nhận (vụ việc phức tạp), Điều 147 khoản 2")
        else:
            text = ClockRule(self.clock_rule).label
        nominal = deadlines.rule_end(
            self.clock_start,
            self.clock_rule,
            complex_case=self.is_complex,
            extension_months=self.extension_months,
            is_day_off=lambda day: False,
        )
        if self.due_on and nominal != self.due_on:
            text = _(
                "%(t)s; ngày cuối %(d)s là ngày nghỉ nên lùi sang ngày làm việc tiếp theo "
                "(Điều 134 BLTTHS)"
            ) % {"t": text, "d": f"{nominal:%d/%m/%Y}"}
        return str(text)

    def days_left(self, today: dt.date | None = None) -> int | None:
        """Days to the deadline for an open tip; None once decided or while suspended."""
        if not self.is_open:
            return None
        return (self.due_on - (today or timezone.localdate())).days

    def days_taken(self) -> int | None:
        """Receipt to decision, in days — what the procuracy cross-checks."""
        if not self.decision_date:
            return None
        return (self.decision_date - timezone.localdate(self.received_at)).days

    def clean(self):
        self.summary = nfc(self.summary or "").strip()
        self.address = nfc(self.address or "").strip()
        self.transfer_agency = nfc(self.transfer_agency or "").strip()
        self.decision_number = nfc(self.decision_number or "").strip()
        self.sender_agency = nfc(self.sender_agency or "").strip()
        self.sender_document_number = nfc(self.sender_document_number or "").strip()
        errors = {}
        now = timezone.now()
        if self.received_at and self.received_at > now + dt.timedelta(minutes=5):
            errors["received_at"] = _("Thời điểm tiếp nhận không thể ở tương lai.")
        # Year 1 overflowed the date arithmetic of the duplicate check (a 500, issue 15.8).
        if self.received_at and self.received_at.year < EARLIEST_YEAR:
            errors["received_at"] = _("Thời điểm tiếp nhận phải từ năm %(year)s trở đi.") % {
                "year": EARLIEST_YEAR
            }
        if self.incident_at and self.incident_at.year < 1900:  # a typing error, not an old crime
            errors["incident_at"] = _("Thời điểm xảy ra không hợp lệ.")
        if self.incident_at and self.incident_at > now + dt.timedelta(minutes=5):
            errors["incident_at"] = _("Thời điểm xảy ra không thể ở tương lai.")
        if self.incident_at and self.received_at and self.incident_at > self.received_at:
            errors["incident_at"] = _("Vụ việc không thể xảy ra sau khi nguồn tin được tiếp nhận.")
        if self.commune_id and not self.commune.is_commune:
            errors["commune"] = _("Hãy chọn một xã, phường hoặc thị trấn.")
        if self.village_id and self.village.parent_id != self.commune_id:
            errors["village"] = _("Thôn / tổ dân phố này không thuộc xã / thị trấn đã chọn.")
        if self._state.adding and self.commune_id and self.received_at and "commune" not in errors:
            # A new tip is filed under a unit of the committee's area that existed on the day it
            # was received (ban138/filing.py); an old tip keeps the unit it was filed under.
            errors = {**self.filing_errors(), **errors}
        if self.decision_date and self.received_at:
            if self.decision_date < timezone.localdate(self.received_at):
                errors["decision_date"] = _("Ngày quyết định không thể trước ngày tiếp nhận.")
            elif self.decision_date > timezone.localdate():
                errors["decision_date"] = _("Ngày quyết định không thể ở tương lai.")
        if errors:
            raise ValidationError(errors)

    def filing_errors(self) -> dict:
        """The filing rule for this tip's unit and receipt day (ban138/filing.py), in the area
        of its receiving body's committee."""
        from ban138.committees import body_committee_id
        from ban138.filing import filing_errors

        return filing_errors(
            commune=self.commune,
            village=self.village if self.village_id else None,
            day=timezone.localdate(self.received_at),
            committee_id=body_committee_id(self.receiving_body_id),
        )

    def place_names(self) -> tuple[str, str]:
        """The commune's and the village's names (from the loaded relations, else one query)."""
        names = {}
        for field in ("commune", "village"):
            if Tip._meta.get_field(field).is_cached(self):
                unit = getattr(self, field)
                names[field] = unit.name if unit else ""
        missing = {getattr(self, f"{f}_id"): f for f in ("commune", "village") if f not in names}
        missing.pop(None, None)
        if missing:
            for pk, name in AdministrativeUnit.objects.filter(pk__in=missing).values_list(
                "pk", "name"
            ):
                names[missing[pk]] = name
        return names.get("commune", ""), names.get("village", "")

    def save(self, *args, **kwargs):
        from tips.search import search_text

        commune, village = self.place_names()
        self.search_text = search_text(
            self.summary, self.address, commune, village, self.decision_number
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class TipStep(models.Model):
    """One workflow step: who moved the tip from which state to which, when, and why."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("thao tác"), max_length=40, choices=TipAction.choices)
    from_state = models.CharField(
        _("từ trạng thái"), max_length=16, choices=TipState.choices, blank=True
    )
    to_state = models.CharField(_("sang trạng thái"), max_length=16, choices=TipState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    note = models.TextField(
        _("ghi chú"), blank=True, max_length=NOTE_CHARS, validators=text_validators(NOTE_CHARS)
    )
    # The decision the step records (suspension, resume, procuracy's cancellation…): it stays
    # here for the record even after the tip moves on (Art. 148–149).
    number = models.CharField(_("số quyết định / văn bản"), max_length=60, blank=True)
    date = models.DateField(_("ngày quyết định / văn bản"), null=True, blank=True)
    ground = models.CharField(_("căn cứ"), max_length=16, blank=True)
    # The day a new time limit runs from, when the step starts one (Art. 148(2), 149(1)).
    clock_from = models.DateField(_("thời hạn tính từ ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("các bước xử lý")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.tip_id}: {self.action}"


class TipDutyQuerySet(models.QuerySet):
    def open(self):
        return self.filter(sent_on__isnull=True)

    def needs_attention(self, today: dt.date):
        """Not yet sent and overdue or due within five days (reminders, data-quality page)."""
        return self.open().filter(due_on__lte=today + dt.timedelta(DUE_SOON_DAYS))


class TipDuty(models.Model):
    """A notice the law makes the investigating body send by a time limit of its own (Art. 146(5),
    148(2), 149(2), 158). Open until someone records that it was sent (date and number)."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="duties")
    kind = models.CharField(_("việc phải làm"), max_length=16, choices=DutyKind.choices)
    step = models.ForeignKey(
        TipStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("hạn gửi"))
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    sent_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    objects = TipDutyQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo phải gửi")
        verbose_name_plural = _("thông báo phải gửi")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["due_on", "id"],
                condition=Q(sent_on__isnull=True),
                name="tipduty_open_due_idx",
            )
        ]

    def __str__(self):
        return f"{self.tip_id}: {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.sent_on is None


class Informant(models.Model):
    """Who reported the tip — stored apart from it and only as AES-GCM ciphertext (tips/crypto.py).

    History is kept, but it copies ``ciphertext`` as it is: no plaintext ever reaches a table.
    """

    tip = models.OneToOneField(Tip, on_delete=models.CASCADE, related_name="informant")
    anonymous = models.BooleanField(_("giấu tên / không rõ danh tính"), default=False)
    ciphertext = models.TextField(editable=False, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người tố giác / báo tin")
        verbose_name_plural = _("người tố giác / báo tin")

    def __str__(self):
        # Deliberately no identity: this string can end up in logs and admin pages.
        return str(_("Người tố giác của nguồn tin #%(id)s") % {"id": self.tip_id})


class RevealKind(models.TextChoices):
    SHOWN = "xem", _("Xem thông tin")
    PRINTED = "in_bien_ban", _("In biên bản tiếp nhận")
    CORRECTED = "sua", _("Sửa, bổ sung thông tin")


class InformantReveal(AppendOnlyModel):
    """Each deliberate showing, printing or correcting of an informant's identity (who, when,
    which tip, why) — and each refused attempt. Never the identity itself. An audit record:
    append-only, in the admin and in the database (ban138.models.AppendOnlyModel)."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="informant_reveals")
    # Accounts are normally deactivated, not deleted; if one is deleted the name stays in the log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(_("người xem"), max_length=150)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(
        _("thao tác"), max_length=16, choices=RevealKind.choices, default=RevealKind.SHOWN
    )
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    refused = models.BooleanField(_("bị từ chối"), default=False)
    # For a correction: which particulars changed (their labels, never their values).
    fields = models.CharField(_("thông tin đã sửa"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("lượt xem thông tin người tố giác")
        verbose_name_plural = _("nhật ký xem thông tin người tố giác")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.user} — {self.tip_id} — {self.at:%d/%m/%Y %H:%M}"

    @property
    def fields_display(self) -> str:
        from tips.informants import labels

        return labels(f for f in self.fields.split(",") if f) if self.fields else ""


class NoticeKind(models.TextChoices):
    # BLTTHS 2015 Art. 146(5): the procuracy is told in writing of a source received; Art. 145(3)
    # and 146(2)(c): a source outside the body's competence is transferred (phiếu chuyển);
    # Art. 147(3), 148(2), 158(1): decisions go to the procuracy within 24 hours and the result
    # to whoever reported the tip.
    PROCURACY_RECEIPT = "vks_tiep_nhan", _("Thông báo Viện kiểm sát việc tiếp nhận nguồn tin")
    PROCURACY_DECISION = "vks_ket_qua", _("Thông báo Viện kiểm sát kết quả giải quyết")
    INFORMANT_RESULT = "nguoi_bao_tin", _("Thông báo kết quả cho người tố giác, báo tin")
    TRANSFER = "phieu_chuyen", _("Phiếu chuyển nguồn tin về tội phạm")


class TipNotice(models.Model):
    """A written notice or transfer slip printed for a tip: what, when, by whom."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("văn bản"), max_length=16, choices=NoticeKind.choices)
    printed_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản thông báo")
        verbose_name_plural = _("văn bản thông báo")
        ordering = ["printed_at", "id"]

    def __str__(self):
        return f"{self.tip_id}: {self.get_kind_display()}"


def attachment_path(instance, filename):
    # A random name: the uploaded name may carry personal data and is kept only in the table.
    import uuid

    return f"tips/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}"


class DocumentKind(models.TextChoices):
    """What an attachment is. The receipt record (biên bản tiếp nhận, Art. 145(4) BLTTHS 2015)
    and the informant's letter (đơn thư) carry the informant's name and address by their nature."""

    RECEIPT_RECORD = "bien_ban", _("Biên bản tiếp nhận")
    LETTER = "don_thu", _("Đơn thư tố giác, tin báo")
    PHOTO = "anh", _("Ảnh chụp, hình ảnh")
    OTHER = "khac", _("Tài liệu khác")


# Kinds that always identify the informant, whatever the officer ticked (issue 15.2).
IDENTIFYING_DOCUMENT_KINDS = frozenset({DocumentKind.RECEIPT_RECORD, DocumentKind.LETTER})


class AttachmentQuerySet(models.QuerySet):
    def without_informant_identity(self):
        return self.filter(identifies_informant=False)


class Attachment(models.Model):
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    kind = models.CharField(max_length=8)
    document_kind = models.CharField(
        _("loại tài liệu"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    # Fails closed: a file whose mark is unknown (those uploaded before the mark existed, too)
    # is served only to those who may see the informant (tips.services.may_see_informant).
    identifies_informant = models.BooleanField(
        _("có thông tin nhận biết người tố giác"), default=True
    )
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()
    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name

    def clean(self):
        if self.document_kind in IDENTIFYING_DOCUMENT_KINDS:
            self.identifies_informant = True

    @property
    def content_type(self) -> str:
        return {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}[self.kind]


class Case(VersionedModel):
    """A criminal case opened by a khởi tố decision; its outcome feeds the annual report."""

    tip = models.OneToOneField(Tip, on_delete=models.PROTECT, related_name="case")
    number = models.CharField(_("số quyết định khởi tố vụ án"), max_length=60)
    crime_group = models.ForeignKey(
        CrimeGroup, verbose_name=_("nhóm tội phạm"), on_delete=models.PROTECT, related_name="cases"
    )
    opened_on = models.DateField(_("ngày khởi tố"))
    suspects = models.PositiveIntegerField(_("số đối tượng"), default=0)
    arrested = models.PositiveIntegerField(_("số đối tượng bị bắt"), default=0)
    solved_on = models.DateField(_("ngày điều tra khám phá"), null=True, blank=True)
    # What the annual review reports of each crime that occurred: its class (BLHS Điều 9) and
    # its consequences. Blank class: not yet classified (a case entered before the field).
    severity = models.CharField(
        _("loại tội phạm (Điều 9 BLHS 2015)"),
        max_length=24,
        choices=CrimeSeverity.choices,
        blank=True,
    )
    deaths = models.PositiveIntegerField(_("số người chết"), default=0)
    injuries = models.PositiveIntegerField(_("số người bị thương"), default=0)
    damage = models.PositiveBigIntegerField(_("thiệt hại tài sản ước tính (đồng)"), default=0)
    note = models.TextField(
        _("ghi chú"), blank=True, max_length=NOTE_CHARS, validators=text_validators(NOTE_CHARS)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vụ án")
        verbose_name_plural = _("vụ án")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(arrested__lte=models.F("suspects")), name="case_arrested_le_suspects"
            ),
        ]

    def __str__(self):
        return str(_("Vụ án %(number)s") % {"number": self.number})

    def clean(self):
        self.number = nfc(self.number or "").strip()
        self.note = nfc(self.note or "").strip()
        errors = {}
        if self.arrested > self.suspects:
            errors["arrested"] = _("Số bị bắt không thể lớn hơn số đối tượng.")
        if self.solved_on and self.opened_on and self.solved_on < self.opened_on:
            errors["solved_on"] = _("Ngày điều tra khám phá không thể trước ngày khởi tố.")
        if self.solved_on and self.solved_on > timezone.localdate():
            errors["solved_on"] = _("Ngày điều tra khám phá không thể ở tương lai.")
        if errors:
            raise ValidationError(errors)
