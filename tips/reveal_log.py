"""The leaders' reveal log: every showing, print and correction of an informant's identity, and
every refused attempt — filtered, and exported as XLSX. The log holds no identity."""

import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from ban138 import audit
from ban138.fields import DateField
from ban138.text import nfc, person_name
from tips.access import leader_policy, tip_policy
from tips.exports import XLSX_TYPE, text_cell
from tips.forms import _midnight
from tips.models import InformantReveal, RevealKind

PAGE_ROWS = 500


class RevealFilterForm(forms.Form):
    username = forms.CharField(label=_("Người xem (tên đăng nhập)"), max_length=150, required=False)
    tip = forms.CharField(
        label=_("Số nguồn tin"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "49/2026"}),
    )
    kind = forms.ChoiceField(
        label=_("Thao tác"), required=False, choices=[("", _("Tất cả")), *RevealKind.choices]
    )
    refused = forms.BooleanField(label=_("Chỉ lượt bị từ chối"), required=False)
    date_from = DateField(label=_("Từ ngày"), required=False)
    date_to = DateField(label=_("Đến ngày"), required=False)

    def clean_username(self):
        return nfc(self.cleaned_data.get("username") or "").strip()

    def clean_tip(self):
        raw = nfc(self.cleaned_data.get("tip") or "").strip()
        if not raw:
            return None
        number, _sep, year = raw.partition("/")
        # ASCII digits of a sane length only (a 25-digit number overflows the integer column).
        if not (number.isascii() and number.isdigit() and len(number) <= 9):
            raise forms.ValidationError(_("Số nguồn tin không hợp lệ (ví dụ 49/2026)."))
        if year and not (year.isascii() and year.isdigit() and len(year) == 4):
            raise forms.ValidationError(_("Số nguồn tin không hợp lệ (ví dụ 49/2026)."))
        return int(number), int(year) if year else None

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("username"):
            queryset = queryset.filter(username__iexact=data["username"])
        if data.get("tip"):
            number, year = data["tip"]
            queryset = queryset.filter(tip__number=number)
            if year:
                queryset = queryset.filter(tip__year=year)
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("refused"):
            queryset = queryset.filter(refused=True)
        if data.get("date_from"):
            queryset = queryset.filter(at__gte=_midnight(data["date_from"]))
        if data.get("date_to"):
            import datetime as dt

            queryset = queryset.filter(at__lt=_midnight(data["date_to"] + dt.timedelta(days=1)))
        return queryset


def _filtered(request):
    form = RevealFilterForm(request.GET or None)
    # The reveals of the leader's own committee's tips only (issue 20.3).
    queryset = tip_policy.of_committee(
        request.user, InformantReveal.objects.select_related("user", "tip"), via="tip__"
    )
    if form.is_bound:
        queryset = form.apply(queryset) if form.is_valid() else queryset.none()
    return form, queryset


@require_GET
@login_required
def reveal_log(request):
    leader_policy.require_role(request.user, leader_policy.view_roles)
    form, queryset = _filtered(request)
    total = queryset.count()
    return render(
        request,
        "tips/reveal_log.html",
        {
            "form": form,
            "reveals": queryset[:PAGE_ROWS],
            "total": total,
            "limit": PAGE_ROWS,
            "query_string": request.GET.urlencode(),
        },
    )


EXPORT_HEADERS = [
    "Thời điểm",
    "Người thực hiện",
    "Tên đăng nhập",
    "Số tiếp nhận",
    "Thao tác",
    "Bị từ chối",
    "Lý do",
    "Thông tin đã sửa",
]


@require_GET
@login_required
def reveal_log_export(request):
    leader_policy.require_role(request.user, leader_policy.view_roles)
    _form, queryset = _filtered(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhật ký")
    sheet.append(EXPORT_HEADERS)
    count = 0
    for row in queryset.iterator(chunk_size=1000):
        count += 1
        at = timezone.localtime(row.at).replace(tzinfo=None)
        sheet.append(
            [
                at,
                text_cell(sheet, person_name(row.user) if row.user else row.username),
                text_cell(sheet, row.username),
                text_cell(sheet, row.tip.register_number),
                row.get_kind_display(),
                "Có" if row.refused else "",
                text_cell(sheet, row.reason),
                text_cell(sheet, row.fields_display),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    audit.record("reveal_log_exported", request=request, rows=count)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="nhat-ky-nguoi-to-giac-{timezone.localdate():%Y%m%d}.xlsx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
