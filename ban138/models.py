"""The shared core: administrative units, the committee's own profile and who sits where."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from ban138.committee import CommitteeLevel, CommitteeWording, wording_for
from ban138.history import HistoricalRecords
from ban138.limits import NOTE_CHARS, text_validators
from ban138.text import format_date_long, nfc


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
DISTRICT_KINDS = frozenset(
    {UnitKind.DISTRICT, UnitKind.TOWN_DISTRICT, UnitKind.URBAN_DISTRICT, UnitKind.CITY}
)
# A "thành phố" is a district-level city (thuộc tỉnh) or a province-level one (trực thuộc trung
# ương): the tree tells which (no parent: province level). Both lists include it.
PROVINCE_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.CITY})


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

    def existing_on(self, day):
        """Units that existed on ``day``: established by then and not yet dissolved."""
        return self.filter(
            Q(established_on__isnull=True) | Q(established_on__lte=day),
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day),
        )

    def existing_between(self, first, last):
        """Units that existed on some day from ``first`` to ``last`` (a campaign's period that
        spans a reorganisation holds the old units and the new)."""
        return self.filter(
            Q(established_on__isnull=True) | Q(established_on__lte=last),
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=first),
        )

    # The succession API (ban138/succession.py) as methods of the manager, so an app reads it as
    # AdministrativeUnit.objects.with_predecessors(unit, on=day).
    def with_predecessors(self, unit, *, on=None):
        """``unit`` and every unit that had become it (wholly or in part) by ``on``."""
        from ban138.succession import SuccessionGraph

        return self.filter(pk__in=SuccessionGraph.cached().lineage_ids(unit, on=on))

    def successor_of(self, unit, *, on=None, village=None):
        """The unit ``unit`` (a record filed under it, in ``village``) belongs to on ``on``."""
        from ban138.succession import SuccessionGraph

        pk = SuccessionGraph.cached().successor_id(unit, on=on, village=village)
        return unit if pk == unit.pk else self.get(pk=pk)


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
    established_on = models.DateField(
        _("ngày thành lập"),
        null=True,
        blank=True,
        help_text=_("Bỏ trống nếu đơn vị có từ trước khi dùng phần mềm."),
    )
    dissolved_on = models.DateField(
        _("ngày chấm dứt"),
        null=True,
        blank=True,
        help_text=_(
            "Ngày đơn vị thôi tồn tại (sáp nhập, giải thể); bỏ trống nếu còn tồn tại. "
            "Hồ sơ đã lập vẫn giữ nguyên đơn vị này."
        ),
    )
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

    def exists_on(self, day) -> bool:
        """Whether the unit existed on ``day`` (it ceases on its dissolution date)."""
        if self.established_on and day < self.established_on:
            return False
        return not (self.dissolved_on and day >= self.dissolved_on)

    def existed_between(self, first, last) -> bool:
        """Whether the unit existed on some day from ``first`` to ``last`` (as
        ``existing_between``)."""
        if self.established_on and last < self.established_on:
            return False
        return not (self.dissolved_on and first >= self.dissolved_on)

    def clean(self):
        self.name = nfc(self.name).strip()
        if self.established_on and self.dissolved_on and self.dissolved_on <= self.established_on:
            raise ValidationError(
                {"dissolved_on": _("Ngày chấm dứt phải sau ngày thành lập của đơn vị.")}
            )
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


class UnitSuccession(models.Model):
    """One predecessor of a unit formed (or enlarged) on a date by a resolution: wholly, or in
    part through the villages named here. A merger of three communes is three rows with the same
    successor and date. Records stay filed under the predecessor; ban138/succession.py reads
    these rows to include them under the successor."""

    reference_data = True

    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.PROTECT,
        related_name="formed_from",
    )
    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị tiền thân"),
        on_delete=models.PROTECT,
        related_name="succeeded_by",
    )
    effective_date = models.DateField(_("ngày có hiệu lực"))
    resolution = models.CharField(
        _("số nghị quyết"), max_length=60, help_text=_("Ví dụ: 1667/NQ-UBTVQH15")
    )
    whole = models.BooleanField(
        _("toàn bộ đơn vị"),
        default=True,
        help_text=_("Bỏ chọn nếu chỉ một phần (một số thôn) của đơn vị tiền thân chuyển sang."),
    )
    villages = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("thôn, tổ dân phố chuyển sang"),
        blank=True,
        related_name="transferred_by",
    )
    history = HistoricalRecords(m2m_fields=[villages])

    class Meta:
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = _("kế thừa đơn vị hành chính")
        ordering = ["-effective_date", "successor__name", "predecessor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["successor", "predecessor"], name="succession_unique_pair"
            ),
            # A unit can be absorbed wholly only once; after that it no longer exists.
            models.UniqueConstraint(
                fields=["predecessor"],
                condition=Q(whole=True),
                name="succession_whole_once",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("predecessor")), name="succession_not_itself"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.resolution})"

    def clean(self):
        self.resolution = nfc(self.resolution).strip()
        if not (self.successor_id and self.predecessor_id and self.effective_date):
            return
        from ban138.succession import validate_succession

        # The villages (M2M) are saved after the row: the form or service hands them over first.
        validate_succession(self, villages=getattr(self, "_pending_villages", None))


# A village added to or removed from a succession changes what every list covers: the through
# table is reference data too (ban138/caching.py bumps the reference generation on its writes).
UnitSuccession.villages.through.reference_data = True


class CommitteeProfile(models.Model):
    """A committee (Ban chỉ đạo 138): its level and area, chairman and report suffix, edited in
    the admin. Letterhead lines, standing agency and area wording are derived from the level and
    the area unit (ban138/committee.py), never typed: a commune committee reads "UBND XÃ …".

    An installation holds one committee or several (a province's and its communes'; issue 20.3):
    each works in its own area with its own receiving bodies, plans, reports and users
    (:class:`CommitteeMembership`); ban138/committees.py says which committee a user and a
    request belong to, and ban138/access.py makes it the first filter of every access rule."""

    reference_data = True  # its wording is cached with the units (ban138.committee)

    level = models.CharField(
        _("cấp của Ban chỉ đạo"),
        max_length=8,
        choices=CommitteeLevel.choices,
        default=CommitteeLevel.DISTRICT,
        help_text=_("Từ 01/7/2025: cấp xã hoặc cấp tỉnh (chính quyền địa phương hai cấp)."),
    )
    district = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị hành chính của Ban chỉ đạo: huyện (trước 2025), xã hoặc tỉnh."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Ban chỉ đạo cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Ban chỉ đạo cấp xã: Ban chỉ đạo cấp tỉnh mà xã trực thuộc."),
    )
    committee_name = models.CharField(
        _("tên ban chỉ đạo"), max_length=120, default="BAN CHỈ ĐẠO 138"
    )
    chairman_name = models.CharField(_("họ tên Trưởng ban"), max_length=120)
    chairman_title = models.CharField(
        _("chức vụ Trưởng ban"),
        max_length=200,
        help_text=_("Chức vụ thật của người ký, ví dụ: Chủ tịch UBND xã."),
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
        verbose_name = _("Ban chỉ đạo")
        verbose_name_plural = _("các Ban chỉ đạo")
        ordering = ["pk"]
        constraints = [
            # One committee per area unit: its documents are numbered per unit and year.
            models.UniqueConstraint(fields=["district"], name="committee_one_per_unit"),
        ]

    def __str__(self):
        return f"{self.committee_name} — {self.issuing_authority}"

    def save(self, *args, **kwargs):
        """A new committee gets its standing receiving body ("Công an xã …"). The second
        committee of an installation first attaches every user of no committee to the first
        one: they worked for it, and with several committees a user of none sees nothing."""
        adding = self._state.adding
        if adding:
            first = CommitteeProfile.objects.order_by("pk").first()
            later = CommitteeProfile.objects.filter(pk__gt=first.pk) if first else None
            if later is not None and not later.exists():
                from django.contrib.auth import get_user_model

                loose = get_user_model().objects.filter(committee_membership__isnull=True)
                CommitteeMembership.objects.bulk_create(
                    [CommitteeMembership(user=user, committee=first) for user in loose]
                )
        super().save(*args, **kwargs)
        if adding and not self.receiving_bodies.exists():
            ReceivingBody.objects.create(
                committee=self, name=self.standing_agency, is_standing=True
            )

    @classmethod
    def current(cls) -> "CommitteeProfile | None":
        """The committee of the request being served (its user's, ban138/committees.py); outside
        a request, or for a user of no committee, the installation's only committee — or, with
        several, the first (``annual_report --committee`` names another)."""
        from ban138.committees import active_committee_id

        rows = cls.objects.select_related("district")
        pk = active_committee_id()
        return (rows.filter(pk=pk).first() if pk else None) or rows.order_by("pk").first()

    def clean(self):
        self.chairman_title = nfc(self.chairman_title).strip()
        if not self.district_id:
            return
        from ban138.succession import level_of

        expected = {
            CommitteeLevel.DISTRICT: "district",
            CommitteeLevel.COMMUNE: "commune",
            CommitteeLevel.PROVINCE: "province",
        }[self.level]
        if self.parent_id and self.parent.level != CommitteeLevel.PROVINCE:
            raise ValidationError(
                {"parent": _("Ban chỉ đạo cấp trên phải là Ban chỉ đạo cấp tỉnh.")}
            )
        if self.parent_id and self.parent.district_id not in {
            a.pk for a in self.district.ancestors()
        }:
            raise ValidationError(
                {
                    "parent": _("%(unit)s không thuộc %(province)s.")
                    % {"unit": self.district.full_name, "province": self.parent.district.full_name}
                }
            )
        if level_of(self.district) != expected:
            raise ValidationError(
                {
                    "district": _("%(unit)s không phải đơn vị %(level)s.")
                    % {"unit": self.district.full_name, "level": self.get_level_display().lower()}
                }
            )
        gone = self.district.dissolved_on
        saved = (
            CommitteeProfile.objects.filter(pk=self.pk).values_list("level", "district").first()
            if self.pk
            else None
        )
        # A profile saved before its unit ended stays editable (OTP, signatory); choosing an
        # ended unit now is refused.
        unchanged = saved == (self.level, self.district_id)
        if gone and gone <= timezone.localdate() and not unchanged:
            raise ValidationError(
                {
                    "district": _(
                        "%(unit)s đã chấm dứt từ %(gone)s; hãy chọn đơn vị hiện có (xã hoặc tỉnh)."
                    )
                    % {"unit": self.district.full_name, "gone": format_date_long(gone)}
                }
            )

    # -- what the level says on paper (one definition: ban138/committee.py) ---------------------
    @property
    def area(self) -> AdministrativeUnit:
        """The committee's area unit (the field keeps its pre-2025 name ``district``)."""
        return self.district

    @property
    def wording(self) -> CommitteeWording:
        return wording_for(self.level, self.district, self.committee_name)

    @property
    def issuing_authority(self) -> str:
        """ "UBND HUYỆN KHÁNH SƠN" / "UBND XÃ TÂY KHÁNH SƠN" / "UBND TỈNH KHÁNH HÒA"."""
        return self.wording.authority_line

    @property
    def place_name(self) -> str:
        return self.wording.place_name

    @property
    def signatory_title(self) -> str:
        return self.chairman_title or self.wording.chairman_title

    @property
    def standing_agency(self) -> str:
        return self.wording.standing_agency_full

    @property
    def area_phrase(self) -> str:
        return self.wording.area_phrase

    @property
    def whole_area(self) -> str:
        return self.wording.whole_area


class ReceivingBody(models.Model):
    """A receiving body (cơ quan tiếp nhận) of a committee — "Công an xã Tây Khánh Sơn", "Công an
    tỉnh Khánh Hòa" — that keeps its own intake register (sổ tiếp nhận). BLTTHS 2015 Điều 146
    khoản 1 and TTLT 01/2017 Điều 5: each body that receives crime information enters it in its
    own register, so register numbers run per body and year (tips/services.py numbers them)."""

    reference_data = True

    committee = models.ForeignKey(
        CommitteeProfile,
        verbose_name=_("Ban chỉ đạo"),
        on_delete=models.PROTECT,
        related_name="receiving_bodies",
    )
    name = models.CharField(
        _("tên cơ quan tiếp nhận"),
        max_length=160,
        help_text=_("Ví dụ: Công an xã Tây Khánh Sơn."),
    )
    is_standing = models.BooleanField(
        _("cơ quan thường trực"),
        default=True,
        help_text=_("Sổ tiếp nhận mặc định của Ban chỉ đạo (Công an cùng cấp)."),
    )
    is_active = models.BooleanField(_("còn tiếp nhận"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan tiếp nhận")
        verbose_name_plural = _("cơ quan tiếp nhận")
        ordering = ["committee", "-is_standing", "name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="receiving_body_unique"),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(is_standing=True),
                name="receiving_body_one_standing",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = nfc(self.name).strip()


class CommitteeMembership(models.Model):
    """The committee a user works for. A user belongs to one committee; a user with no row
    belongs to the installation's committee while there is only one (ban138/committees.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="committee_membership",
    )
    committee = models.ForeignKey(
        CommitteeProfile,
        verbose_name=_("Ban chỉ đạo"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên của Ban chỉ đạo")
        verbose_name_plural = _("người dùng theo Ban chỉ đạo")

    def __str__(self):
        return f"{self.user} — {self.committee}"


def committee_foreign_key(related_name: str = "+"):
    """The ``committee`` column of a record a committee owns (a plan, a report): set to the
    committee of the work being done (ban138/committees.py), so a service need not pass it; null
    only for rows of an installation that has no committee yet."""
    from ban138.committees import default_committee_id

    return models.ForeignKey(
        CommitteeProfile,
        verbose_name=_("Ban chỉ đạo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        default=default_committee_id,
        related_name=related_name,
    )


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
    status_reason = models.TextField(
        _("lý do thu hồi, thay thế"),
        blank=True,
        max_length=NOTE_CHARS,
        validators=text_validators(NOTE_CHARS),
    )
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
