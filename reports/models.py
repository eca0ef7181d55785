"""Drafts of the annual report and the reports issued from them.

A draft is what the secretariat edits: the number, the date, the two narratives and the
recipients; its figures are compiled fresh each time it is previewed. Issuing copies the
compiled figures and the rendered files into an :class:`IssuedReport`, which never changes
again, so the signed paper can be reproduced byte for byte whatever happens to the records
later. A new version of a year's report needs a new draft.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ban138.concurrency import VersionedModel
from ban138.filing import check_period
from ban138.history import HistoricalRecords
from ban138.limits import EARLIEST_YEAR
from ban138.models import (
    AdministrativeUnit,
    DocumentStatus,
    OutgoingDocument,
    UnitKind,
    committee_foreign_key,
)


class ReportDraft(VersionedModel):
    committee = committee_foreign_key()
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn báo cáo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("số văn bản"), max_length=20, blank=True)
    document_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    shortcomings = models.TextField(_("tồn tại, hạn chế"), blank=True)
    tasks = models.TextField(_("phương hướng, nhiệm vụ năm sau"), blank=True)
    recipients = models.TextField(
        _("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận, ví dụ: Lưu: VT.")
    )
    # Written by the secretariat like sections II and III: the causes of the shortcomings
    # (printed in section II) and the proposals to higher levels (section IV).
    causes = models.TextField(_("nguyên nhân của tồn tại, hạn chế"), blank=True)
    proposals = models.TextField(_("kiến nghị, đề xuất với cấp trên"), blank=True)
    # The year's targets set by higher levels; the report prints the district's rates beside
    # them with "đạt" / "chưa đạt". Empty: no target given, nothing printed.
    target_solved_rate = models.DecimalField(
        _("chỉ tiêu tỷ lệ điều tra khám phá án hình sự (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    target_grave_solved_rate = models.DecimalField(
        _("chỉ tiêu tỷ lệ điều tra khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    target_tips_settled_rate = models.DecimalField(
        _("chỉ tiêu tỷ lệ giải quyết tin báo, tố giác tội phạm (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    targets_source = models.CharField(
        _("văn bản giao chỉ tiêu"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Kế hoạch số …/KH-BCĐ138 ngày … của Ban Chỉ đạo 138 tỉnh."),
    )
    is_issued = models.BooleanField(_("đã ban hành"), default=False, editable=False)
    # A draft made to replace an issued report (thay thế): issuing it marks the old one replaced.
    replaces = models.ForeignKey(
        "IssuedReport",
        verbose_name=_("thay thế báo cáo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="replacement_drafts",
    )
    replace_reason = models.TextField(_("lý do thay thế"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dự thảo báo cáo tổng kết")
        verbose_name_plural = _("dự thảo báo cáo tổng kết")
        ordering = ["-year", "-created_at"]
        constraints = [
            # One open draft per unit and year; issued drafts stay as the record of what was issued.
            models.UniqueConstraint(
                fields=["year", "unit"],
                condition=Q(is_issued=False),
                name="report_one_open_draft_per_unit_year",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000), name="report_draft_year_sane"),
        ]

    def __str__(self):
        return f"Dự thảo báo cáo năm {self.year} — {self.unit.full_name}"


class IssuedReportQuerySet(models.QuerySet):
    def by_year(self):
        return self.select_related("unit", "issued_by", "document").order_by(
            "-year", "-issued_at", "-pk"
        )


class IssuedReport(models.Model):
    """A frozen report: the figures as printed, and the PDF and DOCX bytes with their SHA-256."""

    draft = models.OneToOneField(
        ReportDraft, verbose_name=_("dự thảo"), on_delete=models.PROTECT, related_name="issued"
    )
    committee = committee_foreign_key()
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn báo cáo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("số văn bản"), max_length=60)
    document_date = models.DateField(_("ngày ban hành"))
    # The line of the sổ văn bản đi that gave the number; its status says withdrawn or replaced.
    # Null only for reports issued before the register existed.
    document = models.OneToOneField(
        OutgoingDocument,
        verbose_name=_("văn bản đi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    figures = models.JSONField(_("số liệu đã tổng hợp"))
    pdf = models.BinaryField(_("tệp PDF"))
    pdf_sha256 = models.CharField(_("SHA-256 của tệp PDF"), max_length=64)
    docx = models.BinaryField(_("tệp DOCX"))
    docx_sha256 = models.CharField(_("SHA-256 của tệp DOCX"), max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ban hành"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("ban hành lúc"))

    objects = IssuedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo tổng kết đã ban hành")
        verbose_name_plural = _("báo cáo tổng kết đã ban hành")
        ordering = ["-year", "-issued_at"]

    def __str__(self):
        return f"Báo cáo số {self.number} — năm {self.year}"

    @property
    def status(self) -> str:
        return self.document.status if self.document else DocumentStatus.ISSUED

    @property
    def is_in_force(self) -> bool:
        return self.status == DocumentStatus.ISSUED


# The figures form's counts and its sources, in the form's order (one list: the form, the
# report's sums and the tests read these).
AGENCY_COUNT_FIELDS = (
    "sanction_cases",
    "sanction_persons",
    "sanction_fines",
    "drug_cases",
    "drug_persons",
    "drug_users_managed",
    "drug_users_in_rehab",
    "gambling_cases",
    "gambling_persons",
    "prostitution_cases",
    "gangs_dismantled",
    "gang_members",
    "safe_units",
    "safe_villages",
    "safe_households",
    "commendations_collective",
    "commendations_persons",
)
AGENCY_AMOUNT_FIELDS = ("drug_seized_grams",)
AGENCY_SOURCE_FIELDS = (
    "sanctions_source",
    "drugs_source",
    "evils_source",
    "gangs_source",
    "safe_source",
    "commendations_source",
)


# The usual source of each group for a commune with no district above it (since 1/7/2025 there
# is no district level, and since 1/3/2025 no district police: docs/REFORM.md): its own police,
# its People's Committee (drug users are managed at commune level: Luật Phòng, chống ma túy
# 73/2021/QH14, Chương IV, Điều 22–26) and its emulation board. Under a district the field
# defaults below name the district's bodies, as they did. "{kind}" is the commune's own kind
# ("xã", "phường", "đặc khu").
WITHOUT_DISTRICT_SOURCES = {
    "sanctions_source": "Công an {kind}",
    "drugs_source": "Công an {kind}, UBND {kind}",
    "evils_source": "Công an {kind}",
    "gangs_source": "Công an {kind}",
    "safe_source": "UBND {kind}",
    "commendations_source": "Hội đồng Thi đua - Khen thưởng {kind}",
}


def new_agency_figures(*, year: int, commune: AdministrativeUnit, entered_by) -> "AgencyFigures":
    """A commune's figures of ``year`` not entered yet, each group's source the usual one: the
    district's bodies while the commune sat under a district all that year, else its own."""
    row = AgencyFigures(year=year, commune=commune, entered_by=entered_by)
    parent = commune.parent
    district_all_year = (
        parent is not None
        and parent.kind == UnitKind.DISTRICT
        and not (parent.dissolved_on and parent.dissolved_on <= dt.date(year, 12, 31))
    )
    if not district_all_year:
        kind = str(commune.get_kind_display()).lower()
        for name, source in WITHOUT_DISTRICT_SOURCES.items():
            setattr(row, name, source.format(kind=kind))
    return row


class AgencyFigures(VersionedModel):
    """Figures of one commune and year that come from other agencies (commune police, courts,
    the labour office, the emulation board), entered by the secretariat in one form, with who
    entered them and when, and the source of each group, which the report names.

    The report prints each group with its source: drugs (cases, persons, quantity seized, users
    managed and in rehab), gambling and prostitution, gangs dismantled, administrative
    sanctions, units/villages/households meeting "An toàn về ANTT", commendations."""

    year = models.PositiveSmallIntegerField(_("năm"))
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, thị trấn"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sanction_cases = models.PositiveIntegerField(_("vụ vi phạm hành chính bị xử phạt"), default=0)
    sanction_persons = models.PositiveIntegerField(_("người bị xử phạt hành chính"), default=0)
    sanction_fines = models.PositiveBigIntegerField(_("tiền phạt (đồng)"), default=0)
    sanctions_source = models.CharField(
        _("nguồn số liệu xử phạt"), max_length=120, default="Công an xã"
    )
    drug_users_managed = models.PositiveIntegerField(
        _("người nghiện ma túy đang quản lý"), default=0
    )
    drug_users_in_rehab = models.PositiveIntegerField(_("người đang cai nghiện"), default=0)
    drugs_source = models.CharField(
        _("nguồn số liệu ma túy"), max_length=120, default="Công an xã, Phòng LĐ-TB&XH huyện"
    )
    safe_villages = models.PositiveIntegerField(_("thôn đạt “An toàn về ANTT”"), default=0)
    safe_households = models.PositiveIntegerField(_("hộ gia đình đạt “An toàn về ANTT”"), default=0)
    safe_source = models.CharField(
        _("nguồn số liệu “An toàn về ANTT”"), max_length=120, default="UBND xã"
    )
    drug_cases = models.PositiveIntegerField(
        _("vụ phạm tội về ma túy phát hiện, bắt giữ"), default=0
    )
    drug_persons = models.PositiveIntegerField(_("đối tượng phạm tội về ma túy"), default=0)
    drug_seized_grams = models.DecimalField(
        _("ma túy thu giữ (gam)"), max_digits=12, decimal_places=3, default=0
    )
    gambling_cases = models.PositiveIntegerField(_("vụ đánh bạc, tổ chức đánh bạc"), default=0)
    gambling_persons = models.PositiveIntegerField(_("đối tượng đánh bạc"), default=0)
    prostitution_cases = models.PositiveIntegerField(_("vụ mại dâm"), default=0)
    evils_source = models.CharField(
        _("nguồn số liệu cờ bạc, mại dâm"), max_length=120, default="Công an xã"
    )
    gangs_dismantled = models.PositiveIntegerField(_("băng, nhóm tội phạm bị triệt phá"), default=0)
    gang_members = models.PositiveIntegerField(_("đối tượng trong các băng, nhóm"), default=0)
    gangs_source = models.CharField(
        _("nguồn số liệu băng, nhóm"), max_length=120, default="Công an huyện"
    )
    safe_units = models.PositiveIntegerField(
        _("cơ quan, doanh nghiệp, nhà trường đạt “An toàn về ANTT”"), default=0
    )
    commendations_collective = models.PositiveIntegerField(_("tập thể được khen thưởng"), default=0)
    commendations_persons = models.PositiveIntegerField(_("cá nhân được khen thưởng"), default=0)
    commendations_source = models.CharField(
        _("nguồn số liệu khen thưởng"),
        max_length=120,
        default="Hội đồng Thi đua - Khen thưởng huyện",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("nhập lúc"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("số liệu các cơ quan cung cấp")
        verbose_name_plural = _("số liệu các cơ quan cung cấp")
        ordering = ["-year", "commune__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "commune"], name="agency_figures_once"),
            models.CheckConstraint(condition=Q(year__gte=2000), name="agency_figures_year_sane"),
        ]

    def __str__(self):
        return f"Số liệu năm {self.year} — {self.commune}"

    def clean(self):
        # A commune's figures of a year that it existed in: Xã Khánh Sơn (formed 1/7/2025) has
        # none of 2024 — those are its predecessors' (ban138/filing.py, docs/REFORM.md).
        if self.commune_id and self.year and self.year >= EARLIEST_YEAR:
            check_period(
                [self.commune],
                first=dt.date(self.year, 1, 1),
                last=dt.date(self.year, 12, 31),
                period=_("năm %(year)s") % {"year": self.year},
            )
