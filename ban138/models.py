"""The shared core: administrative units, the committee's own profile and who sits where."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ban138.text import nfc


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CITY = "thanh_pho", _("Thành phố")
    DISTRICT = "huyen", _("Huyện")
    TOWN_DISTRICT = "thi_xa", _("Thị xã")
    URBAN_DISTRICT = "quan", _("Quận")
    COMMUNE = "xa", _("Xã")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    WARD = "phuong", _("Phường")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")
    VILLAGE = "thon", _("Thôn")
    HAMLET = "buon", _("Buôn")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Tổ dân phố")


# The grassroots level that commune officials, tips and models are bound to. Kept as a set of
# kinds rather than a depth so the two-tier structure of 2025 (tỉnh → xã) needs no code change.
COMMUNE_KINDS = frozenset(
    {UnitKind.COMMUNE, UnitKind.TOWNSHIP, UnitKind.WARD, UnitKind.SPECIAL_ZONE}
)
VILLAGE_KINDS = frozenset({UnitKind.VILLAGE, UnitKind.HAMLET, UnitKind.RESIDENTIAL_GROUP})


class FastChoiceDisplay:
    """``get_<field>_display()`` without rebuilding the choices each call.

    Django's version makes a hashable dict of every choice on each call, which translates every
    label: a 50-row list showing three choice fields spent more time there than in its query. This
    keeps one value → (lazy) label dict per field and translates only the label shown."""

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_ban138_labels")
        if labels is None:
            labels = field._ban138_labels = dict(field.flatchoices)
        value = getattr(self, field.attname)
        return force_str(labels.get(value, value), strings_only=True)


class UnitQuerySet(models.QuerySet):
    def communes(self):
        return self.filter(kind__in=COMMUNE_KINDS, is_active=True)

    def villages_of(self, commune):
        return self.filter(parent=commune, kind__in=VILLAGE_KINDS, is_active=True)


class AdministrativeUnit(FastChoiceDisplay, models.Model):
    """One node of the địa bàn tree. Records point at the unit they were filed under, so moving a
    unit to another parent (a merger, the 2025 reform) leaves old records where they were."""

    reference_data = True  # filter lists are cached until it changes (ban138/caching.py)

    kind = models.CharField(_("cấp"), max_length=16, choices=UnitKind.choices)
    name = models.CharField(_("tên"), max_length=120)
    code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=16,
        blank=True,
        help_text=_("Mã theo danh mục quốc gia, nếu có."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("còn hiệu lực"), default=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="unit_code_unique_when_set"
            ),
            models.UniqueConstraint(
                fields=["parent", "kind", "name"], name="unit_unique_in_parent"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        """ "Thị trấn Tô Hạp", "Xã Sơn Bình", "Thôn Liên Hòa" — how documents name a unit."""
        return f"{self.get_kind_display()} {self.name}"

    @property
    def is_commune(self) -> bool:
        return self.kind in COMMUNE_KINDS

    @property
    def is_village(self) -> bool:
        return self.kind in VILLAGE_KINDS

    def ancestors(self) -> list["AdministrativeUnit"]:
        """Parents from the nearest up; the tree is a few levels deep, so one query a level."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def clean(self):
        self.name = nfc(self.name).strip()
        if self.pk and self.parent_id and self._would_create_cycle():
            raise ValidationError(
                {"parent": _("Không thể đặt một đơn vị làm cấp dưới của chính nó.")}
            )

    def _would_create_cycle(self) -> bool:
        return self.parent_id == self.pk or any(a.pk == self.pk for a in self.parent.ancestors())

    def move_to(self, new_parent: "AdministrativeUnit | None") -> None:
        """Re-parent this unit (administrative reorganisation). Records filed under it keep it."""
        self.parent = new_parent
        self.full_clean()
        self.save(update_fields=["parent"])


class CommitteeProfile(models.Model):
    """The committee's letterhead and signatory: one row, edited in the admin, read by reports."""

    singleton = models.BooleanField(default=True, editable=False, unique=True)
    district = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="+"
    )
    issuing_authority = models.CharField(
        _("cơ quan chủ quản"), max_length=120, help_text=_("Ví dụ: UBND HUYỆN KHÁNH SƠN")
    )
    committee_name = models.CharField(
        _("tên ban chỉ đạo"), max_length=120, default="BAN CHỈ ĐẠO 138"
    )
    place_name = models.CharField(
        _("địa danh ghi trên văn bản"), max_length=60, help_text=_("Ví dụ: Khánh Sơn")
    )
    chairman_name = models.CharField(_("họ tên Trưởng ban"), max_length=120)
    chairman_title = models.CharField(
        _("chức vụ Trưởng ban"), max_length=200, help_text=_("Ví dụ: Chủ tịch UBND huyện")
    )
    report_number_suffix = models.CharField(
        _("ký hiệu văn bản báo cáo"),
        max_length=40,
        default="BC-BCĐ138",
        help_text=_("Phần sau dấu gạch chéo của số văn bản, ví dụ BC-BCĐ138."),
    )
    # Two-factor sign-in (TOTP) is optional; an administrator turns it on per group of users.
    require_otp_police_leaders = models.BooleanField(
        _("bắt buộc xác thực hai bước với Lãnh đạo Công an"), default=False
    )
    require_otp_chairman = models.BooleanField(
        _("bắt buộc xác thực hai bước với Trưởng ban"), default=False
    )
    require_otp_staff = models.BooleanField(
        _("bắt buộc xác thực hai bước với quản trị viên"),
        default=False,
        help_text=_("Khi bật, trang quản trị chỉ mở sau khi nhập mã xác thực hai bước."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thông tin Ban chỉ đạo")
        verbose_name_plural = _("thông tin Ban chỉ đạo")
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="committee_profile_singleton")
        ]

    def __str__(self):
        return f"{self.committee_name} — {self.issuing_authority}"

    @classmethod
    def current(cls) -> "CommitteeProfile | None":
        return cls.objects.select_related("district").first()


class OfficialProfile(models.Model):
    """Binds a commune official (cán bộ xã) to exactly one commune; scoping reads it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="official_profile",
    )
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã / thị trấn"),
        on_delete=models.PROTECT,
        related_name="officials",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cán bộ xã — địa bàn phụ trách")
        verbose_name_plural = _("cán bộ xã — địa bàn phụ trách")

    def __str__(self):
        return f"{self.user} — {self.commune}"

    def clean(self):
        if self.commune_id and not self.commune.is_commune:
            raise ValidationError(
                {"commune": _("Cán bộ xã phải được gắn với một xã, phường hoặc thị trấn.")}
            )


class SubmissionToken(models.Model):
    """A create form's one-time token, claimed by the first POST that carries it (see
    ban138/concurrency.py): a double click must not register the same tip twice."""

    token = models.UUIDField(unique=True)
    object_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mã chống gửi trùng")
        verbose_name_plural = _("mã chống gửi trùng")

    def __str__(self):
        return str(self.token)


class AppendOnlyError(Exception):
    """An audit record was about to be changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.label} is append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} is append-only")


class AppendOnlyModel(models.Model):
    """An audit record (issue 15.7): rows are added, never changed or deleted — by any role, the
    superuser included. The ORM refuses here; on PostgreSQL a trigger refuses any other way in
    too (:func:`append_only_trigger`). Deleting the user a row names still sets it to NULL
    (the name is kept in the row), which the trigger lets through."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} is append-only")


def append_only_trigger(table: str, *, nullable_user_column: str = "user_id"):
    """A migration operation: on PostgreSQL, a trigger that refuses UPDATE and DELETE on
    ``table`` except setting ``nullable_user_column`` to NULL (a deleted account). TRUNCATE, which
    only the database owner can run, is not a row change and stays possible (test databases).
    SQLite has no such trigger: its test flush deletes rows one table at a time."""
    from django.db import migrations

    function = f"{table}_append_only"
    rest = f"- '{nullable_user_column}'"
    create = f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.{nullable_user_column} IS NULL
               AND (to_jsonb(NEW) {rest}) = (to_jsonb(OLD) {rest}) THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '{table} is append-only (audit record)';
        END;
        $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS {function} ON {table};
        CREATE TRIGGER {function} BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {function}();
    """
    drop = f"DROP TRIGGER IF EXISTS {function} ON {table}; DROP FUNCTION IF EXISTS {function}();"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop)

    return migrations.RunPython(forwards, backwards)
class DocumentKind(models.TextChoices):
    """The kinds of document the product issues. The letters are the kind's part of the ký hiệu
    (NĐ 30/2020/NĐ-CP, Phụ lục III: BC = báo cáo, KH = kế hoạch); a sơ kết is a báo cáo."""

    REPORT = "bao_cao", _("Báo cáo tổng kết")
    PLAN = "ke_hoach", _("Kế hoạch")
    INTERIM_REPORT = "so_ket", _("Báo cáo sơ kết")

    @property
    def letters(self) -> str:
        return "KH" if self == DocumentKind.PLAN else "BC"


class DocumentStatus(models.TextChoices):
    ISSUED = "ban_hanh", _("Đã ban hành")
    WITHDRAWN = "thu_hoi", _("Đã thu hồi")
    REPLACED = "thay_the", _("Đã bị thay thế")


class OutgoingDocument(models.Model):
    """One line of the register of outgoing documents (sổ văn bản đi) of an issuing body.

    NĐ 30/2020/NĐ-CP, Điều 15 khoản 1 (cấp số văn bản): numbers run in the order of issue within
    the calendar year, from 01 on 1 January to 31 December, and a number is used once in the year;
    Phụ lục I (số, ký hiệu): an advisory body (Ban Chỉ đạo) that issues in its own name keeps its
    own number series. So there is one series per body and year for every kind it issues — a
    report and a plan never share a number — and the database refuses a second use.
    (Article and clause as the decree's consistent secondary sources give them.)
    """

    body = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("cơ quan ban hành (địa bàn)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices)
    symbol = models.CharField(
        _("ký hiệu"), max_length=60, help_text=_("Phần sau dấu gạch chéo, ví dụ BC-BCĐ138.")
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    document_date = models.DateField(_("ngày văn bản"))
    # Which record the number belongs to ("reports.issuedreport:5", "campaigns.campaign:3"):
    # the core names no app; the app that registered the number looks it up by this key.
    source = models.CharField(_("nguồn"), max_length=80, blank=True, db_index=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=DocumentStatus.choices,
        default=DocumentStatus.ISSUED,
    )
    status_reason = models.TextField(_("lý do thu hồi, thay thế"), blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp số"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("cấp số lúc"), auto_now_add=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi, thay thế"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("thu hồi, thay thế lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="outgoing_document_number_once_a_year"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="outgoing_document_number_pos"),
            models.CheckConstraint(condition=Q(year__gte=2000), name="outgoing_document_year_sane"),
        ]

    def __str__(self):
        return f"Số {self.number_label} — {self.title}"

    @property
    def number_label(self) -> str:
        """ "05/BC-BCĐ138": numbers below 10 written with a leading zero (NĐ 30/2020, Phụ lục I)."""
        return f"{self.number:02d}/{self.symbol}"

    def clean(self):
        self.title = nfc(self.title).strip()
        self.symbol = nfc(self.symbol).strip()
        self.status_reason = nfc(self.status_reason).strip()
        if self.document_date and self.year and self.document_date.year != self.year:
            # The number belongs to the year the document is dated in (Điều 15 khoản 1).
            raise ValidationError(
                {"document_date": _("Ngày văn bản phải thuộc năm của sổ văn bản đi.")}
            )
