"""Pages of the registry. Every object is fetched through the policies in access.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ban138.access import scope_of
from ban138.concurrency import EditConflict, claimed_object_key, render_conflict
from ban138.uploads import sniff
from models_registry import services
from models_registry.access import check_policy, model_policy, photo_policy
from models_registry.exports import models_xlsx
from models_registry.forms import (
    ModelFilterForm,
    RecognitionForm,
    SecurityModelCreateForm,
    SecurityModelEditForm,
    StatusCheckForm,
)
from models_registry.models import OutstandingRecognition, SecurityModel, Status, StatusCheck
from models_registry.queries import movement_with_communes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request):
    """The list's rows for this user and these filters, with what each row shows preloaded."""
    model_policy.require_role(request.user, model_policy.view_roles)
    form = ModelFilterForm(request.GET or None, user=request.user)
    today = timezone.localdate()
    models = form.apply(SecurityModel.objects.visible_to(request.user).with_related(), today)
    recognitions = Prefetch("recognitions", OutstandingRecognition.objects.order_by("year"))
    return form, models.prefetch_related(recognitions), today


PAGE_SIZE = 100


@require_GET
@login_required
def model_list(request):
    form, models, today = _filtered(request)
    # A district has dozens of models, a province thousands: 100 a page (the table is small, so
    # the paginator's COUNT is cheap; the export still holds every row).
    page = Paginator(models, PAGE_SIZE).get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "models_registry/model_list.html",
        {
            "form": form,
            "models": page.object_list,
            "page": page,
            "page_query": params.urlencode(),
            "today": today,
            "can_create": model_policy.may_create(request.user),
            "export_query": request.GET.urlencode(),
        },
    )


@require_GET
@login_required
def model_export(request):
    _form, models, today = _filtered(request)
    response = HttpResponse(models_xlsx(models, today=today), content_type=XLSX)
    filename = f"mo-hinh-tu-quan-ANTT-{today:%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def summary(request):
    model_policy.require_role(request.user, model_policy.view_roles)
    form = ModelFilterForm(request.GET or None, user=request.user)
    year, scope = form.year_or_current(), scope_of(request.user)
    commune_ids = scope.unit_ids
    totals, by_commune = movement_with_communes(year=year, commune_ids=commune_ids)
    communes = {c.pk: c for c in form.fields["commune"].rows()}
    return render(
        request,
        "models_registry/summary.html",
        {
            "year": year,
            "form": form,
            "totals": totals,
            "rows": [(communes[pk], figures) for pk, figures in by_commune.items()],
            "statuses": Status.choices,
            "type_names": {t.code: t.name for t in form.fields["model_type"].rows()},
        },
    )


@require_GET
@login_required
def model_detail(request, pk):
    model = model_policy.get_for_view(request.user, SecurityModel.objects.with_related(), pk=pk)
    checks = model.checks.select_related("recorded_by")
    return render(
        request,
        "models_registry/model_detail.html",
        {
            "model": model,
            "checks": checks,
            "recognitions": model.recognitions.all(),
            "quiet": model.is_quiet(timezone.localdate()),
            "can_edit": model_policy.can_change(request.user, model),
            "can_check": check_policy.can_change(request.user, model),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def model_create(request):
    model_policy.require_role(request.user, model_policy.change_roles)
    form = SecurityModelCreateForm(request.POST or None)
    if request.method == "POST":
        done = claimed_object_key(request.POST.get("submission_token"))
        if done:
            return redirect("models_registry:detail", pk=done)
        if form.is_valid():
            return _register(request, form)
    return render(request, "models_registry/model_form.html", {"form": form, "creating": True})


def _register(request, form):
    try:
        model = services.model_register(
            model=form.save(commit=False),
            status=form.cleaned_data["status"],
            by=request.user,
            token=form.cleaned_data["submission_token"],
        )
    except services.AlreadySubmitted:
        done = claimed_object_key(form.cleaned_data["submission_token"])
        return redirect("models_registry:detail", pk=done)
    messages.success(request, _("Đã lập hồ sơ mô hình “%(name)s”.") % {"name": model.name})
    return redirect("models_registry:detail", pk=model.pk)


@require_http_methods(["GET", "POST"])
@login_required
def model_update(request, pk):
    model = model_policy.get_for_change(request.user, SecurityModel.objects.with_related(), pk=pk)
    form = SecurityModelEditForm(
        request.POST or None, instance=model, initial={"version": model.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.model_update(
                model=form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except EditConflict as conflict:
            return render_conflict(
                request, form=form, current=conflict.current, object_label=model.name
            )
        messages.success(request, _("Đã lưu thay đổi."))
        return redirect("models_registry:detail", pk=model.pk)
    context = {"form": form, "model": model, "creating": False}
    return render(request, "models_registry/model_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def check_create(request, pk):
    model = check_policy.get_for_change(request.user, SecurityModel.objects.with_related(), pk=pk)
    form = StatusCheckForm(request.POST or None, request.FILES or None, security_model=model)
    if request.method == "POST":
        if claimed_object_key(request.POST.get("submission_token")):
            return redirect("models_registry:detail", pk=model.pk)
        if form.is_valid():
            try:
                services.model_record_check(
                    model=model,
                    check=form.save(commit=False),
                    by=request.user,
                    token=form.cleaned_data["submission_token"],
                )
            except services.AlreadySubmitted:
                return redirect("models_registry:detail", pk=model.pk)
            messages.success(request, _("Đã ghi nhận tình trạng mô hình."))
            return redirect("models_registry:detail", pk=model.pk)
    return render(request, "models_registry/check_form.html", {"form": form, "model": model})


@require_http_methods(["GET", "POST"])
@login_required
def recognition_create(request, pk):
    model = model_policy.get_for_change(request.user, SecurityModel.objects.with_related(), pk=pk)
    form = RecognitionForm(request.POST or None, security_model=model)
    if request.method == "POST" and form.is_valid():
        services.recognition_add(model=model, **form.cleaned_data)
        messages.success(request, _("Đã ghi nhận mô hình điển hình."))
        return redirect("models_registry:detail", pk=model.pk)
    return render(request, "models_registry/recognition_form.html", {"form": form, "model": model})


@require_GET
@login_required
def check_photo(request, pk):
    """The photo of a check, only to those who may see its model; never from a public URL."""
    check = photo_policy.get_for_view(
        request.user, StatusCheck.objects.select_related("model"), pk=pk
    )
    if not check.photo:
        raise Http404
    handle = check.photo.open("rb")
    kind = sniff(handle)
    content_type = {"jpeg": "image/jpeg", "png": "image/png"}.get(kind)
    if content_type is None:
        raise Http404
    return FileResponse(handle, content_type=content_type)
