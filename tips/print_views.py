"""Printing the intake desk's forms and the register (tips/printing.py). Every print is a POST
(it writes: a reveal-log row for the forms with the identity, a notice row for the others) and
leaves one audit line; the register is a GET with its period and one audit line."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from ban138 import audit
from ban138.fields import DateField
from ban138.text import nfc
from tips import printing
from tips.access import tip_policy
from tips.models import Tip

MAX_REGISTER_DAYS = 366
FORMATS = {"pdf": (printing.PDF_TYPE, "pdf"), "docx": (printing.DOCX_TYPE, "docx")}


class PrintForm(forms.Form):
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("docx", "Word (DOCX)")], required=False)
    reason = forms.CharField(label=_("Lý do in"), max_length=300, required=False)

    def clean_reason(self):
        return nfc(self.cleaned_data.get("reason") or "").strip()


class RegisterPeriodForm(forms.Form):
    date_from = DateField(label=_("Từ ngày"))
    date_to = DateField(label=_("Đến ngày"))
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("docx", "Word (DOCX)")], initial="pdf")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if start > end:
                self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
            elif (end - start).days >= MAX_REGISTER_DAYS:
                self.add_error("date_to", _("Mỗi lần in tối đa một năm sổ."))
        return cleaned


def _file_response(content: bytes, fmt: str, stem: str) -> HttpResponse:
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def tip_form_print(request, pk, slug):
    tip = tip_policy.get_for_view(
        request.user,
        Tip.objects.select_related("commune", "village", "registered_by", "assigned_to"),
        pk=pk,
    )
    if slug not in printing.FORM_LABELS:
        raise Http404
    form = PrintForm(request.POST)
    if not form.is_valid():
        raise Http404
    identity = None
    if slug in printing.IDENTITY_FORMS:
        if not printing.may_print_identity(request.user, tip):
            printing.log_identity_print(
                tip=tip, by=request.user, form=slug, request=request, refused=True
            )
            raise PermissionDenied
        if not form.cleaned_data["reason"]:
            return render(
                request,
                "tips/forms/reason_needed.html",
                {"tip": tip, "slug": slug, "label": printing.FORM_LABELS[slug]},
                status=400,
            )
        identity, anonymous = printing.identity_of(tip)
    else:
        anonymous = printing.is_anonymous(tip)
    if slug not in printing.forms_for(tip, anonymous=anonymous):
        raise Http404
    document = printing.build(slug, tip, identity)
    fmt = form.cleaned_data["format"] or "pdf"
    content = printing.form_pdf(document) if fmt == "pdf" else printing.form_docx(document)
    if slug in printing.IDENTITY_FORMS:
        printing.log_identity_print(
            tip=tip, by=request.user, form=f"{slug}: {form.cleaned_data['reason']}", request=request
        )
    if slug in printing.NOTICE_OF_FORM:
        printing.record_notice(
            tip=tip, by=request.user, kind=printing.NOTICE_OF_FORM[slug], request=request
        )
    return _file_response(content, fmt, document.file_stem)


@require_GET
@login_required
def register_print(request):
    tip_policy.require_role(request.user, tip_policy.view_roles)
    today = timezone.localdate()
    form = RegisterPeriodForm(
        request.GET or None,
        initial={"date_from": today.replace(day=1), "date_to": today, "format": "pdf"},
    )
    if not form.is_bound or not form.is_valid():
        return render(request, "tips/forms/register_period.html", {"form": form})
    start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    tips = (
        tip_policy.visible(request.user, Tip.objects.all())
        .received_between(start, end)
        .select_related("commune", "village", "registered_by", "assigned_to", "merged_into")
        .order_by("year", "number")
    )
    context = printing.register_context(tips, start, end)
    fmt = form.cleaned_data["format"]
    content = printing.register_pdf(context) if fmt == "pdf" else printing.register_docx(context)
    audit.record(
        "register_printed",
        request=request,
        date_from=start.isoformat(),
        date_to=end.isoformat(),
        rows=len(context["rows"]),
    )
    return _file_response(content, fmt, f"so-tiep-nhan-{start:%Y%m%d}-{end:%Y%m%d}")


def print_panel(request, tip) -> list[dict]:
    """The forms this user can print for ``tip`` (for the detail page)."""
    anonymous = printing.is_anonymous(tip)
    panel = []
    for slug in printing.forms_for(tip, anonymous=anonymous):
        identity = slug in printing.IDENTITY_FORMS
        if identity and not printing.may_print_identity(request.user, tip):
            continue
        panel.append({"slug": slug, "label": printing.FORM_LABELS[slug], "identity": identity})
    return panel
