"""Writes to tips: registration, the Art. 147 workflow, informants, attachments and cases.

Every function is keyword-only, checks who may act (the views check too, but a service called
from elsewhere must not be a way round the law's division of work), validates with
``full_clean()`` and records a :class:`TipStep` so the timeline shows who did what and when.
"""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from ban138 import audit
from ban138.concurrency import claim_token
from ban138.roles import Role, has_role
from ban138.text import fold, nfc
from ban138.uploads import validate_upload
from tips import crypto, deadlines
from tips.models import (
    OPEN_STATES,
    Attachment,
    Case,
    DocumentKind,
    ExtraDayOff,
    Informant,
    InformantReveal,
    RegisterCounter,
    Tip,
    TipState,
    TipStep,
)

logger = logging.getLogger(__name__)

INFORMANT_FIELDS = ("name", "id_number", "phone", "address")


class InvalidTransition(ValidationError):
    """A step the law (or this tip's state) does not allow; the message says why."""


class InformantUnreadable(ValidationError):
    """The stored identity cannot be decrypted: the key is missing or the data was altered."""


class DuplicateSubmission(Exception):
    """The form's one-time token was already used: the first POST created the tip."""


# --- clocks ------------------------------------------------------------------------------------


def compute_due(tip: Tip) -> dt.date:
    """Deadline of ``tip`` under tips/deadlines.py, with the admin's extra days off."""
    horizon = deadlines.add_months(tip.clock_start, 5)
    extra = ExtraDayOff.objects.filter(date__gte=tip.clock_start, date__lte=horizon)
    return deadlines.due_date(
        tip.clock_start,
        complex_case=tip.is_complex,
        extension_months=tip.extension_months,
        is_day_off=deadlines.day_off_predicate(extra.values_list("date", flat=True)),
    )


def recompute_open_deadlines() -> int:
    """After the list of extra days off changes, open tips' deadlines may move. Each moved
    deadline is written with a history record (a bare ``.update()`` would leave none)."""
    changed = []
    for tip in Tip.objects.open():
        due = compute_due(tip)
        if due != tip.due_on:
            tip.due_on = due
            changed.append(tip)
    if changed:
        bulk_update_with_history(
            changed,
            Tip,
            ["due_on"],
            default_change_reason="Hạn giải quyết đổi theo ngày nghỉ bổ sung",
        )
    return len(changed)


# --- registration ------------------------------------------------------------------------------


def next_register_number(year: int) -> int:
    """Allocate the next number of ``year``'s register. Call inside the registering transaction:
    the counter row stays locked until it commits, so concurrent intakes queue here and a
    rolled-back intake gives its number back — no duplicates, no gaps."""
    RegisterCounter.objects.bulk_create([RegisterCounter(year=year)], ignore_conflicts=True)
    counter = RegisterCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def tip_register(
    *,
    by,
    data: dict,
    informant: dict | None = None,
    anonymous: bool = True,
    files=(),
    token=None,
    suspected_duplicate_of: Tip | None = None,
    document_kind: str = DocumentKind.OTHER,
    files_identify_informant: bool = True,
) -> Tip:
    """Enter a tip in the register (Art. 145–146: every source is received, none refused)."""
    if not has_role(by, Role.OFFICER, Role.POLICE_LEADER):
        raise PermissionDenied
    for upload in files:
        validate_upload(upload)
    with transaction.atomic():
        tip = Tip(**data, registered_by=by, suspected_duplicate_of=suspected_duplicate_of)
        tip.clock_start = timezone.localdate(tip.received_at) if tip.received_at else None
        tip.year = tip.clock_start.year if tip.clock_start else 0
        tip.number = 1  # placeholder so full_clean passes; the real one is allocated below
        tip.due_on = compute_due(tip) if tip.clock_start else None
        tip.full_clean(exclude=["number", "year", "clock_start", "due_on", "registered_by"])
        tip.number = next_register_number(tip.year)
        tip._history_user = by
        tip.save()
        if token is not None and not claim_token(token, tip.pk):
            raise DuplicateSubmission
        informant_save(tip=tip, by=by, anonymous=anonymous, identity=informant or {})
        for upload in files:
            attachment_add(
                tip=tip,
                by=by,
                upload=upload,
                document_kind=document_kind,
                identifies_informant=files_identify_informant,
            )
        _step(tip, by, "tiep_nhan", "", TipState.RECEIVED, "")
    return tip


# --- informants --------------------------------------------------------------------------------


def informant_save(*, tip: Tip, by, anonymous: bool, identity: dict) -> Informant:
    identity = {k: nfc(str(identity.get(k) or "")).strip() for k in INFORMANT_FIELDS}
    anonymous = anonymous or not any(identity.values())
    record, _created = Informant.objects.get_or_create(tip=tip)
    record.anonymous = anonymous
    record.ciphertext = "" if anonymous else crypto.encrypt(identity, tip_id=tip.pk)
    record._history_user = by
    record.save()
    return record


def may_see_informant(user, tip: Tip) -> bool:
    """The law protects the informant: only the assigned officer and police leaders."""
    return has_role(user, Role.POLICE_LEADER) or (
        has_role(user, Role.OFFICER) and tip.assigned_to_id == user.pk
    )


def informant_reveal(*, tip: Tip, by, request=None) -> dict | None:
    """Decrypt the identity for a deliberate "show" and log the showing (without the identity)."""
    if not may_see_informant(by, tip):
        # A refused try is evidence too (issue 15.9): who tried to see whose informant.
        audit.record(
            "informant_refused",
            request=request,
            username=by.get_username(),
            tip_id=tip.pk,
            tip=tip.register_number,
        )
        raise PermissionDenied
    record = Informant.objects.filter(tip=tip).first()
    identity = None
    if record is not None and not record.anonymous:
        try:
            identity = crypto.decrypt(record.ciphertext, tip_id=tip.pk)
        except crypto.InformantDecryptionError as exc:
            # Nothing was shown, so nothing is logged as shown (issue 15.8); the failure is on
            # the record for the administrator (a missing key or altered data).
            audit.record(
                "informant_unreadable",
                request=request,
                username=by.get_username(),
                tip_id=tip.pk,
                tip=tip.register_number,
                key_id=crypto.key_id_of(record.ciphertext),
            )
            raise InformantUnreadable(
                _(
                    "Không giải mã được thông tin người tố giác của nguồn tin này (thiếu khóa "
                    "giải mã hoặc dữ liệu đã bị thay đổi). Hãy báo quản trị hệ thống."
                )
            ) from exc
    InformantReveal.objects.create(tip=tip, user=by, username=by.get_username())
    audit.record(
        "informant_shown",
        request=request,
        username=by.get_username(),
        tip_id=tip.pk,
        tip=tip.register_number,
    )
    return identity


def informants_reencrypt(*, dry_run: bool = False) -> int:
    """Re-encrypt every informant not yet under the active key (key rotation)."""
    active = crypto.active_key_id()
    count = 0
    for record in Informant.objects.exclude(ciphertext="").iterator():
        if crypto.key_id_of(record.ciphertext) == active:
            continue
        identity = crypto.decrypt(record.ciphertext, tip_id=record.tip_id)
        count += 1
        if not dry_run:
            record.ciphertext = crypto.encrypt(identity, tip_id=record.tip_id)
            record.save(update_fields=["ciphertext"])
    return count


# --- attachments -------------------------------------------------------------------------------


def attachments_for(user, tip: Tip):
    """The attachments ``user`` may list and open: those that identify the informant only for
    who may see the informant (issue 15.2)."""
    attachments = Attachment.objects.filter(tip=tip)
    if may_see_informant(user, tip):
        return attachments
    return attachments.without_informant_identity()


def protected_attachment_count(user, tip: Tip) -> int:
    """How many files ``user`` is not shown because they identify the informant (the page says
    so, without names, so nobody thinks a file was lost)."""
    if may_see_informant(user, tip):
        return 0
    return Attachment.objects.filter(tip=tip, identifies_informant=True).count()


def attachment_add(
    *,
    tip: Tip,
    by,
    upload,
    document_kind: str = DocumentKind.OTHER,
    identifies_informant: bool = True,
) -> Attachment:
    """Store one file. ``identifies_informant`` defaults to True (fail closed); the receipt
    record and letters are marked so whatever is passed (Attachment.clean)."""
    kind = validate_upload(upload)
    attachment = Attachment(
        tip=tip,
        file=upload,
        original_name=nfc(upload.name)[:255],
        kind=kind,
        size=upload.size,
        uploaded_by=by,
        document_kind=document_kind,
        identifies_informant=identifies_informant,
    )
    attachment.full_clean(exclude=["file"])
    attachment._history_user = by
    attachment.save()
    return attachment


# --- workflow ----------------------------------------------------------------------------------


def _step(tip, by, action, from_state, to_state, note) -> TipStep:
    return TipStep.objects.create(
        tip=tip,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=by,
        note=nfc(note or "").strip(),
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidTransition(message)


def _require_leader(by) -> None:
    if not has_role(by, Role.POLICE_LEADER):
        raise PermissionDenied


def _save(tip: Tip, by, action: str, from_state: str, note: str) -> Tip:
    tip.full_clean()
    tip.version += 1
    tip._history_user = by
    tip.save()
    _step(tip, by, action, from_state, tip.state, note)
    return tip


def _locked(tip: Tip) -> Tip:
    """Re-read under a row lock: two leaders deciding at once must not both succeed."""
    return Tip.objects.select_for_update().get(pk=tip.pk)


@transaction.atomic
def tip_assign(*, tip: Tip, by, officer, note: str = "") -> Tip:
    _require_leader(by)
    tip = _locked(tip)
    _require(tip.is_open, _("Chỉ phân công được nguồn tin đang giải quyết."))
    _require(has_role(officer, Role.OFFICER), _("Người được phân công phải là cán bộ tiếp nhận."))
    before = tip.state
    tip.assigned_to = officer
    if tip.state == TipState.RECEIVED:
        tip.state = TipState.ASSIGNED
    return _save(tip, by, "phan_cong", before, note)


@transaction.atomic
def tip_start_verification(*, tip: Tip, by, note: str = "") -> Tip:
    tip = _locked(tip)
    if not (has_role(by, Role.POLICE_LEADER) or tip.assigned_to_id == by.pk):
        raise PermissionDenied
    _require(
        tip.state == TipState.ASSIGNED, _("Chỉ bắt đầu xác minh khi nguồn tin đã được phân công.")
    )
    tip.state = TipState.VERIFYING
    return _save(tip, by, "bat_dau_xac_minh", TipState.ASSIGNED, note)


@transaction.atomic
def tip_record_progress(*, tip: Tip, by, note: str) -> TipStep:
    """A note on verification work; the state does not change."""
    tip = _locked(tip)
    if not (has_role(by, Role.POLICE_LEADER) or tip.assigned_to_id == by.pk):
        raise PermissionDenied
    _require(tip.state == TipState.VERIFYING, _("Chỉ ghi tiến độ khi nguồn tin đang xác minh."))
    _require(bool(nfc(note or "").strip()), _("Hãy ghi nội dung tiến độ."))
    return _step(tip, by, "ghi_tien_do", tip.state, tip.state, note)


@transaction.atomic
def tip_mark_complex(*, tip: Tip, by, note: str = "") -> Tip:
    """Art. 147(2): a complex case may take up to two months."""
    _require_leader(by)
    tip = _locked(tip)
    _require(tip.is_open, _("Chỉ gia hạn được nguồn tin đang giải quyết."))
    _require(not tip.is_complex, _("Nguồn tin này đã được xác định là phức tạp."))
    _require(
        not tip.extension_months, _("Đã có gia hạn của Viện kiểm sát; không thể đổi thời hạn gốc.")
    )
    tip.is_complex = True
    tip.due_on = compute_due(tip)
    return _save(tip, by, "phuc_tap", tip.state, note)


@transaction.atomic
def tip_record_extension(
    *, tip: Tip, by, months: int, number: str, date: dt.date, note: str = ""
) -> Tip:
    """Art. 147(2): the procuracy extends once, by up to two months, by a numbered decision."""
    _require_leader(by)
    tip = _locked(tip)
    _require(tip.is_open, _("Chỉ gia hạn được nguồn tin đang giải quyết."))
    _require(not tip.extension_months, _("Viện kiểm sát chỉ được gia hạn một lần (Điều 147)."))
    _require(months in (1, 2), _("Gia hạn tối đa 02 tháng."))
    _require(bool(nfc(number or "").strip()), _("Hãy nhập số quyết định gia hạn."))
    _require(
        date >= timezone.localdate(tip.received_at),
        _("Ngày quyết định không thể trước ngày tiếp nhận."),
    )
    _require(date <= timezone.localdate(), _("Ngày quyết định không thể ở tương lai."))
    tip.extension_months = months
    tip.extension_number = nfc(number).strip()
    tip.extension_date = date
    tip.due_on = compute_due(tip)
    return _save(tip, by, "gia_han", tip.state, note)


# outcome -> states it may be taken from (Art. 147–148, 145–146)
DECISIONS = {
    TipState.PROSECUTED: (TipState.VERIFYING,),
    TipState.NOT_PROSECUTED: (TipState.VERIFYING,),
    TipState.SUSPENDED: (TipState.VERIFYING,),
    TipState.TRANSFERRED: OPEN_STATES,
    TipState.MERGED: OPEN_STATES,
}


@transaction.atomic
def tip_decide(
    *,
    tip: Tip,
    by,
    outcome: str,
    number: str = "",
    date: dt.date | None = None,
    note: str = "",
    transfer_agency: str = "",
    merged_into: Tip | None = None,
    case_number: str = "",
) -> Tip:
    """Record the decision that settles the tip; a khởi tố decision opens the case."""
    _require_leader(by)
    tip = _locked(tip)
    _require(outcome in DECISIONS, _("Quyết định không hợp lệ."))
    _require(
        tip.state in DECISIONS[outcome],
        _("Không thể chuyển từ “%(a)s” sang “%(b)s”.")
        % {"a": tip.get_state_display(), "b": TipState(outcome).label},
    )
    _require(date is not None, _("Hãy nhập ngày quyết định."))
    if outcome != TipState.MERGED:
        _require(bool(nfc(number or "").strip()), _("Hãy nhập số quyết định."))
    if outcome == TipState.TRANSFERRED:
        _require(
            bool(nfc(transfer_agency or "").strip()),
            _("Hãy ghi tên cơ quan có thẩm quyền được chuyển đến."),
        )
    if outcome == TipState.MERGED:
        _validate_merge_target(tip, merged_into)
    before = tip.state
    tip.state, tip.decision_number, tip.decision_date = outcome, number, date
    tip.transfer_agency = transfer_agency if outcome == TipState.TRANSFERRED else ""
    tip.merged_into = merged_into if outcome == TipState.MERGED else None
    _save(tip, by, f"quyet_dinh_{outcome}", before, note)
    if outcome == TipState.PROSECUTED:
        case = Case(
            tip=tip, number=case_number or number, crime_group=tip.crime_group, opened_on=date
        )
        case.full_clean()
        case._history_user = by
        case.save()
    return tip


def _validate_merge_target(tip: Tip, target: Tip | None) -> None:
    _require(target is not None, _("Hãy chọn nguồn tin được gộp vào."))
    _require(target.pk != tip.pk, _("Không thể gộp một nguồn tin vào chính nó."))
    _require(target.state != TipState.MERGED, _("Nguồn tin đích đã bị gộp vào nguồn tin khác."))


@transaction.atomic
def tip_resume(*, tip: Tip, by, number: str, date: dt.date, note: str = "") -> Tip:
    """Art. 149: phục hồi. The Art. 147 time limit runs again from the phục hồi decision,
    starting from the 20-day base (a leader may mark it complex again; the procuracy may extend)."""
    _require_leader(by)
    tip = _locked(tip)
    _require(tip.state == TipState.SUSPENDED, _("Chỉ phục hồi được nguồn tin đang tạm đình chỉ."))
    _require(bool(nfc(number or "").strip()), _("Hãy nhập số quyết định phục hồi."))
    _require(
        tip.decision_date is None or date >= tip.decision_date,
        _("Ngày phục hồi không thể trước ngày tạm đình chỉ."),
    )
    _require(date <= timezone.localdate(), _("Ngày quyết định không thể ở tương lai."))
    tip.state = TipState.VERIFYING
    tip.clock_start = date
    tip.is_complex, tip.extension_months = False, 0
    tip.extension_number, tip.extension_date = "", None
    tip.decision_number, tip.decision_date = "", None
    tip.due_on = compute_due(tip)
    return _save(tip, by, "phuc_hoi", TipState.SUSPENDED, f"{number} — {note}".strip(" —"))


@transaction.atomic
def tip_record_alert(*, tip: Tip, by, at: dt.datetime | None = None) -> Tip:
    """Urgent tips: record when the investigating body was alerted (TT 28/2020, am. 129/2021)."""
    tip = _locked(tip)
    if not (
        has_role(by, Role.POLICE_LEADER) or by.pk in (tip.assigned_to_id, tip.registered_by_id)
    ):
        raise PermissionDenied
    _require(tip.urgent, _("Nguồn tin này không được đánh dấu khẩn cấp."))
    _require(tip.urgent_alerted_at is None, _("Đã ghi nhận việc báo cơ quan điều tra."))
    tip.urgent_alerted_at = at or timezone.now()
    return _save(tip, by, "bao_co_quan_dieu_tra", tip.state, "")


def tip_update(*, tip: Tip, by, expected_version: int) -> Tip:
    """Save an edit made in the edit form (optimistic lock; raises EditConflict)."""
    tip.full_clean()
    tip.clock_start = (
        tip.clock_start
        if tip.steps.filter(action="phuc_hoi").exists()
        else (timezone.localdate(tip.received_at))
    )
    tip.due_on = compute_due(tip)
    tip._history_user = by
    tip.save_if_unchanged(expected_version)
    _step(tip, by, "sua_thong_tin", tip.state, tip.state, "")
    return tip


def case_update(*, case: Case, by, expected_version: int) -> Case:
    case.full_clean()
    case._history_user = by
    case.save_if_unchanged(expected_version)
    return case


# --- duplicates --------------------------------------------------------------------------------

DUPLICATE_WINDOW_DAYS = 7
DUPLICATE_SIMILARITY = 0.4


def similarity(a: str, b: str) -> float:
    """Share of common folded words (Jaccard) — cheap and good enough to suggest, not decide."""
    words_a, words_b = set(fold(a).split()), set(fold(b).split())
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


def similar_open_tips(
    *, commune_id, received_at, summary: str, exclude_pk=None, limit=5
) -> list[Tip]:
    """Open tips of the same commune received within a week whose summary reads alike."""
    if not commune_id or not received_at or not summary:
        return []
    window = dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    candidates = (
        Tip.objects.open()
        .filter(
            commune_id=commune_id,
            received_at__gte=received_at - window,
            received_at__lte=received_at + window,
        )
        .exclude(pk=exclude_pk)
        .select_related("commune", "crime_group")[:100]
    )
    scored = [(similarity(summary, t.summary), t) for t in candidates]
    return [t for score, t in sorted(scored, key=lambda p: -p[0]) if score >= DUPLICATE_SIMILARITY][
        :limit
    ]
