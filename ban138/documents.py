"""The register of outgoing documents (sổ văn bản đi): the one place a document number is given.

Every kind the product issues — the annual report (BC), a campaign's plan (KH), a campaign's
sơ kết (BC) — takes its number here, so two documents of one body can never carry the same
number in a year (see :class:`ban138.models.OutgoingDocument` for the rule and its source).
A used number is refused with a Vietnamese message that proposes the next free one. The core
names no app: an app passes its own ``source`` key and reads its documents back by it.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from ban138.models import (
    AdministrativeUnit,
    CommitteeProfile,
    DocumentKind,
    DocumentStatus,
    OutgoingDocument,
)
from ban138.text import nfc


def issuing_body() -> AdministrativeUnit | None:
    """The unit whose Ban Chỉ đạo issues: the district of the committee profile."""
    profile = CommitteeProfile.current()
    return profile.district if profile else None


def symbol_for(kind: str) -> str:
    """ "BC-BCĐ138" / "KH-BCĐ138": the kind's letters and the committee's abbreviation."""
    profile = CommitteeProfile.current()
    suffix = profile.report_number_suffix if profile else "BC-BCĐ138"
    committee = suffix.split("-", 1)[1] if "-" in suffix else suffix
    return f"{DocumentKind(kind).letters}-{committee}"


def source_key(instance) -> str:
    """ "campaigns.campaign:3": how an app names the record a number belongs to."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def next_free_number(*, body: AdministrativeUnit, year: int) -> int:
    """The number the văn thư would give next: one more than the highest used in the year."""
    highest = OutgoingDocument.objects.filter(body=body, year=year).aggregate(n=Max("number"))
    return (highest["n"] or 0) + 1


def used_number_message(*, body, year: int, number: int) -> str:
    existing = OutgoingDocument.objects.filter(body=body, year=year, number=number).first()
    what = f" cho văn bản “{existing.title}”" if existing else ""
    return (
        f"Số {number:02d} năm {year} đã được cấp{what}. "
        f"Số còn trống tiếp theo là {next_free_number(body=body, year=year):02d}."
    )


def parse_number(text: str) -> int | None:
    """ "05/KH-BCĐ138" or "05" → 5; None when the text does not start with a number."""
    head = nfc(text or "").strip().split("/", 1)[0].strip()
    # ASCII digits only: "²" or "١٢" pass str.isdigit() but are no document number.
    return int(head) if re.fullmatch(r"[0-9]{1,6}", head) and int(head) > 0 else None


def number_is_free(*, body, year: int, number: int, source: str = "") -> bool:
    """Whether ``number`` is unused in the year (or used by ``source`` itself)."""
    rows = OutgoingDocument.objects.filter(body=body, year=year, number=number)
    if source:
        rows = rows.exclude(source=source)
    return not rows.exists()


def document_register(
    *,
    kind: str,
    title: str,
    document_date: dt.date,
    by,
    number: int | None = None,
    source: str = "",
    body: AdministrativeUnit | None = None,
) -> OutgoingDocument:
    """Enter a document in the register. Without ``number`` the next free one is given; a used
    number is refused (ValidationError naming the next free one), also when two requests race
    for the same number (the unique constraint decides)."""
    body = body or issuing_body()
    if body is None:
        raise ValidationError("Chưa khai báo thông tin Ban chỉ đạo nên chưa cấp được số văn bản.")
    year = document_date.year
    if number is None:
        number = next_free_number(body=body, year=year)
    document = OutgoingDocument(
        body=body,
        year=year,
        number=number,
        kind=kind,
        symbol=symbol_for(kind),
        title=title[:500],
        document_date=document_date,
        source=source,
        registered_by=by,
    )
    document.full_clean(validate_constraints=False)
    if not number_is_free(body=body, year=year, number=number):
        raise ValidationError(used_number_message(body=body, year=year, number=number))
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as error:
        raise ValidationError(used_number_message(body=body, year=year, number=number)) from error
    return document


def documents_of(source: str):
    return OutgoingDocument.objects.filter(source=source).order_by("year", "number")


def _require_issued(document: OutgoingDocument) -> None:
    if document.status != DocumentStatus.ISSUED:
        raise ValidationError(
            f"Văn bản số {document.number_label} {document.get_status_display().lower()}; "
            "không thu hồi hay thay thế được nữa."
        )


def _require_reason(reason: str) -> str:
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do thu hồi hoặc thay thế văn bản.")
    return reason


@transaction.atomic
def document_withdraw(*, document: OutgoingDocument, by, reason: str) -> OutgoingDocument:
    """Thu hồi: the document stays in the register, marked withdrawn, with who, when and why."""
    reason = _require_reason(reason)
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    _require_issued(document)
    document.status = DocumentStatus.WITHDRAWN
    _mark(document, by=by, reason=reason)
    return document


@transaction.atomic
def document_replace(
    *, old: OutgoingDocument, new: OutgoingDocument, by, reason: str
) -> OutgoingDocument:
    """Thay thế: ``old`` is marked replaced by ``new`` (a document with its own number)."""
    reason = _require_reason(reason)
    old = OutgoingDocument.objects.select_for_update().get(pk=old.pk)
    _require_issued(old)
    if new.pk == old.pk:
        raise ValidationError("Văn bản không thay thế được chính nó.")
    old.status, old.replaced_by = DocumentStatus.REPLACED, new
    _mark(old, by=by, reason=reason)
    return old


def _mark(document: OutgoingDocument, *, by, reason: str) -> None:
    document.status_reason = reason
    document.status_changed_by = by
    document.status_changed_at = timezone.now()
    document._history_user = by
    document.full_clean(validate_constraints=False)
    document.save()
