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
from tips import crypto, deadlines, informants
from tips.models import (
    OPEN_STATES,
    Attachment,
    Case,
    DocumentKind,
    ExtraDayOff,
    ExtraWorkingDay,
    Informant,
    InformantReveal,
    RegisterCounter,
    RevealKind,
    Tip,
    TipDuty,
    TipState,
    TipStep,
)
from tips.workflow import (
    DEADLINE_MOVED_REASON,
    DECISION_ACTIONS,
    DUTIES_OF,
    DUTY_DAYS,
    INFORMANT_DUTIES,
    ClockRule,
    InvalidTransition,
    NoProsecutionGround,
    SuspensionGround,
    TipAction,
    require,
)

logger = logging.getLogger(__name__)

INFORMANT_FIELDS = ("name", "id_number", "phone", "address")


class InformantUnreadable(ValidationError):
    """The stored identity cannot be decrypted: the key is missing or the data was altered."""


class DuplicateSubmission(Exception):
    """The form's one-time token was already used: the first POST created the tip."""


# --- clocks ------------------------------------------------------------------------------------


def day_off_between(start: dt.date, end: dt.date) -> deadlines.DayOff:
    """The day-off predicate for [start, end], with the administrator's two lists."""
    extra = ExtraDayOff.objects.filter(date__gte=start, date__lte=end)
    worked = ExtraWorkingDay.objects.filter(date__gte=start, date__lte=end)
    return deadlines.day_off_predicate(
        extra.values_list("date", flat=True), worked.values_list("date", flat=True)
    )


def compute_due(tip: Tip) -> dt.date:
    """Deadline of ``tip`` under the clause that sets its clock (tips/deadlines.py)."""
    return deadlines.rule_end(
        tip.clock_start,
        tip.clock_rule,
        complex_case=tip.is_complex,
        extension_months=tip.extension_months,
        is_day_off=day_off_between(tip.clock_start, deadlines.add_months(tip.clock_start, 5)),
    )


def recompute_open_deadlines(reason: str = "") -> int:
    """After a list of days off or worked days changes, open tips' deadlines may move. Each moved
    deadline is written with a history record and a timeline step that says why."""
    changed, steps = [], []
    for tip in Tip.objects.open():
        due = compute_due(tip)
        if due != tip.due_on:
            steps.append(
                TipStep(
                    tip=tip,
                    action=TipAction.DEADLINE_MOVED,
                    from_state=tip.state,
                    to_state=tip.state,
                    note=_("Hạn giải quyết đổi từ %(a)s sang %(b)s: %(why)s")
                    % {"a": f"{tip.due_on:%d/%m/%Y}", "b": f"{due:%d/%m/%Y}", "why": reason},
                )
            )
            tip.due_on = due
            changed.append(tip)
    if changed:
        bulk_update_with_history(
            changed, Tip, ["due_on"], default_change_reason=DEADLINE_MOVED_REASON
        )
        TipStep.objects.bulk_create(steps)
    return len(changed)


# --- registration ------------------------------------------------------------------------------


def next_register_number(year: int, body_id: int | None = None) -> int:
    """Allocate the next number of the receiving body's register of ``year`` (each body keeps
    its own register: BLTTHS 2015 Điều 146 khoản 1). Call inside the registering transaction:
    the body's counter row stays locked until it commits, so concurrent intakes of one body
    queue here — another body's do not wait — and a rolled-back intake gives its number back:
    no duplicates, no gaps."""
    body = body_id or 0
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(body=body, year=year)], ignore_conflicts=True
    )
    counter = RegisterCounter.objects.select_for_update().get(body=body, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def receiving_body_for(by, body=None) -> int | None:
    """The register (receiving body's pk) a tip of ``by`` goes in: ``body`` if given (one of
    ``by``'s committee's bodies, else refused in Vietnamese), else the standing body of ``by``'s
    committee."""
    from ban138.committees import committee_id_of, several_committees, standing_body_ids

    committee_id = committee_id_of(by)
    if body is None:
        if committee_id is None:
            if several_committees(by):
                raise ValidationError(
                    _("Tài khoản chưa thuộc Ban chỉ đạo nào nên chưa ghi được vào sổ tiếp nhận.")
                )
            return None  # an installation with no committee yet: one register per year
        return standing_body_ids().get(committee_id)
    if body.committee_id != committee_id or not body.is_active:
        raise ValidationError(
            {
                "receiving_body": _(
                    "%(body)s không phải cơ quan tiếp nhận của Ban chỉ đạo nơi tài khoản công "
                    "tác: nguồn tin ghi vào sổ tiếp nhận của cơ quan mình."
                )
                % {"body": body.name}
            }
        )
    return body.pk


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
    data = dict(data)
    data["receiving_body_id"] = receiving_body_for(by, data.pop("receiving_body", None))
    with transaction.atomic():
        tip = Tip(**data, registered_by=by, suspected_duplicate_of=suspected_duplicate_of)
        tip.clock_start = timezone.localdate(tip.received_at) if tip.received_at else None
        tip.year = tip.clock_start.year if tip.clock_start else 0
        tip.number = 1  # placeholder so full_clean passes; the real one is allocated below
        tip.due_on = compute_due(tip) if tip.clock_start else None
        tip.full_clean(exclude=["number", "year", "clock_start", "due_on", "registered_by"])
        tip.number = next_register_number(tip.year, tip.receiving_body_id)
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
        step = _step(tip, by, TipAction.REGISTER, "", TipState.RECEIVED, "")
        _open_duties(tip, step, tip.clock_start)
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


def informant_reveal(*, tip: Tip, by, request=None, reason: str = "") -> dict | None:
    """Decrypt the identity for a deliberate "show" and log the showing (without the identity).
    A refused attempt is logged too (who tried which tip), then refused."""
    if not may_see_informant(by, tip):
        # A refused try is evidence too (issue 15.9): who tried to see whose informant.
        audit.record(
            "informant_refused",
            request=request,
            username=by.get_username(),
            tip_id=tip.pk,
            tip=tip.register_number,
        )
        informant_log(tip, by, RevealKind.SHOWN, reason, request=request, refused=True)
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
    informant_log(tip, by, RevealKind.SHOWN, reason, request=request)
    return identity


def informant_log(tip, by, kind, reason, *, request=None, refused=False, fields=""):
    """One reveal-log row and one audit line for a showing, print or correction (or a refused
    attempt at one): who, when, which tip, why, which fields — never a value."""
    InformantReveal.objects.create(
        tip=tip,
        user=by,
        username=by.get_username(),
        kind=kind,
        reason=reason[:300],
        refused=refused,
        fields=fields[:120],
    )
    event = {RevealKind.SHOWN: "informant_shown", RevealKind.CORRECTED: "informant_corrected"}
    audit.record(
        event.get(kind, "informant_printed") + ("_refused" if refused else ""),
        request=request,
        username=by.get_username(),
        tip_id=tip.pk,
        tip=tip.register_number,
    )


def informant_correct(*, tip: Tip, by, changes: dict, reason: str, request=None) -> Informant:
    """The assigned officer or a leader corrects or adds particulars (an anonymous caller who
    later gives his name). Only the fields given change; the record is re-encrypted, so its
    history holds ciphertext alone; the reveal log keeps who, when, why and which fields —
    never a value. The reason must not itself carry the identity."""
    if not may_see_informant(by, tip):
        informant_log(tip, by, RevealKind.CORRECTED, reason, request=request, refused=True)
        raise PermissionDenied
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do sửa, bổ sung.")})
    changes = {k: nfc(str(changes.get(k) or "")).strip() for k in INFORMANT_FIELDS}
    changes = {k: v for k, v in changes.items() if v}
    if not changes:
        raise ValidationError(_("Chưa nhập thông tin nào để sửa, bổ sung."))
    if informants.identity_in_text(reason, changes):
        raise ValidationError(
            {
                "reason": _(
                    "Lý do không được chứa thông tin người tố giác "
                    "(họ tên, số điện thoại, số CCCD)."
                )
            }
        )
    with transaction.atomic():
        record, _created = Informant.objects.select_for_update().get_or_create(tip=tip)
        current = (
            crypto.decrypt(record.ciphertext, tip_id=tip.pk)
            if record.ciphertext and not record.anonymous
            else {}
        )
        changed = [k for k in INFORMANT_FIELDS if k in changes and changes[k] != current.get(k)]
        if not changed:
            raise ValidationError(
                _("Thông tin nhập vào giống thông tin đã có; không có gì thay đổi.")
            )
        identity = {k: changes.get(k, current.get(k, "")) for k in INFORMANT_FIELDS}
        record.anonymous = False
        record.ciphertext = crypto.encrypt(identity, tip_id=tip.pk)
        record._history_user = by
        record._change_reason = "Sửa, bổ sung thông tin người tố giác"
        record.save()
        informant_log(
            tip, by, RevealKind.CORRECTED, reason, request=request, fields=",".join(changed)
        )
    return record


def informants_reencrypt(*, dry_run: bool = False) -> int:
    """Re-encrypt every informant not yet under the active key (key rotation) — the current rows
    and their history rows alike, so that no table keeps ciphertext under a retired key. The
    history rows are rewritten in place (a rotation is not a change of the informant). Retired
    keys stay in INFORMANT_KEYS all the same: last month's backup still holds the old ciphertext.
    Raises InformantKeyError, naming the key, before anything is written when a key is missing."""
    from tips.checks import key_problems

    problems = key_problems()
    if problems:
        raise InformantKeyError(" ".join(problems))
    active = crypto.active_key_id()
    count = 0
    for manager in (Informant.objects, Informant.history.model.objects):
        rows = manager.exclude(ciphertext="").exclude(
            ciphertext__startswith=f"{crypto.VERSION}:{active}:"
        )
        for pk, tip_id, ciphertext in rows.values_list("pk", "tip_id", "ciphertext").iterator():
            identity = crypto.decrypt(ciphertext, tip_id=tip_id)
            count += 1
            if not dry_run:
                manager.filter(pk=pk).update(ciphertext=crypto.encrypt(identity, tip_id=tip_id))
    return count


class InformantKeyError(Exception):
    """A key that stored ciphertext needs is missing or wrong."""


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
# Who may take each step, from which states and on which conditions is tips/workflow.py's table:
# every function below calls ``require()`` on the locked row first, then checks the step's own
# data (numbers, grounds, dates) and writes the tip, a TipStep and the duties the step creates.


def _step(tip, by, action, from_state, to_state, note, **decision) -> TipStep:
    return TipStep.objects.create(
        tip=tip,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=by,
        note=nfc(note or "").strip(),
        **decision,
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidTransition(message)


def _text(value) -> str:
    return nfc(str(value or "")).strip()


def _save(tip: Tip, by, action: str, from_state: str, note: str, **decision) -> Tip:
    tip.full_clean()
    step = _step(tip, by, action, from_state, tip.state, note, **decision)
    tip.version += 1
    tip._history_user = by
    # The timeline shows this save's field changes inside the step's own entry (tips/timeline.py)
    tip._change_reason = f"step:{step.pk}"
    tip.save()
    tip._last_step = step
    return tip


def _locked(tip: Tip) -> Tip:
    """Re-read under a row lock: two leaders deciding at once must not both succeed."""
    return Tip.objects.select_for_update().get(pk=tip.pk)


def _received_on(tip: Tip) -> dt.date:
    return timezone.localdate(tip.received_at)


def _check_date(tip, date, *, what, after=None, after_what=None) -> None:
    """A decision's date: given, not before receipt, not in the future, not before the decision
    it follows. Each refusal names the rule."""
    _require(date is not None, _("Hãy nhập %(what)s.") % {"what": what})
    _require(
        date >= _received_on(tip),
        _("%(what)s không thể trước ngày tiếp nhận nguồn tin (%(d)s).")
        % {"what": what.capitalize(), "d": f"{_received_on(tip):%d/%m/%Y}"},
    )
    _require(
        date <= timezone.localdate(),
        _("%(what)s không thể ở tương lai.") % {"what": what.capitalize()},
    )
    if after is not None:
        _require(
            date >= after,
            _("%(what)s không thể trước %(after)s (%(d)s).")
            % {"what": what.capitalize(), "after": after_what, "d": f"{after:%d/%m/%Y}"},
        )


def _check_number(number, what) -> str:
    number = _text(number)
    _require(bool(number), _("Hãy nhập số %(what)s.") % {"what": what})
    return number


def _open_duties(tip: Tip, step: TipStep, start: dt.date, kinds=None) -> None:
    """The notices ``step`` makes the body send, each due by its own limit (tips/workflow.py)."""
    kinds = DUTIES_OF.get(step.action, ()) if kinds is None else kinds
    if not kinds:
        return
    anonymous = Informant.objects.filter(tip=tip, anonymous=False).count() == 0
    day_off = day_off_between(start, start + dt.timedelta(days=30))
    duties = []
    for kind in kinds:
        if kind in INFORMANT_DUTIES and anonymous:
            continue  # nobody known to send it to
        days = DUTY_DAYS[kind]
        # "24 giờ" is counted in hours: not moved off a day off (Art. 134 moves day/month limits)
        due = (
            start + dt.timedelta(days) if days == 1 else deadlines.days_after(start, days, day_off)
        )
        duties.append(TipDuty(tip=tip, kind=kind, step=step, due_on=due))
    TipDuty.objects.bulk_create(duties)


def _close_duties_of(tip: Tip, kinds) -> None:
    """A decision cancelled by the procuracy no longer has to be sent."""
    TipDuty.objects.filter(tip=tip, kind__in=kinds, sent_on__isnull=True).delete()


@transaction.atomic
def tip_assign(*, tip: Tip, by, officer, note: str = "") -> Tip:
    tip = _locked(tip)
    require(TipAction.ASSIGN, tip, by)
    _require(has_role(officer, Role.OFFICER), _("Người được phân công phải là cán bộ tiếp nhận."))
    before = tip.state
    tip.assigned_to = officer
    if tip.state == TipState.RECEIVED:
        tip.state = TipState.ASSIGNED
    return _save(tip, by, TipAction.ASSIGN, before, note)


@transaction.atomic
def tip_start_verification(*, tip: Tip, by, note: str = "") -> Tip:
    tip = _locked(tip)
    require(TipAction.START, tip, by)
    tip.state = TipState.VERIFYING
    return _save(tip, by, TipAction.START, TipState.ASSIGNED, note)


@transaction.atomic
def tip_record_progress(*, tip: Tip, by, note: str) -> TipStep:
    """A note on verification work; the state does not change."""
    tip = _locked(tip)
    require(TipAction.PROGRESS, tip, by)
    _require(bool(_text(note)), _("Hãy ghi nội dung tiến độ."))
    return _step(tip, by, TipAction.PROGRESS, tip.state, tip.state, note)


@transaction.atomic
def tip_mark_complex(*, tip: Tip, by, note: str = "") -> Tip:
    """Art. 147(2): a complex case may take up to two months from receipt."""
    tip = _locked(tip)
    require(TipAction.MARK_COMPLEX, tip, by)
    tip.is_complex = True
    tip.due_on = compute_due(tip)
    return _save(tip, by, TipAction.MARK_COMPLEX, tip.state, note)


@transaction.atomic
def tip_record_extension(
    *, tip: Tip, by, months: int, number: str, date: dt.date, note: str = ""
) -> Tip:
    """Art. 147(2): the procuracy extends a complex case once, by up to two months, by a numbered
    decision. The extension stays on the record for the tip's whole life."""
    tip = _locked(tip)
    require(TipAction.EXTEND, tip, by)
    _require(months in (1, 2), _("Điều 147 khoản 2: gia hạn không quá 02 tháng."))
    number = _check_number(number, _("quyết định gia hạn"))
    _check_date(tip, date, what=_("ngày quyết định gia hạn"))
    tip.extension_months = months
    tip.extension_number = number
    tip.extension_date = date
    tip.due_on = compute_due(tip)
    return _save(tip, by, TipAction.EXTEND, tip.state, note, number=number, date=date)


def _decide(tip, by, action, outcome, *, number, date, note, ground="") -> Tip:
    before = tip.state
    tip.state, tip.decision_number, tip.decision_date = outcome, number, date
    tip.decision_ground = ground
    return _save(tip, by, action, before, note, number=number, date=date, ground=ground)


@transaction.atomic
def tip_prosecute(
    *, tip: Tip, by, number: str, date: dt.date, note: str = "", case_number: str = ""
) -> Tip:
    """Art. 153–154: khởi tố; the case is opened on the decision date."""
    tip = _locked(tip)
    require(TipAction.PROSECUTE, tip, by)
    number = _check_number(number, _("quyết định khởi tố"))
    _check_date(tip, date, what=_("ngày quyết định khởi tố"))
    tip.transfer_agency, tip.merged_into = "", None
    tip = _decide(
        tip, by, TipAction.PROSECUTE, TipState.PROSECUTED, number=number, date=date, note=note
    )
    _open_case(tip, by, _text(case_number) or number, date)
    return tip


def _open_case(tip: Tip, by, number: str, date: dt.date) -> Case:
    """The criminal case a khởi tố decision opens, on the decision's date."""
    case = Case(tip=tip, number=_text(number), crime_group=tip.crime_group, opened_on=date)
    case.full_clean()
    case._history_user = by
    case.save()
    return case


@transaction.atomic
def tip_not_prosecute(
    *, tip: Tip, by, number: str, date: dt.date, ground: str, note: str = ""
) -> Tip:
    """Art. 157–158: không khởi tố, on one of the grounds Art. 157 lists."""
    tip = _locked(tip)
    require(TipAction.NOT_PROSECUTE, tip, by)
    _require(
        ground in NoProsecutionGround.values,
        _("Điều 157: hãy chọn căn cứ không khởi tố vụ án hình sự."),
    )
    number = _check_number(number, _("quyết định không khởi tố"))
    _check_date(tip, date, what=_("ngày quyết định không khởi tố"))
    tip = _decide(
        tip,
        by,
        TipAction.NOT_PROSECUTE,
        TipState.NOT_PROSECUTED,
        number=number,
        date=date,
        note=note,
        ground=ground,
    )
    _open_duties(tip, tip._last_step, date)
    return tip


@transaction.atomic
def tip_suspend(
    *, tip: Tip, by, number: str, date: dt.date, ground: str, pending: str = "", note: str = ""
) -> Tip:
    """Art. 148(1) as amended by Luật 02/2021/QH15: once the Art. 147 limit has run out, and only
    on a listed ground; for grounds a and b the request still awaiting its result is recorded."""
    tip = _locked(tip)
    require(TipAction.SUSPEND, tip, by)
    _require(
        ground in SuspensionGround.values,
        _("Điều 148 khoản 1: hãy chọn một căn cứ tạm đình chỉ (điểm a, b hoặc c)."),
    )
    pending = _text(pending)
    if ground in (SuspensionGround.EXPERT, SuspensionGround.DOCUMENTS):
        _require(
            bool(pending),
            _(
                "Điều 148 khoản 1 điểm a, b: hãy ghi việc trưng cầu / yêu cầu đã làm mà chưa có "
                "kết quả."
            ),
        )
    number = _check_number(number, _("quyết định tạm đình chỉ"))
    _check_date(tip, date, what=_("ngày quyết định tạm đình chỉ"))
    _require(
        date >= tip.due_on,
        _(
            "Điều 148 khoản 1: chỉ tạm đình chỉ khi đã hết thời hạn của Điều 147; ngày quyết định "
            "phải từ ngày %(d)s."
        )
        % {"d": f"{tip.due_on:%d/%m/%Y}"},
    )
    note = " — ".join(part for part in (pending, _text(note)) if part)
    tip = _decide(
        tip,
        by,
        TipAction.SUSPEND,
        TipState.SUSPENDED,
        number=number,
        date=date,
        note=note,
        ground=ground,
    )
    _open_duties(tip, tip._last_step, date)
    return tip


@transaction.atomic
def tip_transfer(*, tip: Tip, by, number: str, date: dt.date, agency: str, note: str = "") -> Tip:
    """Art. 146(2): a tip outside this body's competence goes to the competent one."""
    tip = _locked(tip)
    require(TipAction.TRANSFER, tip, by)
    agency = _text(agency)
    _require(bool(agency), _("Hãy ghi tên cơ quan có thẩm quyền được chuyển đến."))
    number = _check_number(number, _("văn bản chuyển"))
    _check_date(tip, date, what=_("ngày chuyển"))
    tip.transfer_agency = agency
    return _decide(
        tip, by, TipAction.TRANSFER, TipState.TRANSFERRED, number=number, date=date, note=note
    )


def merge_problem(tip: Tip, target: Tip | None) -> str | None:
    if target is None:
        return _("Hãy chọn nguồn tin được gộp vào.")
    if target.pk == tip.pk:
        return _("Không thể gộp một nguồn tin vào chính nó.")
    if target.receiving_body_id != tip.receiving_body_id:
        # Each body numbers its own register (BLTTHS 2015 Điều 146 khoản 1): a number of one
        # body's register is not a tip of another's.
        return _(
            "Nguồn tin số %(n)s thuộc sổ tiếp nhận của %(other)s, không phải sổ của %(own)s: "
            "chỉ gộp các nguồn tin trong cùng một sổ tiếp nhận."
        ) % {
            "n": target.register_number,
            "other": target.receiving_body or _("cơ quan khác"),
            "own": tip.receiving_body or _("cơ quan này"),
        }
    if target.state not in OPEN_STATES:
        return _("Chỉ gộp được vào một nguồn tin đang giải quyết (nguồn tin số %(n)s: %(s)s).") % {
            "n": target.register_number,
            "s": target.get_state_display(),
        }
    return None


@transaction.atomic
def tip_merge(
    *, tip: Tip, by, merged_into: Tip, date: dt.date | None = None, note: str = ""
) -> Tip:
    """A source registered twice is merged into the open tip it duplicates."""
    tip = _locked(tip)
    require(TipAction.MERGE, tip, by)
    target = Tip.objects.select_for_update().filter(pk=getattr(merged_into, "pk", None)).first()
    problem = merge_problem(tip, target)
    _require(problem is None, problem or "")
    date = date or timezone.localdate()
    _check_date(tip, date, what=_("ngày gộp"))
    tip.merged_into = target
    # The same source: its notices are those of the tip it is merged into.
    TipDuty.objects.filter(tip=tip, sent_on__isnull=True).delete()
    return _decide(tip, by, TipAction.MERGE, TipState.MERGED, number="", date=date, note=note)


@transaction.atomic
def tip_undo_merge(*, tip: Tip, by, reason: str) -> Tip:
    """A leader undoes a wrong merge, with a reason: the tip is back as it was before."""
    tip = _locked(tip)
    require(TipAction.UNDO_MERGE, tip, by)
    reason = _text(reason)
    _require(bool(reason), _("Hãy ghi lý do hủy việc gộp."))
    merge = tip.steps.filter(action=TipAction.MERGE).order_by("-at", "-id").first()
    before = tip.state
    tip.state = merge.from_state if merge and merge.from_state in OPEN_STATES else TipState.RECEIVED
    if tip.state != TipState.RECEIVED and tip.assigned_to_id is None:
        tip.state = TipState.RECEIVED
    tip.merged_into = None
    tip.decision_number, tip.decision_date, tip.decision_ground = "", None, ""
    tip = _save(tip, by, TipAction.UNDO_MERGE, before, reason)
    receipt_notice = DUTIES_OF[TipAction.REGISTER]
    if not TipDuty.objects.filter(tip=tip, kind__in=receipt_notice).exclude(sent_on=None).exists():
        # its own source again: the notice of receipt is owed, from the day of the undo
        _open_duties(tip, tip._last_step, timezone.localdate(), kinds=receipt_notice)
    return tip


@transaction.atomic
def tip_resume(*, tip: Tip, by, number: str, date: dt.date, note: str = "") -> Tip:
    """Art. 149(1): phục hồi. The limit is at most 01 month from the phục hồi decision; the
    complex mark and the procuracy's extension stay on the record but do not apply again. The
    suspension decision (number, date, ground) stays on its own step."""
    tip = _locked(tip)
    require(TipAction.RESUME, tip, by)
    number = _check_number(number, _("quyết định phục hồi"))
    _check_date(
        tip,
        date,
        what=_("ngày quyết định phục hồi"),
        after=tip.decision_date,
        after_what=_("ngày quyết định tạm đình chỉ"),
    )
    tip.state = TipState.VERIFYING
    tip.clock_start, tip.clock_rule = date, ClockRule.RESUMED
    tip.decision_number, tip.decision_date, tip.decision_ground = "", None, ""
    tip.due_on = compute_due(tip)
    tip = _save(
        tip,
        by,
        TipAction.RESUME,
        TipState.SUSPENDED,
        note,
        number=number,
        date=date,
        clock_from=date,
    )
    _open_duties(tip, tip._last_step, date)
    return tip


@transaction.atomic
def tip_procuracy_cancel(
    *, tip: Tip, by, number: str, date: dt.date, received_on: dt.date, note: str = ""
) -> Tip:
    """Art. 148(2) as amended 2021: the procuracy cancels a suspension "để tiếp tục giải quyết";
    the limit is at most 01 month from the day the body receives the cancellation. The complex
    mark and the extension do not apply again (they belong to Art. 147)."""
    tip = _locked(tip)
    require(TipAction.PROCURACY_CANCEL, tip, by)
    number = _check_number(number, _("quyết định hủy bỏ của Viện kiểm sát"))
    _check_date(
        tip,
        date,
        what=_("ngày quyết định hủy bỏ"),
        after=tip.decision_date,
        after_what=_("ngày quyết định bị hủy bỏ"),
    )
    _check_date(
        tip,
        received_on,
        what=_("ngày nhận quyết định hủy bỏ"),
        after=date,
        after_what=_("ngày quyết định hủy bỏ"),
    )
    _close_duties_of(tip, DUTIES_OF[TipAction.SUSPEND])
    tip.clock_rule = ClockRule.SUSPENSION_CANCELLED
    tip.state, tip.clock_start = TipState.VERIFYING, received_on
    tip.decision_number, tip.decision_date, tip.decision_ground = "", None, ""
    tip.due_on = compute_due(tip)
    return _save(
        tip,
        by,
        TipAction.PROCURACY_CANCEL,
        TipState.SUSPENDED,
        note,
        number=number,
        date=date,
        clock_from=received_on,
    )


@transaction.atomic
def tip_procuracy_prosecute(
    *,
    tip: Tip,
    by,
    cancel_number: str,
    cancel_date: dt.date,
    number: str,
    date: dt.date,
    case_number: str = "",
    note: str = "",
) -> Tip:
    """The procuracy cancels a không khởi tố decision (Art. 159(6), 161(1)(b)) and then opens the
    case itself: "Viện kiểm sát ra quyết định khởi tố vụ án hình sự trong trường hợp: a) Viện
    kiểm sát hủy bỏ quyết định không khởi tố" (Art. 153(3)(a); TTLT 04/2018 Art. 7(2)(c)), and
    sends it to the body to investigate (Art. 154(2)). So the tip is not verified again: it ends
    as khởi tố, the procuracy's decision its decision, and a case is opened on that date. Both
    decisions stay on the record: the cancellation as a PROCURACY_CANCEL step (its number and
    date), then the khởi tố as this step's own."""
    tip = _locked(tip)
    require(TipAction.PROCURACY_PROSECUTE, tip, by)
    cancel_number = _check_number(
        cancel_number, _("quyết định hủy bỏ quyết định không khởi tố của Viện kiểm sát")
    )
    _check_date(
        tip,
        cancel_date,
        what=_("ngày quyết định hủy bỏ"),
        after=tip.decision_date,
        after_what=_("ngày quyết định không khởi tố"),
    )
    number = _check_number(number, _("quyết định khởi tố vụ án của Viện kiểm sát"))
    _check_date(
        tip,
        date,
        what=_("ngày quyết định khởi tố của Viện kiểm sát"),
        after=cancel_date,
        after_what=_("ngày quyết định hủy bỏ"),
    )
    _close_duties_of(tip, DUTIES_OF[TipAction.NOT_PROSECUTE])
    _step(
        tip,
        by,
        TipAction.PROCURACY_CANCEL,
        TipState.NOT_PROSECUTED,
        TipState.NOT_PROSECUTED,
        "",
        number=cancel_number,
        date=cancel_date,
    )
    tip.transfer_agency, tip.merged_into = "", None
    tip = _decide(
        tip,
        by,
        TipAction.PROCURACY_PROSECUTE,
        TipState.PROSECUTED,
        number=number,
        date=date,
        note=note,
    )
    _open_case(tip, by, _text(case_number) or number, date)
    return tip


@transaction.atomic
def tip_record_notice(
    *, tip: Tip, by, duty: TipDuty, date: dt.date, number: str, note: str = ""
) -> TipDuty:
    """Recording that a notice was sent (date, number) closes the duty."""
    tip = _locked(tip)
    require(TipAction.NOTICE_SENT, tip, by)
    duty = TipDuty.objects.select_for_update().filter(pk=getattr(duty, "pk", None), tip=tip).first()
    _require(duty is not None and duty.is_open, _("Thông báo này không còn phải gửi."))
    number = _check_number(number, _("văn bản đã gửi"))
    decided = duty.step.date if duty.step and duty.step.date else None
    _check_date(
        tip, date, what=_("ngày gửi"), after=decided, after_what=_("ngày của quyết định được gửi")
    )
    duty.sent_on, duty.sent_number, duty.sent_by = date, number, by
    duty.save(update_fields=["sent_on", "sent_number", "sent_by"])
    late = date > duty.due_on
    text = f"{duty.get_kind_display()}" + (
        _(" (gửi muộn, hạn %(d)s)") % {"d": f"{duty.due_on:%d/%m/%Y}"} if late else ""
    )
    _step(
        tip,
        by,
        TipAction.NOTICE_SENT,
        tip.state,
        tip.state,
        " — ".join(p for p in (text, _text(note)) if p),
        number=number,
        date=date,
    )
    return duty


@transaction.atomic
def tip_correct_receipt(*, tip: Tip, by, received_at: dt.datetime, reason: str) -> Tip:
    """The receipt time fixes the legal clock and the register year: after registration only a
    leader corrects it, with a reason, and never into another year than the register number's."""
    tip = _locked(tip)
    require(TipAction.CORRECT_RECEIPT, tip, by)
    reason = _text(reason)
    _require(bool(reason), _("Hãy ghi lý do đính chính."))
    _require(received_at is not None, _("Hãy nhập thời điểm tiếp nhận."))
    _require(
        received_at <= timezone.now() + dt.timedelta(minutes=5),
        _("Thời điểm tiếp nhận không thể ở tương lai."),
    )
    new_day = timezone.localdate(received_at)
    _require(
        new_day.year == tip.year,
        _(
            "Số %(n)s thuộc sổ năm %(y)s: thời điểm tiếp nhận không thể đính chính sang năm khác "
            "(Điều 146 khoản 1: sổ tiếp nhận ghi theo năm)."
        )
        % {"n": tip.register_number, "y": tip.year},
    )
    first_decision = (
        tip.steps.exclude(date__isnull=True).order_by("date").values_list("date", flat=True).first()
    )
    _require(
        first_decision is None or new_day <= first_decision,
        _("Thời điểm tiếp nhận không thể sau ngày quyết định %(d)s.")
        % {"d": f"{first_decision:%d/%m/%Y}" if first_decision else ""},
    )
    old = timezone.localtime(tip.received_at)
    tip.received_at = received_at
    if tip.clock_rule == ClockRule.RECEIPT:
        tip.clock_start = new_day
        tip.due_on = compute_due(tip)
    note = _("Từ %(a)s sang %(b)s. Lý do: %(r)s") % {
        "a": f"{old:%d/%m/%Y %H:%M}",
        "b": f"{timezone.localtime(received_at):%d/%m/%Y %H:%M}",
        "r": reason,
    }
    tip = _save(tip, by, TipAction.CORRECT_RECEIPT, tip.state, note)
    day_off = day_off_between(new_day, new_day + dt.timedelta(days=30))
    TipDuty.objects.filter(
        tip=tip, kind=DUTIES_OF[TipAction.REGISTER][0], sent_on__isnull=True
    ).update(
        due_on=deadlines.days_after(new_day, DUTY_DAYS[DUTIES_OF[TipAction.REGISTER][0]], day_off)
    )
    return tip


@transaction.atomic
def tip_record_alert(*, tip: Tip, by, at: dt.datetime | None = None, note: str = "") -> Tip:
    """Urgent tips: record when the investigating body was alerted (TT 28/2020, am. 129/2021)."""
    tip = _locked(tip)
    require(TipAction.ALERT, tip, by)
    tip.urgent_alerted_at = at or timezone.now()
    return _save(tip, by, TipAction.ALERT, tip.state, note)


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
    ground: str = "",
    pending: str = "",
) -> Tip:
    """One entry point for the five decisions (the demo data and older callers use it)."""
    action = DECISION_ACTIONS.get(outcome)
    _require(action is not None, _("Quyết định không hợp lệ."))
    if action == TipAction.PROSECUTE:
        return tip_prosecute(
            tip=tip, by=by, number=number, date=date, note=note, case_number=case_number
        )
    if action == TipAction.NOT_PROSECUTE:
        return tip_not_prosecute(tip=tip, by=by, number=number, date=date, ground=ground, note=note)
    if action == TipAction.SUSPEND:
        return tip_suspend(
            tip=tip, by=by, number=number, date=date, ground=ground, pending=pending, note=note
        )
    if action == TipAction.TRANSFER:
        return tip_transfer(
            tip=tip, by=by, number=number, date=date, agency=transfer_agency, note=note
        )
    return tip_merge(tip=tip, by=by, merged_into=merged_into, date=date, note=note)


def tip_update(*, tip: Tip, by, expected_version: int, reason: str = "") -> Tip:
    """Save an edit made in the edit form (optimistic lock; raises EditConflict). An open tip is
    edited by its officer or a leader; a decided tip's facts change only through a leader's
    correction step with a reason (tips/workflow.py: EDIT and CORRECT). The receipt time is not in
    this form: it has its own correction step."""
    current = Tip.objects.get(pk=tip.pk)
    action = TipAction.EDIT if current.is_open else TipAction.CORRECT
    require(action, current, by)
    reason = _text(reason)
    if action == TipAction.CORRECT:
        _require(bool(reason), _("Nguồn tin đã có quyết định: hãy ghi lý do đính chính."))
    tip.received_at = current.received_at
    tip.full_clean()
    tip.due_on = compute_due(tip)
    with transaction.atomic():
        step = _step(tip, by, action, tip.state, tip.state, reason)
        tip._history_user = by
        tip._change_reason = f"step:{step.pk}"
        tip.save_if_unchanged(expected_version)
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
    *, commune_id, received_at, summary: str, exclude_pk=None, limit=5, among=None
) -> list[Tip]:
    """Open tips of the same commune received within a week whose summary reads alike, among
    ``among`` (the tips the user may see: their committee's, ban138/access.py)."""
    if not commune_id or not received_at or not summary:
        return []
    window = dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    candidates = (
        (Tip.objects.all() if among is None else among)
        .open()
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
