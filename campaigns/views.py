"""Campaign pages. Function views, each fetching through a policy in campaigns/access.py."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ban138.access import scope_of
from ban138.committee import current_wording
from ban138.concurrency import EditConflict, claimed_object_key, render_conflict
from ban138.models import AdministrativeUnit, CommitteeProfile
from ban138.roles import roles_of
from campaigns import services
from campaigns.access import RUNNERS, campaign_policy, figures_policy, task_policy
from campaigns.forms import (
    CampaignCreateForm,
    CampaignEditForm,
    CloseForm,
    CommuneResultForm,
    OutreachForm,
    SeizedItemFormSet,
    TargetForm,
    TaskForm,
    TaskUpdateForm,
)
from campaigns.models import (
    Campaign,
    CommuneResult,
    DisplayState,
    Outreach,
    SeizedItem,
    State,
    Target,
    Task,
)
from campaigns.results import campaign_results

GET_POST = require_http_methods(["GET", "POST"])


def _campaigns():
    return Campaign.objects.prefetch_related("communes")


def _detail_qs():
    return Campaign.objects.select_related("created_by").prefetch_related(
        "communes",
        "focus_crime_groups",
        Prefetch("targets", Target.objects.select_related("commune")),
    )


def _refuse(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, keeping what the user typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_GET
@login_required
def campaign_list(request):
    campaign_policy.require_role(request.user, campaign_policy.view_roles)
    today = timezone.localdate()
    filters = _list_filters(request, today)
    campaigns = campaign_policy.visible(request.user, _campaigns())
    if filters["year"]:
        campaigns = campaigns.in_year(filters["year"])
    if filters["state"]:
        campaigns = campaigns.in_display_state(filters["state"], today)
    if filters["commune"]:
        # A plan names communes, not villages: a new commune's list holds the plans of every
        # unit it was formed from, wholly or in part (docs/REFORM.md).
        units = AdministrativeUnit.objects.with_predecessors(filters["commune"], on=today)
        campaigns = campaigns.including_any(units.values_list("pk", flat=True))
    context = {
        "campaigns": campaigns,
        "today": today,
        "filters": filters,
        "states": DisplayState.choices,
        "years": range(today.year + 1, 2018, -1),
        "communes": _communes_in_scope(request.user),
        "can_create": bool(roles_of(request.user) & campaign_policy.change_roles),
    }
    return render(request, "campaigns/campaign_list.html", context)


def _list_filters(request, today) -> dict:
    def as_int(name):
        value = request.GET.get(name, "")
        # ASCII digits only: "²".isdigit() is true but int("²") raises (a 500).
        return int(value) if re.fullmatch(r"[0-9]{1,9}", value) else None

    state = request.GET.get("state", "")
    year = as_int("year") if "year" in request.GET else today.year
    return {
        "year": year,
        "state": state if state in DisplayState.values else "",
        "commune": as_int("commune"),
    }


def _communes_in_scope(user):
    return scope_of(user).filter(AdministrativeUnit.objects.communes().order_by("name"), "pk")


@GET_POST
@login_required
def campaign_create(request):
    campaign_policy.require_role(request.user, campaign_policy.change_roles)
    form = CampaignCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["submission_token"]
        if key := claimed_object_key(token):
            return redirect("campaigns:detail", pk=int(key))
        try:
            campaign = services.campaign_create(
                campaign=form.save(commit=False),
                communes=form.cleaned_data["communes"],
                focus_crime_groups=form.cleaned_data["focus_crime_groups"],
                by=request.user,
                token=token,
            )
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Đã lưu dự thảo kế hoạch."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form})


@GET_POST
@login_required
def campaign_edit(request, pk):
    campaign = campaign_policy.get_for_change(request.user, _campaigns(), pk=pk)
    if not campaign.is_draft:
        messages.error(request, services.LOCKED)
        return redirect("campaigns:detail", pk=pk)
    form = CampaignEditForm(request.POST or None, instance=campaign)
    form.initial.setdefault("version", campaign.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                campaign=form.instance,
                communes=form.cleaned_data["communes"],
                focus_crime_groups=form.cleaned_data["focus_crime_groups"],
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            label = _("kế hoạch")
            return render_conflict(request, form=form, current=conflict.current, object_label=label)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("campaigns:detail", pk=pk)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@require_GET
@login_required
def campaign_detail(request, pk):
    campaign = campaign_policy.get_for_view(request.user, _detail_qs(), pk=pk)
    today = timezone.localdate()
    context = {
        "campaign": campaign,
        "today": today,
        "state_label": campaign.state_label_on(today),
        "results": campaign_results(campaign, today, scope=scope_of(request.user)),
        "tasks": list(campaign.tasks.all()),
        "transitions": campaign.transitions.all(),
        "outreach": scope_of(request.user).filter(campaign.outreach.select_related("commune")),
        "may": _permissions(request.user, campaign, today),
        "target_form": TargetForm(campaign=campaign) if campaign.is_draft else None,
        "task_form": TaskForm(),
    }
    return render(request, "campaigns/campaign_detail.html", context)


def _permissions(user, campaign: Campaign, today) -> dict:
    roles = roles_of(user)
    scope = scope_of(user)
    approved = campaign.state == State.APPROVED
    enter_roles = figures_policy.change_roles
    return {
        "edit": campaign.is_draft and bool(roles & campaign_policy.change_roles),
        "approve": campaign.is_draft and bool(roles & campaign_policy.approve_roles),
        "close": approved and today >= campaign.start and bool(roles & campaign_policy.close_roles),
        "tasks": not campaign.is_closed and not campaign.is_draft and bool(roles & RUNNERS),
        "enter": approved and bool(roles & enter_roles),
        "enter_commune_ids": scope.unit_ids,
    }


@require_POST
@login_required
def target_add(request, pk):
    campaign = campaign_policy.get_for_change(request.user, _detail_qs(), pk=pk)
    form = TargetForm(request.POST, campaign=campaign)
    if form.is_valid():
        try:
            services.target_set(campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã lưu chỉ tiêu."))
    else:
        _flash_form_errors(request, form)
    return redirect("campaigns:detail", pk=pk)


def _flash_form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


@require_POST
@login_required
def target_delete(request, pk, target_pk):
    campaign = campaign_policy.get_for_change(request.user, _campaigns(), pk=pk)
    target = get_object_or_404(Target, pk=target_pk, campaign=campaign)
    try:
        services.target_delete(target=target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("campaigns:detail", pk=pk)


@require_POST
@login_required
def campaign_approve(request, pk):
    roles = campaign_policy.approve_roles
    campaign = campaign_policy.get_for_roles(request.user, _campaigns(), roles, pk=pk)
    try:
        services.campaign_approve(campaign=campaign, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã phê duyệt kế hoạch."))
    return redirect("campaigns:detail", pk=pk)


@GET_POST
@login_required
def campaign_close(request, pk):
    roles = campaign_policy.close_roles
    campaign = campaign_policy.get_for_roles(request.user, _campaigns(), roles, pk=pk)
    form = CloseForm(
        request.POST or None,
        initial={
            "summary_text": campaign.summary_text,
            "shortcomings_text": campaign.shortcomings_text,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_close(campaign=campaign, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Đã kết thúc đợt cao điểm."))
            return redirect("campaigns:detail", pk=pk)
    return render(request, "campaigns/campaign_close.html", {"form": form, "campaign": campaign})


@require_GET
@login_required
def campaign_report(request, pk):
    """The sơ kết: one printable A4 document with the plan, results against targets and text."""
    campaign = campaign_policy.get_for_view(request.user, _detail_qs(), pk=pk)
    today = timezone.localdate()
    tasks = list(campaign.tasks.all())
    context = {
        "campaign": campaign,
        # The committee's usual Nơi nhận, worded by its level (ban138.committee).
        "recipients": current_wording().recipients,
        "state_label": campaign.state_label_on(today),
        "closed_label": DisplayState.CLOSED.label,
        "results": campaign_results(campaign, today, scope=scope_of(request.user)),
        "tasks": tasks,
        "done_count": sum(task.done for task in tasks),
        "profile": CommitteeProfile.current(),
        **_number_and_date(campaign, today),
    }
    return render(request, "campaigns/campaign_report.html", context)


def _number_and_date(campaign: Campaign, today) -> dict:
    """A closed campaign's sơ kết carries the number and date registered in the sổ văn bản đi
    (the user set the date when closing); one closed before the register existed, the day it
    was closed; an open one, today, with the number left blank."""
    document = services.interim_report_document(campaign) if campaign.is_closed else None
    if document is not None:
        return {"document": document, "report_date": document.document_date}
    closing = campaign.transitions.filter(to_state=State.CLOSED).last()
    return {"document": None, "report_date": timezone.localdate(closing.at) if closing else today}


@require_POST
@login_required
def task_add(request, pk):
    campaign = campaign_policy.get_for_roles(
        request.user, _campaigns(), task_policy.change_roles, pk=pk
    )
    form = TaskForm(request.POST, instance=Task(campaign=campaign))
    if form.is_valid():
        try:
            services.task_add(task=form.instance)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
    else:
        _flash_form_errors(request, form)
    return redirect("campaigns:detail", pk=pk)


@GET_POST
@login_required
def task_update(request, pk):
    task = get_object_or_404(Task.objects.select_related("campaign"), pk=pk)
    campaign_policy.get_for_roles(
        request.user, _campaigns(), task_policy.change_roles, pk=task.campaign_id
    )
    form = TaskUpdateForm(request.POST or None, instance=task, initial={"version": task.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(task=form.instance, expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            label = _("nhiệm vụ")
            return render_conflict(request, form=form, current=conflict.current, object_label=label)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Đã cập nhật nhiệm vụ."))
            return redirect("campaigns:detail", pk=task.campaign_id)
    return render(request, "campaigns/task_form.html", {"form": form, "task": task})


@GET_POST
@login_required
def commune_result_edit(request, pk, commune_pk):
    campaign = campaign_policy.get_for_view(request.user, _campaigns(), pk=pk)
    figures_policy.require_entry(request.user, campaign, commune_pk)
    commune = get_object_or_404(AdministrativeUnit, pk=commune_pk)
    result = CommuneResult.objects.filter(campaign=campaign, commune=commune).first()
    result = result or CommuneResult(campaign=campaign, commune=commune)
    form, items = _result_forms(request, result)
    if request.method == "POST" and form.is_valid() and items.is_valid():
        try:
            _save_result(form, items)
        except EditConflict as conflict:
            label = _("kết quả của xã")
            return render_conflict(request, form=form, current=conflict.current, object_label=label)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Đã lưu kết quả của %(xa)s.") % {"xa": commune.full_name})
            return redirect("campaigns:detail", pk=pk)
    context = {"form": form, "items": items, "campaign": campaign, "commune": commune}
    return render(request, "campaigns/commune_result_form.html", context)


def _result_forms(request, result: CommuneResult):
    data = request.POST or None
    initial_items = (
        [{"name": i.name, "quantity": i.quantity, "unit": i.unit} for i in result.items.all()]
        if result.pk
        else []
    )
    form = CommuneResultForm(data, instance=result, initial={"version": result.version})
    return form, SeizedItemFormSet(data, initial=initial_items, prefix="items")


def _save_result(form, items) -> None:
    kept = [f.cleaned_data for f in items if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    services.commune_result_save(
        result=form.instance,
        items=[SeizedItem(name=d["name"], quantity=d["quantity"], unit=d["unit"]) for d in kept],
        expected_version=form.cleaned_data.get("version"),
    )


@require_GET
@login_required
def outreach_list(request):
    figures_policy.require_role(request.user, figures_policy.view_roles)
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int(raw) if re.fullmatch(r"[0-9]{1,4}", raw) else today.year
    rows = scope_of(request.user).filter(
        Outreach.objects.in_year(year).select_related("commune", "campaign")
    )
    context = {
        "rows": rows,
        "year": year,
        "years": range(today.year, 2018, -1),
        "can_add": bool(roles_of(request.user) & figures_policy.change_roles),
    }
    return render(request, "campaigns/outreach_list.html", context)


@GET_POST
@login_required
def outreach_create(request):
    figures_policy.require_role(request.user, figures_policy.change_roles)
    scope = scope_of(request.user)
    if not scope.everything and not scope.commune_ids:
        raise PermissionDenied
    form = OutreachForm(
        request.POST or None,
        commune_ids=scope.unit_ids,
        campaigns=campaign_policy.visible(request.user, Campaign.objects.all()),
        initial={"campaign": request.GET.get("dot")},
    )
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["submission_token"]
        if claimed_object_key(token):
            return redirect("campaigns:outreach_list")
        try:
            services.outreach_record(outreach=form.instance, by=request.user, token=token)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Đã ghi nhận buổi tuyên truyền."))
            return redirect("campaigns:outreach_list")
    return render(request, "campaigns/outreach_form.html", {"form": form})
