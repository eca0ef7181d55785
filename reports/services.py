"""Workflows of the annual report: create and edit a draft, render it, issue it."""

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ban138.concurrency import claim_token
from ban138.limits import NARRATIVE_CHARS, RECIPIENTS_CHARS
from ban138.models import AdministrativeUnit, CommitteeProfile
from ban138.roles import Role, has_role
from ban138.text import nfc
from reports.compile import compile_report, report_period
from reports.document import DraftText, Letterhead, build_document, recipients_of
from reports.figures import ReportFigures, figures_to_json
from reports.models import IssuedReport, ReportDraft
from reports.rendering import render_docx, render_report_pdf

DEFAULT_RECIPIENTS = "\n".join(
    [
        "- Ban Chỉ đạo 138 tỉnh (b/c);",
        "- Thường trực Huyện ủy, HĐND huyện (b/c);",
        "- Chủ tịch, các PCT UBND huyện;",
        "- Các thành viên BCĐ 138 huyện;",
        "- UBND các xã, thị trấn;",
        "- Lưu: VT.",
    ]
)


def letterhead() -> Letterhead:
    profile = CommitteeProfile.current()
    if profile is None:
        return Letterhead()
    return Letterhead(
        authority=profile.issuing_authority,
        committee=profile.committee_name,
        place=profile.place_name,
        number_suffix=profile.report_number_suffix,
        signer_name=profile.chairman_name,
        signer_title=profile.chairman_title,
    )


def draft_text(draft: ReportDraft) -> DraftText:
    return DraftText(
        number=draft.number,
        date=draft.document_date,
        shortcomings=draft.shortcomings,
        tasks=draft.tasks,
        recipients=recipients_of(draft.recipients),
    )


def report_document_context(*, figures: ReportFigures, draft: DraftText) -> dict:
    """The context every renderer (browser preview, PDF, DOCX) takes."""
    return {"document": build_document(figures, letterhead(), draft), "figures": figures}


def report_draft_context(*, draft: ReportDraft, today: dt.date | None = None) -> dict:
    figures = compile_report(year=draft.year, unit=draft.unit, today=today)
    return report_document_context(figures=figures, draft=draft_text(draft))


OPEN_DRAFT_EXISTS = "Đã có một dự thảo chưa ban hành cho địa bàn và năm này."
# Issue 15.11: the narrative sections are bounded (ban138.limits); DraftForm reads this too.
NARRATIVE_LIMITS = {
    "shortcomings": NARRATIVE_CHARS,
    "tasks": NARRATIVE_CHARS,
    "recipients": RECIPIENTS_CHARS,
}


def report_draft_create(
    *, year: int, unit: AdministrativeUnit, created_by, submission_token=None
) -> ReportDraft:
    """A new draft for the unit and year, with the usual recipients filled in. A future year is
    refused; so is a second open draft of the same unit and year (the constraint says so)."""
    report_period(year)  # raises ValidationError for a year that has not begun
    if ReportDraft.objects.filter(year=year, unit=unit, is_issued=False).exists():
        raise ValidationError(OPEN_DRAFT_EXISTS)
    draft = ReportDraft(year=year, unit=unit, created_by=created_by, recipients=DEFAULT_RECIPIENTS)
    draft.full_clean()
    try:
        with transaction.atomic():
            draft.save()
            if submission_token is not None and not claim_token(submission_token, draft.pk):
                raise IntegrityError("submission token already claimed")
    except IntegrityError as exc:
        # Two "create" posts at once (issue 15.8): both passed the check above; the database's
        # one-open-draft constraint (or the token) stopped the second, which gets this message.
        raise ValidationError(OPEN_DRAFT_EXISTS) from exc
    return draft


def report_draft_update(*, draft: ReportDraft, expected_version: int, **fields) -> ReportDraft:
    """Save the secretariat's edits if nobody saved the draft since it was opened
    (raises ``EditConflict`` otherwise). An issued draft is frozen."""
    if draft.is_issued:
        raise ValidationError("Báo cáo đã ban hành, không sửa được. Hãy tạo dự thảo mới.")
    allowed = {"number", "document_date", "shortcomings", "tasks", "recipients"}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"unexpected field {name}")
        setattr(draft, name, nfc(value) if isinstance(value, str) else value)
    too_long = {
        name: f"Tối đa {limit:,} ký tự.".replace(",", ".")
        for name, limit in NARRATIVE_LIMITS.items()
        if len(getattr(draft, name) or "") > limit
    }
    if too_long:
        raise ValidationError(too_long)
    draft.full_clean()
    draft.save_if_unchanged(expected_version)
    return draft


def report_render(*, context: dict, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_report_pdf(context)
    if fmt == "docx":
        return render_docx(context)
    raise ValueError(fmt)


def report_issue(*, draft: ReportDraft, user, now: dt.datetime | None = None) -> IssuedReport:
    """Freeze the draft: compile the figures once, render both files from them, store the
    figures, the bytes and their SHA-256. Only the chairman issues; a draft is issued once."""
    if not has_role(user, Role.CHAIRMAN):
        raise PermissionDenied
    if not draft.number.strip() or draft.document_date is None:
        raise ValidationError("Cần nhập số văn bản và ngày ban hành trước khi ban hành.")
    with transaction.atomic():
        locked = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.is_issued:
            raise ValidationError("Dự thảo này đã được ban hành.")
        context = report_draft_context(draft=locked)
        pdf, docx = render_report_pdf(context), render_docx(context)
        issued = IssuedReport(
            draft=locked,
            year=locked.year,
            unit=locked.unit,
            number=context["document"].number_line.removeprefix("Số: "),
            document_date=locked.document_date,
            figures=figures_to_json(context["figures"]),
            pdf=pdf,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            docx=docx,
            docx_sha256=hashlib.sha256(docx).hexdigest(),
            issued_by=user,
            issued_at=now or timezone.now(),
        )
        issued.full_clean()
        issued.save()
        locked.is_issued = True
        locked._history_user = user
        locked.save(update_fields=["is_issued", "updated_at"])
    draft.is_issued = True
    return issued
