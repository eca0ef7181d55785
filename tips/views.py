"""Pages of the intake register. Thin function views: fetch through the policy, call a service,
render. Informants are decrypted only in :func:`informant_reveal`, never on a GET."""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case as When_
from django.db.models import DateField, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ban138 import audit, caching
from ban138.concurrency import EditConflict, claimed_object_key, render_conflict
from ban138.models import VILLAGE_KINDS, AdministrativeUnit
from ban138.querysets import union_of_heads
from ban138.roles import Role, has_role
from ban138.text import nfc, person_name
from tips import exports, printing, services, workflow
from tips.access import case_policy, leader_policy, tip_policy
from tips.deadlines import DUE_SOON_DAYS
from tips.forms import (
    AttachmentForm,
    CaseForm,
    TipEditForm,
    TipFilterForm,
    TipIntakeForm,
)
from tips.informant_forms import InformantCorrectionForm
from tips.models import OPEN_STATES, Attachment, Case, RevealKind, Tip
from tips.print_views import print_panel
from tips.timeline import timeline_for

PAGE_SIZE = 50


def _tip_for_view(request, pk) -> Tip:
    queryset = Tip.objects.select_related(
        "commune",
        "village",
        "crime_group",
        "assigned_to",
        "registered_by",
        "merged_into",
        "suspected_duplicate_of",
    )
    return tip_policy.get_for_view(request.user, queryset, pk=pk)


def _tip_for_change(request, pk) -> Tip:
    tip = _tip_for_view(request, pk)
    if not tip_policy.can_change(request.user, tip):
        raise PermissionDenied
    return tip


# --- register list -----------------------------------------------------------------------------


def with_priority(queryset, today):
    """Overdue first, then due within five days, then the rest. Above everything, open urgent
    tips whose alert to the investigating body is not yet recorded; the overdue ones most overdue
    first (earliest deadline); the others newest first."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    return queryset.annotate(
        bucket=When_(
            When(state__in=OPEN_STATES, due_on__lt=today, then=Value(0)),
            When(state__in=OPEN_STATES, due_on__lte=soon, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        unalerted=When_(
            When(state__in=OPEN_STATES, urgent=True, urgent_alerted_at__isnull=True, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        overdue_due=When_(
            When(state__in=OPEN_STATES, due_on__lt=today, then="due_on"),
            default=Value(None),
        ),
    ).order_by("unalerted", "bucket", "overdue_due", "-id")


# The streams of :func:`with_priority`, in its order: stream = 3 × (alert recorded or not
# urgent) + bucket. The overdue ones (0 and 3) are read earliest deadline first, the others
# newest first; every one breaks ties newest first.
OVERDUE_STREAMS = frozenset({0, 3})
STREAM_COUNT = 6


def priority_streams(queryset, today):
    """The six streams of :func:`with_priority` as separate querysets, in its order, each in
    its own order and annotated with ``due_key`` (the deadline an overdue stream is sorted by,
    NULL in the others) — the key :func:`keyset_page` cuts pages by.

    Each is read by an index (the open ones by the partial indexes on open tips, ``-id`` or
    ``due_on, id``; the rest by the primary key) with a LIMIT, so a page never sorts every
    visible row the way ``ORDER BY <CASE over today>`` does. The urgent tips whose alert is not
    yet recorded are few: their three streams filter the open ones."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    is_open = Q(state__in=OPEN_STATES)
    unalerted = is_open & Q(urgent=True, urgent_alerted_at__isnull=True)
    buckets = (
        lambda qs: qs.filter(is_open, due_on__lt=today),
        lambda qs: qs.filter(is_open, due_on__gte=today, due_on__lte=soon),
        lambda qs: qs.exclude(is_open & Q(due_on__lte=soon)),
    )
    # typed NULL: PostgreSQL would read a bare NULL in the head subqueries as text
    no_key = Cast(Value(None), output_field=DateField())
    streams = []
    for group in (queryset.filter(unalerted), queryset.exclude(unalerted)):
        for bucket, narrow in enumerate(buckets):
            stream = narrow(group)
            if bucket == 0:
                stream = stream.annotate(due_key=F("due_on")).order_by("due_on", "-id")
            else:
                stream = stream.annotate(due_key=no_key).order_by("-id")
            streams.append(stream)
    return streams


def _parse_cursor(raw: str | None):
    """``<stream>-<id>``, or ``<stream>-<yyyymmdd>-<id>`` in an overdue stream; None if not."""
    match = re.fullmatch(r"([0-9])-(?:([0-9]{8})-)?([0-9]{1,18})", raw or "")
    if match is None:
        return None
    stream, due, last_id = int(match[1]), match[2], int(match[3])
    if stream >= STREAM_COUNT or (due is not None) != (stream in OVERDUE_STREAMS):
        return None
    if due is not None:
        try:
            due = dt.datetime.strptime(due, "%Y%m%d").date()
        except ValueError:
            return None
    return stream, due, last_id


def _cursor_of(tip) -> str:
    stream = 3 * tip.unalerted + tip.bucket
    if stream in OVERDUE_STREAMS:
        return f"{stream}-{tip.due_on:%Y%m%d}-{tip.pk}"
    return f"{stream}-{tip.pk}"


def keyset_page(queryset, cursor, today, size=PAGE_SIZE):
    """One page after ``cursor`` without COUNT(*) or OFFSET: cheap on page 1 and page 20,000.

    The cursor names the priority stream and the last row read in it by that stream's own sort
    key — (deadline, id) in an overdue stream, id in the others — so walking every page gives
    exactly the order of :func:`with_priority` over the whole list: no tip twice, none lost. One
    query: the page's ids come from at most ``size + 1`` rows of each stream from the cursor's
    on, read through indexes (``ban138.querysets.union_of_heads``), the rows themselves by
    primary key, ordered exactly as :func:`with_priority` orders them."""
    if queryset.query.is_empty():
        return [], None
    first, last_due, last_id = cursor or (0, None, None)
    streams = []
    for number, stream in enumerate(priority_streams(queryset, today)):
        if number < first:
            stream = stream.none()
        elif number == first and last_id is not None:
            if number in OVERDUE_STREAMS:
                stream = stream.filter(Q(due_on__gt=last_due) | Q(due_on=last_due, id__lt=last_id))
            else:
                stream = stream.filter(id__lt=last_id)
        streams.append(stream)
    ids = union_of_heads(streams, size + 1, then_first=size + 1, key="due_key")
    if ids is None:
        return [], None
    rows_of = queryset.model._default_manager.all()
    rows_of.query.select_related = queryset.query.select_related
    rows = list(with_priority(rows_of.filter(pk__in=ids), today))
    next_cursor = _cursor_of(rows[size - 1]) if len(rows) > size else None
    return rows[:size], next_cursor


# The number of results is counted up to this many (then "more than 1.000"): an exact COUNT(*)
# over a million tips would cost more than the page itself.
COUNT_LIMIT = 1_000


@require_GET
@login_required
def register_list(request):
    tip_policy.require_role(request.user, tip_policy.view_roles)
    today = timezone.localdate()
    form = TipFilterForm(request.GET or None)
    # A page of the register is the same until the next write: kept per user, roles and commune
    # (ban138/caching.py) as its rendered table, cursor and count (no model instances: small to
    # store, nothing to unpickle), so a reload costs no query and no rendering.
    page_key = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    page = caching.per_user(
        request, f"register:{page_key}", partial(_register_page, form=form, today=today)
    )
    params = request.GET.copy()
    params.pop("sau", None)
    return render(
        request,
        "tips/register_list.html",
        {
            "form": form,
            "tip_ids": page.ids,
            "table": page.table,
            "found": page.found,
            "count_limit": COUNT_LIMIT,
            "next_cursor": page.next_cursor,
            "query_string": params.urlencode(),
            "is_first_page": "sau" not in request.GET,
            "reference_generation": caching.generation(caching.REFERENCE),
        },
    )


@dataclass(frozen=True)
class RegisterPage:
    ids: list[int]
    table: str
    next_cursor: str | None
    found: int | None  # on the first page: the number of results, counted to COUNT_LIMIT + 1


def _register_page(request, *, form, today):
    queryset = tip_policy.visible(request.user, Tip.objects.for_list())
    if form.is_bound and form.is_valid():
        queryset = form.apply(queryset, today, user=request.user)
    elif form.is_bound:
        queryset = queryset.none()
    cursor = _parse_cursor(request.GET.get("sau"))
    tips, next_cursor = keyset_page(queryset, cursor, today)
    first_page = cursor is None and "sau" not in request.GET
    # No count beside a refused filter: its message says what to fix, not "0 nguồn tin".
    found = _bounded_count(queryset) if first_page and not queryset.query.is_empty() else None
    table = loader.render_to_string("tips/_tip_table.html", {"tips": tips, "today": today})
    return RegisterPage([t.pk for t in tips], table, next_cursor, found)


def _bounded_count(queryset) -> int:
    return queryset.order_by().values("pk")[: COUNT_LIMIT + 1].count()


@require_GET
@login_required
def register_export(request):
    tip_policy.require_role(request.user, tip_policy.view_roles)
    form = TipFilterForm(request.GET or None)
    queryset = tip_policy.visible(request.user, Tip.objects.for_list())
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Bộ lọc không hợp lệ; hãy kiểm tra ngày tháng."))
        return redirect("tips:register")
    if form.is_bound:
        queryset = form.apply(queryset, timezone.localdate(), user=request.user)
    content = exports.register_xlsx(
        queryset.order_by("year", "number"),
        subtitle=_("Xuất ngày %(d)s; bộ lọc: %(f)s")
        % {"d": timezone.localdate().strftime("%d/%m/%Y"), "f": form.describe() or _("không")},
    )
    response = FileResponse(iter([content]), content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="so-tiep-nhan-{timezone.localdate():%Y%m%d}.xlsx"'
    )
    return response


# --- intake and edit ---------------------------------------------------------------------------


def _villages():
    return list(
        AdministrativeUnit.objects.filter(kind__in=VILLAGE_KINDS, is_active=True).values(
            "pk", "parent_id"
        )
    )


@require_http_methods(["GET", "POST"])
@login_required
def tip_create(request):
    tip_policy.require_role(request.user, (Role.OFFICER, Role.POLICE_LEADER))
    form = TipIntakeForm(request.POST or None, request.FILES or None)
    duplicates = []
    if request.method == "POST":
        token = request.POST.get("submission_token")
        if token and (key := _claimed(token)):
            messages.info(
                request, _("Nguồn tin này đã được ghi vào sổ (biểu mẫu được gửi hai lần).")
            )
            return redirect("tips:detail", pk=key)
        if form.is_valid():
            duplicates = _duplicates_for(form, request.user)
            # Art. 145: a source is never refused, so a likely duplicate is still registered once
            # the officer has looked; with files attached it is registered at once (re-showing the
            # form would drop the files) and flagged for a leader to merge.
            decided = "ghi_moi" in request.POST or "trung_voi" in request.POST
            if not duplicates or decided or form.cleaned_data["attachments"]:
                return _register(request, form, duplicates)
    return render(
        request,
        "tips/tip_form.html",
        {
            "form": form,
            "duplicates": duplicates,
            "villages": _villages(),
            "creating": True,
        },
    )


def _claimed(token):
    try:
        return claimed_object_key(token)
    except ValidationError:
        return None


def _duplicates_for(form, user):
    data = form.cleaned_data
    return services.similar_open_tips(
        commune_id=data["commune"].pk,
        received_at=data["received_at"],
        summary=data["summary"],
        among=tip_policy.of_committee(user, Tip.objects.all()),
    )


def _register(request, form, duplicates):
    data = {name: form.cleaned_data[name] for name in form.Meta.fields}
    chosen = request.POST.get("trung_voi", "")
    duplicate = next((t for t in duplicates if str(t.pk) == chosen), None)
    if duplicate is None and "ghi_moi" not in request.POST and duplicates:
        duplicate = duplicates[0]
    try:
        tip = services.tip_register(
            by=request.user,
            data=data,
            informant=form.informant_identity(),
            anonymous=form.cleaned_data["informant_anonymous"],
            files=form.cleaned_data["attachments"],
            token=form.cleaned_data["submission_token"],
            suspected_duplicate_of=duplicate,
            document_kind=form.cleaned_data["attachments_document_kind"],
            files_identify_informant=form.cleaned_data["attachments_identify_informant"],
        )
    except services.DuplicateSubmission:
        return redirect("tips:detail", pk=claimed_object_key(form.cleaned_data["submission_token"]))
    messages.success(request, _("Đã ghi vào sổ: nguồn tin số %(n)s.") % {"n": tip.register_number})
    return redirect("tips:detail", pk=tip.pk)


def _edit_step(tip):
    """An open tip is edited (EDIT); a decided one only corrected, with a reason (CORRECT)."""
    return workflow.BY_ACTION[
        workflow.TipAction.EDIT if tip.is_open else workflow.TipAction.CORRECT
    ]


@require_http_methods(["GET", "POST"])
@login_required
def tip_edit(request, pk):
    tip = _tip_for_view(request, pk)
    if workflow.problem(_edit_step(tip), tip, request.user) is not None:
        raise PermissionDenied
    # Decrypted on a POST only, to warn when the new summary carries the identity (not shown).
    identity = printing.identity_of(tip)[0] if request.method == "POST" else None
    form = TipEditForm(request.POST or None, instance=tip, identity=identity)
    if request.method == "POST" and form.is_valid():
        try:
            services.tip_update(
                tip=form.instance,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except EditConflict as conflict:
            return render_conflict(
                request, form=form, current=conflict.current, object_label=str(conflict.current)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDenied:
            form.add_error(
                None, _("Nguồn tin đã có quyết định: chỉ lãnh đạo đính chính được, có ghi lý do.")
            )
        else:
            messages.success(
                request, _("Đã lưu thay đổi nguồn tin số %(n)s.") % {"n": tip.register_number}
            )
            return redirect("tips:detail", pk=tip.pk)
    return render(
        request, "tips/tip_form.html", {"form": form, "tip": tip, "villages": _villages()}
    )


# --- detail and actions ------------------------------------------------------------------------


def _detail_context(request, tip, *, failed=None, **extra):
    """The detail page. ``failed`` = (transition, bound form) of a refused step: that form is
    shown again with what was typed."""
    user = request.user
    can_change = tip_policy.can_change(user, tip)
    leader = has_role(user, Role.POLICE_LEADER)
    steps = []
    for transition in workflow.allowed(tip, user):
        if not transition.offered:
            continue
        if failed and failed[0] is transition:
            form = failed[1]
        else:
            # Each form gets its own id prefix: several have a "note" field, and repeated ids
            # would tie every "Ghi chú" label to the first box on the page.
            form = transition.form_class(tip=tip, auto_id=f"id_{transition.slug}_%s")
        steps.append(
            {"t": transition, "form": form, "open": bool(failed and failed[0] is transition)}
        )
    alert = workflow.BY_ACTION[workflow.TipAction.ALERT]
    context = {
        "tip": tip,
        "today": timezone.localdate(),
        "can_change": can_change,
        "may_edit": workflow.problem(_edit_step(tip), tip, user) is None,
        "is_leader": leader,
        "may_see_informant": services.may_see_informant(user, tip),
        "may_alert": workflow.problem(alert, tip, user) is None,
        "timeline": timeline_for(tip),
        "attachments": services.attachments_for(user, tip),
        "attach_form": AttachmentForm(auto_id="id_attach_%s") if can_change else None,
        "protected_attachments": services.protected_attachment_count(user, tip),
        "case": Case.objects.filter(tip=tip).first(),
        "steps": steps,
        "duties": list(tip.duties.all()),
        "merged_tips": list(tip.merged_tips.all()),
        "print_forms": print_panel(request, tip),
        "similar": services.similar_open_tips(
            commune_id=tip.commune_id,
            received_at=tip.received_at,
            summary=tip.summary,
            exclude_pk=tip.pk,
            among=tip_policy.of_committee(request.user, Tip.objects.all()),
        )
        if leader and tip.is_open
        else [],
    }
    context.update(extra)
    return context


@require_GET
@login_required
def tip_detail(request, pk):
    tip = _tip_for_view(request, pk)
    return render(request, "tips/tip_detail.html", _detail_context(request, tip))


def _readable(value) -> str:
    """A form value as people read it, for the success message."""
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Tip):
        return value.register_number
    if hasattr(value, "get_username"):
        return person_name(value)
    if hasattr(value, "get_kind_display"):
        return str(value.get_kind_display())
    return str(value)


def _success_message(transition, tip, data) -> str:
    values = {key: _readable(value) for key, value in data.items()}
    if "ground" in data:
        form_field = transition.form_class.base_fields.get("ground")
        values["ground"] = str(dict(form_field.choices).get(data["ground"], data["ground"]))
    if "months" in data:
        values["months"] = _("%(m)02d tháng") % {"m": data["months"]}
    values["n"] = tip.register_number
    values["due"] = f"{tip.due_on:%d/%m/%Y}" if tip.due_on else "—"
    return str(transition.message) % values


@require_POST
@login_required
def tip_action(request, pk, action):
    transition = workflow.BY_SLUG.get(action)
    if transition is None:
        raise Http404
    # Who may take the step is the workflow table's rule, checked again by the service; the
    # officer who took an urgent call records the alert even before anyone is assigned.
    tip = _tip_for_view(request, pk)
    reason = workflow.problem(transition, tip, request.user)
    if reason is PermissionDenied:
        raise PermissionDenied
    form = transition.form_class(request.POST, tip=tip, auto_id=f"id_{transition.slug}_%s")
    if reason is None and form.is_valid():
        data = form.cleaned_data
        if transition.confirm and request.POST.get("xac_nhan") != "1":
            return render(
                request,
                "tips/confirm_step.html",
                {
                    "tip": tip,
                    "t": transition,
                    "form": form,
                    "data": data,
                    "today": timezone.localdate(),
                },
            )
        try:
            result = transition.effect_function(tip=tip, by=request.user, **data)
        except ValidationError as exc:
            messages.error(request, _("Chưa ghi được: %(e)s") % {"e": " ".join(exc.messages)})
        else:
            # a step that records a note or a notice returns that, not the tip
            tip = result if isinstance(result, Tip) else Tip.objects.get(pk=tip.pk)
            messages.success(request, _success_message(transition, tip, data))
            return redirect("tips:detail", pk=tip.pk)
    elif reason is not None:
        messages.error(request, _("Chưa ghi được: %(e)s") % {"e": reason})
    else:
        messages.error(request, _("Chưa ghi được: %(e)s") % {"e": _form_errors(form)})
    tip = _tip_for_view(request, pk)
    return render(
        request,
        "tips/tip_detail.html",
        _detail_context(request, tip, failed=(transition, form)),
        status=400,
    )


def _form_errors(form) -> str:
    return " ".join(
        f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}".strip(": ")
        for f, e in form.errors.items()
    )


@require_POST
@login_required
def attachment_upload(request, pk):
    tip = _tip_for_change(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        for upload in form.cleaned_data["attachments"]:
            services.attachment_add(
                tip=tip,
                by=request.user,
                upload=upload,
                document_kind=form.cleaned_data["document_kind"],
                identifies_informant=form.cleaned_data["identifies_informant"],
            )
        messages.success(request, _("Đã thêm tệp đính kèm."))
        return redirect("tips:detail", pk=tip.pk)
    messages.error(request, " ".join(form.errors.get("attachments", [])))
    return render(request, "tips/tip_detail.html", _detail_context(request, tip), status=400)


@require_GET
@login_required
def attachment_download(request, pk, attachment_pk):
    tip = _tip_for_view(request, pk)
    attachment = services.attachments_for(request.user, tip).filter(pk=attachment_pk).first()
    if attachment is None:
        # Missing, or identifying the informant to someone who may not see them: the same 404,
        # so the file's existence is not told either; the refusal is on the record all the same.
        if Attachment.objects.filter(tip=tip, pk=attachment_pk).exists():
            audit.record(
                "attachment_refused", request=request, tip_id=tip.pk, attachment_id=attachment_pk
            )
        raise Http404
    # Every download is on the record (issue 15.2): who, which file of which tip, when.
    audit.record(
        "attachment_downloaded",
        request=request,
        tip_id=tip.pk,
        attachment_id=attachment.pk,
        identifies_informant=attachment.identifies_informant,
    )
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.kind == "pdf",
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def informant_reveal(request, pk):
    try:
        tip = _tip_for_view(request, pk)
    except PermissionDenied:
        # A role that may not open tips at all: on the record like any refused reveal.
        audit.record("informant_refused", request=request, tip_id=pk)
        raise
    # Each showing asks why (the reveal log keeps it); without a reason nothing is decrypted.
    reason = nfc(request.POST.get("reason") or "").strip()[:300]
    if not reason and services.may_see_informant(request.user, tip):
        messages.error(request, _("Hãy ghi lý do xem thông tin người tố giác."))
        return redirect("tips:detail", pk=tip.pk)
    try:
        identity = services.informant_reveal(
            tip=tip, by=request.user, request=request, reason=reason
        )
    except services.InformantUnreadable as exc:
        messages.error(request, " ".join(exc.messages))
        return render(request, "tips/tip_detail.html", _detail_context(request, tip))
    response = render(
        request,
        "tips/tip_detail.html",
        _detail_context(request, tip, identity=identity, revealed=True),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def informant_edit(request, pk):
    """Correct or add the informant's particulars. The GET shows an empty form (nothing is
    decrypted on a GET); only the fields filled in change."""
    tip = _tip_for_view(request, pk)
    if not services.may_see_informant(request.user, tip):
        if request.method == "POST":
            services.informant_log(
                tip, request.user, RevealKind.CORRECTED, "", request=request, refused=True
            )
        raise PermissionDenied
    form = InformantCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.informant_correct(
                tip=tip,
                by=request.user,
                changes=form.identity(),
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(
                request, _("Đã sửa, bổ sung thông tin người tố giác (đã ghi nhật ký).")
            )
            return redirect("tips:detail", pk=tip.pk)
    response = render(request, "tips/informant_form.html", {"form": form, "tip": tip})
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def case_edit(request, pk):
    tip = _tip_for_view(request, pk)
    case = Case.objects.select_related("tip").filter(tip=tip).first()
    if case is None:
        raise Http404
    if not case_policy.can_change(request.user, case):
        raise PermissionDenied
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                case=form.instance, by=request.user, expected_version=form.cleaned_data["version"]
            )
        except EditConflict as conflict:
            return render_conflict(
                request, form=form, current=conflict.current, object_label=str(conflict.current)
            )
        messages.success(request, _("Đã lưu kết quả vụ án."))
        return redirect("tips:detail", pk=tip.pk)
    return render(request, "tips/case_form.html", {"form": form, "tip": tip, "case": case})


# --- leaders' pages ----------------------------------------------------------------------------


@require_GET
@login_required
def data_quality(request):
    leader_policy.require_role(request.user, leader_policy.view_roles)
    from tips.quality import quality_report

    context = {**quality_report(request.user), "today": timezone.localdate()}
    return render(request, "tips/quality.html", context)


def url_for(tip) -> str:
    return reverse("tips:detail", kwargs={"pk": tip.pk})
