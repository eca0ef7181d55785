"""Workflows of the annual report: create and edit a draft, render it, issue it."""

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ban138 import documents
from ban138.committee import current_wording
from ban138.concurrency import claim_token
from ban138.limits import NARRATIVE_CHARS, RECIPIENTS_CHARS
from ban138.models import AdministrativeUnit, CommitteeProfile, DocumentKind
from ban138.roles import Role, has_role
from ban138.text import nfc
from reports.compile import compile_report, report_period
from reports.document import (
    DraftText,
    Letterhead,
    Targets,
    build_document,
    paragraphs_of,
    recipients_of,
)
from reports.figures import ReportFigures, figures_to_json
from reports.models import AgencyFigures, IssuedReport, ReportDraft
from reports.rendering import render_docx, render_report_pdf
from reports.wording import subject_line


def default_recipients() -> str:
    """The usual "Nơi nhận" of this committee's report (ban138.committee: by its level)."""
    return "\n".join(current_wording().recipients)


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


TARGET_FIELDS = ("target_solved_rate", "target_grave_solved_rate", "target_tips_settled_rate")


def draft_text(
    draft: ReportDraft, *, number: str = "", date: dt.date | None = None, issued: bool = False
) -> DraftText:
    """The draft's words. Until issue the number and the date stay blank for the văn thư (the
    intended ones on the draft are not printed); ``issued`` gives those the register assigned."""
    return DraftText(
        number=number if issued else "",
        date=date if issued else None,
        shortcomings=draft.shortcomings,
        causes=draft.causes,
        tasks=draft.tasks,
        proposals=draft.proposals,
        targets=Targets(
            solved_rate=draft.target_solved_rate,
            grave_solved_rate=draft.target_grave_solved_rate,
            tips_settled_rate=draft.target_tips_settled_rate,
            source=draft.targets_source,
        ),
        recipients=recipients_of(draft.recipients),
        is_draft=not issued,
        year_of_issue=date.year if date else expected_issue_year(draft),
    )


def expected_issue_year(draft: ReportDraft) -> int:
    """The year printed in the blank date line of a draft: the intended date's, else the year
    after a closed year (a tổng kết is signed after the year ends), else the year itself."""
    if draft.document_date:
        return draft.document_date.year
    return draft.year + 1 if draft.year < timezone.localdate().year else draft.year


def report_document_context(*, figures: ReportFigures, draft: DraftText) -> dict:
    """The context every renderer (browser preview, PDF, DOCX) takes."""
    return {"document": build_document(figures, letterhead(), draft), "figures": figures}


def report_draft_context(*, draft: ReportDraft, today: dt.date | None = None) -> dict:
    """The draft as it prints before issue: "DỰ THẢO", number and date blank."""
    figures = compile_report(year=draft.year, unit=draft.unit, today=today)
    return report_document_context(figures=figures, draft=draft_text(draft))


def report_issued_context(
    *, draft: ReportDraft, number: str, date: dt.date, today: dt.date | None = None
) -> dict:
    """The draft as issued: the register's number and the document's date filled in."""
    figures = compile_report(year=draft.year, unit=draft.unit, today=today)
    text = draft_text(draft, number=number, date=date, issued=True)
    return report_document_context(figures=figures, draft=text)


OPEN_DRAFT_EXISTS = "Đã có một dự thảo chưa ban hành cho địa bàn và năm này."
# Issue 15.11: the narrative sections are bounded (ban138.limits); DraftForm reads this too.
NARRATIVE_LIMITS = {
    "shortcomings": NARRATIVE_CHARS,
    "tasks": NARRATIVE_CHARS,
    "causes": NARRATIVE_CHARS,
    "proposals": NARRATIVE_CHARS,
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
    draft = ReportDraft(
        year=year, unit=unit, created_by=created_by, recipients=default_recipients()
    )
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
    allowed = {
        "number",
        "document_date",
        "shortcomings",
        "tasks",
        "recipients",
        "causes",
        "proposals",
        *TARGET_FIELDS,
        "targets_source",
    }
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


EMPTY_SECTIONS = (
    "Chưa ban hành được: mục II (Tồn tại, hạn chế) và mục III (Phương hướng, nhiệm vụ) "
    "phải có nội dung."
)


def _intended_number(draft: ReportDraft) -> int | None:
    """The number the secretariat wrote on the draft, if any (None: the next free one)."""
    if not draft.number.strip():
        return None
    number = documents.parse_number(draft.number)
    if number is None:
        raise ValidationError("Số văn bản phải là một số nguyên dương, ví dụ 15.")
    return number


def report_issue(
    *, draft: ReportDraft, user, now: dt.datetime | None = None, today: dt.date | None = None
) -> IssuedReport:
    """Freeze the draft: take a number from the sổ văn bản đi (the draft's intended number, or the
    next free one; a used number is refused), compile the figures once, render both files from
    them, store the figures, the bytes and their SHA-256. Only the chairman issues; a draft is
    issued once, and not while section II or III is empty. A draft made to replace an issued
    report marks that one replaced, with the reason given."""
    if not has_role(user, Role.CHAIRMAN):
        raise PermissionDenied
    if not paragraphs_of(draft.shortcomings) or not paragraphs_of(draft.tasks):
        raise ValidationError(EMPTY_SECTIONS)
    number = _intended_number(draft)
    document_date = draft.document_date or today or timezone.localdate()
    with transaction.atomic():
        locked = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.is_issued:
            raise ValidationError("Dự thảo này đã được ban hành.")
        figures = compile_report(year=locked.year, unit=locked.unit)
        document = documents.document_register(
            kind=DocumentKind.REPORT,
            title=subject_line(figures),
            document_date=document_date,
            number=number,
            by=user,
        )
        text = draft_text(locked, number=f"{document.number:02d}", date=document_date, issued=True)
        context = report_document_context(figures=figures, draft=text)
        pdf, docx = render_report_pdf(context), render_docx(context)
        issued = IssuedReport(
            draft=locked,
            year=locked.year,
            unit=locked.unit,
            number=document.number_label,
            document_date=document_date,
            document=document,
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
        document.source = documents.source_key(issued)
        document.save(update_fields=["source"])
        if locked.replaces_id and locked.replaces.document_id:
            documents.document_replace(
                old=locked.replaces.document, new=document, by=user, reason=locked.replace_reason
            )
        locked.is_issued = True
        locked._history_user = user
        locked.save(update_fields=["is_issued", "updated_at"])
    draft.is_issued = True
    return issued


def _require_chairman(user) -> None:
    if not has_role(user, Role.CHAIRMAN):
        raise PermissionDenied


def _require_in_force(report: IssuedReport) -> None:
    if report.document_id is None:
        raise ValidationError("Báo cáo này được ban hành trước khi có sổ văn bản đi.")
    if not report.is_in_force:
        raise ValidationError(
            f"Báo cáo số {report.number} {report.document.get_status_display().lower()}."
        )


def report_withdraw(*, report: IssuedReport, user, reason: str) -> IssuedReport:
    """Thu hồi: the chairman withdraws an issued report with a reason; it stays on record,
    marked withdrawn, its files unchanged."""
    _require_chairman(user)
    _require_in_force(report)
    documents.document_withdraw(document=report.document, by=user, reason=reason)
    report.document.refresh_from_db()
    return report


def report_replace_start(*, report: IssuedReport, user, reason: str) -> ReportDraft:
    """Thay thế, step one: a new draft of the same year and unit carrying the old narrative,
    marked as replacing ``report``. Issuing it (with its own number) marks the old one replaced."""
    _require_chairman(user)
    _require_in_force(report)
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do thu hồi hoặc thay thế văn bản.")
    if ReportDraft.objects.filter(year=report.year, unit=report.unit, is_issued=False).exists():
        raise ValidationError("Đã có một dự thảo chưa ban hành cho địa bàn và năm này.")
    old = report.draft
    draft = ReportDraft(
        year=report.year,
        unit=report.unit,
        shortcomings=old.shortcomings,
        tasks=old.tasks,
        recipients=old.recipients,
        created_by=user,
        replaces=report,
        replace_reason=reason,
    )
    draft.full_clean()
    draft.save()
    return draft


def agency_figures_save(*, row: AgencyFigures, by, expected_version: int) -> AgencyFigures:
    """Save a commune's figures of a year from other agencies, with who entered them (and, by
    ``auto_now``, when). A second save over a stale form raises ``EditConflict``."""
    row.entered_by = by
    row._history_user = by
    row.full_clean(validate_constraints=row.pk is None)
    if row.pk is None:
        row.save()
    else:
        row.save_if_unchanged(expected_version)
    return row
