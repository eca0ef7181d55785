"""Pages of the annual report. Thin functions: fetch through reports/access.py, call services."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ban138.concurrency import EditConflict, claimed_object_key, render_conflict
from ban138.documents import issuing_body, next_free_number
from ban138.filing import period_error
from ban138.limits import EARLIEST_YEAR
from ban138.models import AdministrativeUnit, CommitteeProfile
from ban138.roles import Role, has_role
from ban138.text import fold
from reports import background, services
from reports.access import commune_report_policy, draft_policy, issued_policy
from reports.compile import report_period
from reports.forms import AgencyFiguresForm, DraftCreateForm, DraftForm
from reports.models import AgencyFigures, IssuedReport, ReportDraft, new_agency_figures
from reports.rendering import render_document_html
from tips.queries import years_with_tips

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _district():
    profile = CommitteeProfile.current()
    return profile.district if profile else None


def _file_response(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    slug = fold(name).replace(" ", "-").replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{slug}.{fmt}"'
    return response


def _check_format(fmt: str) -> None:
    if fmt not in CONTENT_TYPES:
        raise Http404


@require_GET
@login_required
def report_index(request):
    issued_policy.require_role(request.user, issued_policy.view_roles)
    issued = issued_policy.visible(request.user, IssuedReport.objects.by_year())
    drafts = draft_policy.visible(
        request.user, ReportDraft.objects.filter(is_issued=False).select_related("unit")
    )
    may_create = has_role(request.user, Role.SECRETARIAT)
    return render(
        request,
        "reports/index.html",
        {
            "issued": issued,
            "drafts": drafts,
            "form": DraftCreateForm(district=_district()) if may_create else None,
            "commune_links": _commune_links(request.user),
            "agency_links": _agency_links() if may_create else [],
        },
    )


def _agency_links():
    """A link per year to the first commune that existed in that year (one query for all)."""
    communes = list(AdministrativeUnit.objects.communes().order_by("kind", "name"))
    year = timezone.localdate().year
    entered = AgencyFigures.objects.values_list("year", flat=True).distinct()
    links = []
    for y in sorted({*entered, year - 1, year}, reverse=True):
        first = next(
            (c for c in communes if c.existed_between(dt.date(y, 1, 1), dt.date(y, 12, 31))), None
        )
        if first is not None:
            links.append((y, first))
    return links


def _commune_links(user):
    """Per-commune reports of every year that has tips, and of the last two years, for the
    communes the user may read: each year that the district's reports compare can be read
    commune by commune (issue 16), not only the latest two."""
    communes = commune_report_policy.visible(user, AdministrativeUnit.objects.communes())
    this_year = timezone.localdate().year
    recorded = (y for y in years_with_tips() if EARLIEST_YEAR <= y <= this_year)
    years = sorted({*recorded, this_year - 1, this_year})
    return [(c, years) for c in communes.order_by("kind", "name")]


@require_POST
@login_required
def draft_create(request):
    draft_policy.require_role(request.user, draft_policy.change_roles)
    form = DraftCreateForm(request.POST, district=_district())
    if form.is_valid():
        claimed = claimed_object_key(form.cleaned_data["submission_token"])
        if claimed:
            return redirect("reports:draft_detail", pk=claimed)
        try:
            draft = services.report_draft_create(
                year=form.cleaned_data["year"],
                unit=form.cleaned_data["unit"],
                created_by=request.user,
                submission_token=form.cleaned_data["submission_token"],
            )
        except ValidationError as error:
            # The same form sent twice at once: the other request made the draft.
            if claimed := claimed_object_key(form.cleaned_data["submission_token"]):
                return redirect("reports:draft_detail", pk=claimed)
            messages.error(request, " ".join(error.messages))
            return redirect("reports:index")
        return redirect("reports:draft_edit", pk=draft.pk)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("reports:index")


def _draft_for_view(request, pk):
    return draft_policy.get_for_view(
        request.user, ReportDraft.objects.select_related("unit"), pk=pk
    )


@require_GET
@login_required
def draft_detail(request, pk):
    draft = _draft_for_view(request, pk)
    issued = IssuedReport.objects.filter(draft=draft).select_related("document").first()
    body = issuing_body()
    return render(
        request,
        "reports/draft_detail.html",
        {
            "draft": draft,
            "issued": issued,
            "next_number": None
            if draft.is_issued or body is None
            else next_free_number(body=body, year=services.expected_issue_year(draft)),
            "may_withdraw": issued is not None
            and issued.is_in_force
            and issued.document_id is not None
            and has_role(request.user, Role.CHAIRMAN),
            "may_edit": draft_policy.can_change(request.user, draft) and not draft.is_issued,
            "may_issue": has_role(request.user, Role.CHAIRMAN) and not draft.is_issued,
            "recipients": services.draft_text(draft).recipients,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def draft_edit(request, pk):
    draft = draft_policy.get_for_change(request.user, ReportDraft.objects, pk=pk)
    if draft.is_issued:
        messages.error(request, _("Báo cáo đã ban hành, không sửa được. Hãy tạo dự thảo mới."))
        return redirect("reports:draft_detail", pk=pk)
    form = DraftForm(request.POST or None, instance=draft, initial={"version": draft.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.report_draft_update(
                draft=draft, expected_version=form.cleaned_data["version"], **data
            )
        except EditConflict as conflict:
            return render_conflict(
                request, form=form, current=conflict.current, object_label=str(draft)
            )
        messages.success(request, _("Đã lưu dự thảo."))
        return redirect("reports:draft_detail", pk=pk)
    return render(request, "reports/draft_form.html", {"draft": draft, "form": form})


def _frozen(request, draft) -> HttpResponse | None:
    """An issued draft is no longer rendered: only the frozen files of the issued report exist."""
    if not draft.is_issued:
        return None
    messages.info(request, _("Báo cáo đã ban hành: chỉ tải được các tệp đã ban hành."))
    return redirect("reports:draft_detail", pk=draft.pk)


@require_GET
@login_required
def draft_preview(request, pk):
    draft = _draft_for_view(request, pk)
    if frozen := _frozen(request, draft):
        return frozen
    context = services.report_draft_context(draft=draft)
    back = reverse("reports:draft_detail", kwargs={"pk": pk})
    return HttpResponse(render_document_html({**context, "back_url": back}, for_print=False))


@require_GET
@login_required
def draft_file(request, pk, fmt):
    _check_format(fmt)
    draft = _draft_for_view(request, pk)
    if frozen := _frozen(request, draft):
        return frozen
    # Rendered by the task worker, not here (reports/background.py).
    return background.start(request, kind="draft", pk=draft.pk, year=draft.year, fmt=fmt)


@require_POST
@login_required
def draft_issue(request, pk):
    draft = draft_policy.get_for_view(request.user, ReportDraft.objects, pk=pk)
    draft_policy.require_role(request.user, draft_policy.issue_roles)
    try:
        issued = services.report_issue(draft=draft, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:draft_detail", pk=pk)
    messages.success(request, _("Đã ban hành báo cáo số %(n)s.") % {"n": issued.number})
    return redirect("reports:index")


def _issued_for_chairman(request, pk) -> IssuedReport:
    report = issued_policy.get_for_view(
        request.user, IssuedReport.objects.select_related("unit", "document", "draft"), pk=pk
    )
    if not has_role(request.user, Role.CHAIRMAN):
        raise PermissionDenied
    return report


@require_POST
@login_required
def issued_withdraw(request, pk):
    """Thu hồi, by the chairman, with a reason; the report stays on record, marked."""
    report = _issued_for_chairman(request, pk)
    try:
        services.report_withdraw(
            report=report, user=request.user, reason=request.POST.get("reason")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:draft_detail", pk=report.draft_id)
    messages.success(request, _("Đã thu hồi báo cáo số %(n)s.") % {"n": report.number})
    return redirect("reports:index")


@require_POST
@login_required
def issued_replace(request, pk):
    """Thay thế, by the chairman, with a reason: a new draft that, once issued, replaces it."""
    report = _issued_for_chairman(request, pk)
    try:
        draft = services.report_replace_start(
            report=report, user=request.user, reason=request.POST.get("reason")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:draft_detail", pk=report.draft_id)
    messages.success(
        request,
        _("Đã tạo dự thảo thay thế báo cáo số %(n)s; ban hành dự thảo này để thay thế.")
        % {"n": report.number},
    )
    return redirect("reports:draft_detail", pk=draft.pk)


@require_GET
@login_required
def issued_file(request, pk, fmt):
    """The stored bytes, exactly as issued — never re-rendered."""
    _check_format(fmt)
    report = issued_policy.get_for_view(
        request.user, IssuedReport.objects.select_related("unit"), pk=pk
    )
    response = _file_response(
        bytes(getattr(report, fmt)), fmt, f"bao cao tong ket {report.year} so {report.number}"
    )
    response["X-Content-SHA256"] = getattr(report, f"{fmt}_sha256")
    return response


def _commune_context(request, commune_pk, year):
    return background.commune_context(request.user, commune_pk, year)


@require_GET
@login_required
def commune_report(request, commune_pk, year):
    commune, context = _commune_context(request, commune_pk, year)
    label = _("Báo cáo năm %(year)s — %(commune)s") % {"year": year, "commune": commune}
    extra = {"back_url": reverse("reports:index"), "preview_label": label}
    return HttpResponse(render_document_html({**context, **extra}, for_print=False))


@require_GET
@login_required
def commune_file(request, commune_pk, year, fmt):
    _check_format(fmt)
    commune = commune_report_policy.get_for_view(
        request.user, AdministrativeUnit.objects.communes(), pk=commune_pk
    )
    try:
        report_period(year)
    except ValidationError as error:
        raise Http404(error.messages[0]) from error
    # Rendered by the task worker, not here (reports/background.py).
    return background.start(request, kind="commune", pk=commune.pk, year=year, fmt=fmt)


@require_http_methods(["GET", "POST"])
@login_required
def agency_figures(request, year, commune_pk):
    """The secretariat enters one commune's figures of a year from other agencies."""
    draft_policy.require_role(request.user, draft_policy.change_roles)
    try:
        report_period(year)
    except ValidationError as error:
        raise Http404(error.messages[0]) from error
    commune = commune_report_policy.get_for_view(
        request.user, AdministrativeUnit.objects.communes(), pk=commune_pk
    )
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not commune.existed_between(first, last):
        # No figures of a year for a commune that did not exist in it (AgencyFigures.clean).
        raise Http404(period_error(commune, first=first, last=last, period=f"năm {year}"))
    row = AgencyFigures.objects.filter(year=year, commune=commune).first()
    row = row or new_agency_figures(year=year, commune=commune, entered_by=request.user)
    form = AgencyFiguresForm(request.POST or None, instance=row, initial={"version": row.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_figures_save(
                row=form.instance, by=request.user, expected_version=form.cleaned_data["version"]
            )
        except EditConflict as conflict:
            return render_conflict(
                request, form=form, current=conflict.current, object_label=str(row)
            )
        messages.success(
            request, _("Đã lưu số liệu năm %(y)s của %(c)s.") % {"y": year, "c": commune}
        )
        return redirect("reports:agency_figures", year=year, commune_pk=commune.pk)
    communes = AdministrativeUnit.objects.communes().existing_between(first, last)
    communes = communes.order_by("kind", "name")
    return render(
        request,
        "reports/agency_figures.html",
        {"form": form, "row": row, "year": year, "commune": commune, "communes": communes},
    )
