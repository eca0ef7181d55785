"""Forms of the tips app. Text is NFC-normalised before validation: NFD from some keyboards must
not break length checks or search."""

import datetime as dt
import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138.concurrency import SubmissionTokenField, VersionField
from ban138.forms import CachedModelChoiceField
from ban138.models import VILLAGE_KINDS, AdministrativeUnit
from ban138.roles import Role
from ban138.text import nfc, person_name
from ban138.uploads import validate_upload
from tips.models import Case, CrimeGroup, Tip, TipKind, TipState

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several scans or photos at once; each is checked by content and size (ban138.uploads)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        errors = []
        for upload in files:
            try:
                validate_upload(upload)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            errors.append(_("Các thông tin khác vẫn được giữ nguyên; hãy chọn lại tệp hợp lệ."))
            raise ValidationError(errors)
        return files


CHOOSE = _("— Chọn —")


def _nfc_text(form, name):
    return nfc(form.cleaned_data.get(name) or "").strip()


class TipFieldsMixin:
    """Checks shared by the intake and edit forms."""

    text_fields = ("address", "summary")

    def _setup_places(self):
        self.fields["commune"].queryset = AdministrativeUnit.objects.communes().order_by("name")
        self.fields["village"].queryset = AdministrativeUnit.objects.filter(
            kind__in=VILLAGE_KINDS, is_active=True
        ).order_by("name")
        self.fields["crime_group"].queryset = CrimeGroup.objects.filter(is_active=True)
        # "---------" tells an officer nothing; say what the empty choice asks for.
        for name in ("kind", "channel", "commune", "village", "crime_group"):
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = CHOOSE
            else:
                field.choices = [("", CHOOSE), *[c for c in field.choices if c[0] != ""]]
        self.fields["village"].widget.attrs["data-village-select"] = "1"
        self.fields["commune"].widget.attrs["data-commune-select"] = "1"

    def clean_summary(self):
        # NFC first: a summary typed as NFD is ~1.5x longer and would fail the length check.
        value = _nfc_text(self, "summary")
        if len(value) < 10:
            raise ValidationError(_("Hãy tóm tắt nội dung nguồn tin (ít nhất 10 ký tự)."))
        return value

    def clean_address(self):
        return _nfc_text(self, "address")

    # A receipt time in the future and a village of another commune (a tampered POST: the list
    # is filtered in the browser) are refused by Tip.clean(), which this model form runs.


TIP_FIELDS = [
    "kind",
    "channel",
    "received_at",
    "incident_at",
    "incident_time_approximate",
    "commune",
    "village",
    "address",
    "crime_group",
    "summary",
    "urgent",
]
TIP_WIDGETS = {
    "received_at": DateTimeLocalInput(),
    "incident_at": DateTimeLocalInput(),
    "summary": forms.Textarea(attrs={"rows": 4}),
}


class TipIntakeForm(TipFieldsMixin, forms.ModelForm):
    submission_token = SubmissionTokenField()
    informant_anonymous = forms.BooleanField(
        label=_("Người tố giác giấu tên / không rõ danh tính"), required=False
    )
    informant_name = forms.CharField(
        label=_("Họ tên người tố giác, báo tin"), max_length=120, required=False
    )
    informant_id_number = forms.CharField(label=_("Số CCCD / CMND"), max_length=20, required=False)
    informant_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    informant_address = forms.CharField(
        label=_("Địa chỉ người tố giác"), max_length=255, required=False
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm (PDF, JPEG, PNG)"),
        help_text=_("Biên bản tiếp nhận, đơn thư, ảnh chụp. Có thể chọn nhiều tệp."),
    )

    class Meta:
        model = Tip
        fields = TIP_FIELDS
        widgets = TIP_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_places()
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_informant_id_number(self):
        value = _nfc_text(self, "informant_id_number")
        if value and not value.isdigit():
            raise ValidationError(_("Số CCCD / CMND chỉ gồm chữ số."))
        return value

    def clean_informant_name(self):
        return _nfc_text(self, "informant_name")

    def clean_informant_phone(self):
        return _nfc_text(self, "informant_phone")

    def clean_informant_address(self):
        return _nfc_text(self, "informant_address")

    def informant_identity(self) -> dict:
        return {
            key: self.cleaned_data.get(f"informant_{key}", "")
            for key in ("name", "id_number", "phone", "address")
        }


class TipEditForm(TipFieldsMixin, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Tip
        fields = TIP_FIELDS
        widgets = TIP_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_places()
        if not self.is_bound:
            self.initial["version"] = self.instance.version


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean_note(self):
        return _nfc_text(self, "note")


class ProgressForm(NoteForm):
    note = forms.CharField(
        label=_("Nội dung tiến độ xác minh"), widget=forms.Textarea(attrs={"rows": 2})
    )


def officers():
    return (
        get_user_model()
        .objects.filter(groups__name=Role.OFFICER.value, is_active=True)
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


class AssignForm(NoteForm):
    officer = OfficerChoiceField(label=_("Cán bộ thụ lý"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers()
        self.fields["officer"].empty_label = CHOOSE
        self.order_fields(["officer", "note"])


class ExtensionForm(NoteForm):
    months = forms.TypedChoiceField(
        label=_("Thời gian gia hạn"), coerce=int, choices=[(1, _("01 tháng")), (2, _("02 tháng"))]
    )
    number = forms.CharField(label=_("Số quyết định gia hạn của Viện kiểm sát"), max_length=60)
    date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["months", "number", "date", "note"])

    def clean_number(self):
        return _nfc_text(self, "number")


DECISION_CHOICES = [
    (TipState.PROSECUTED.value, TipState.PROSECUTED.label),
    (TipState.NOT_PROSECUTED.value, TipState.NOT_PROSECUTED.label),
    (TipState.SUSPENDED.value, TipState.SUSPENDED.label),
    (TipState.TRANSFERRED.value, TipState.TRANSFERRED.label),
    (TipState.MERGED.value, TipState.MERGED.label),
]


class DecisionForm(NoteForm):
    outcome = forms.ChoiceField(label=_("Quyết định"), choices=DECISION_CHOICES)
    number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    transfer_agency = forms.CharField(
        label=_("Cơ quan có thẩm quyền được chuyển đến (khi chuyển)"),
        max_length=200,
        required=False,
    )
    merged_into = forms.CharField(
        label=_("Số nguồn tin được gộp vào (khi gộp), ví dụ 15/2021"), max_length=20, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["outcome", "number", "date", "transfer_agency", "merged_into", "note"])

    def clean_number(self):
        return _nfc_text(self, "number")

    def clean_transfer_agency(self):
        return _nfc_text(self, "transfer_agency")

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise ValidationError(_("Ngày quyết định không thể ở tương lai."))
        return value

    def clean_merged_into(self):
        raw = _nfc_text(self, "merged_into")
        if not raw:
            return None
        number, _sep, year = raw.partition("/")
        tip = None
        # ASCII digits of a sane length only: "²".isdigit() is true but int("²") fails, and a
        # 25-digit number overflows SQLite's integer (both were 500s, found by fuzzing).
        if re.fullmatch(r"[0-9]{1,9}", number) and re.fullmatch(r"[0-9]{1,4}", year):
            tip = Tip.objects.filter(number=int(number), year=int(year)).first()
        if tip is None:
            raise ValidationError(_("Không tìm thấy nguồn tin số “%(n)s”.") % {"n": raw})
        return tip


class ResumeForm(NoteForm):
    number = forms.CharField(label=_("Số quyết định phục hồi"), max_length=60)
    date = forms.DateField(label=_("Ngày quyết định phục hồi"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["number", "date", "note"])


class AttachmentForm(forms.Form):
    attachments = MultipleFileField(label=_("Thêm tệp đính kèm (PDF, JPEG, PNG)"), required=True)


class CaseForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Case
        fields = ["number", "suspects", "arrested", "solved_on", "note"]
        widgets = {"solved_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_number(self):
        return _nfc_text(self, "number")

    def clean_note(self):
        return _nfc_text(self, "note")


class TipFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo số, nội dung, địa chỉ, xã, thôn"),
        required=False,
        max_length=200,
        help_text=_("Ví dụ: 49/2026, 49, “son binh”, số quyết định."),
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả")), *TipKind.choices]
    )
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *TipState.choices]
    )
    crime_group = CachedModelChoiceField(
        label=_("Nhóm tội phạm"), required=False, queryset=None, empty_label=_("Tất cả")
    )
    commune = CachedModelChoiceField(
        label=_("Xã / thị trấn"), required=False, queryset=None, empty_label=_("Tất cả")
    )
    date_from = forms.DateField(label=_("Tiếp nhận từ ngày"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("đến ngày"), required=False, widget=DateInput())
    officer = forms.TypedChoiceField(
        label=_("Cán bộ thụ lý"), required=False, coerce=int, empty_value=None, choices=None
    )
    overdue = forms.BooleanField(label=_("Chỉ nguồn tin quá hạn"), required=False)
    mine = forms.BooleanField(label=_("Nguồn tin tôi thụ lý"), required=False)
    in_progress = forms.BooleanField(label=_("Đang giải quyết"), required=False)
    urgent = forms.BooleanField(label=_("Khẩn cấp"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crime_group"].queryset = CrimeGroup.objects.all()
        self.fields["commune"].queryset = AdministrativeUnit.objects.communes().order_by("name")
        self.fields["officer"].choices = _officer_choices

    def clean_q(self):
        from tips.search import MIN_WORD, is_searchable

        value = _nfc_text(self, "q")
        if value and not is_searchable(value):
            # A lone letter would match almost every tip and no index can serve it.
            raise ValidationError(
                _("Nhập ít nhất %(n)s ký tự (chữ hoặc số), hoặc số tiếp nhận như 49/2026.")
                % {"n": MIN_WORD}
            )
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned

    def apply(self, queryset, today, user=None):
        data = self.cleaned_data
        queryset = queryset.search(data["q"]) if data.get("q") else queryset
        for field in ("kind", "state", "crime_group", "commune"):
            if data.get(field):
                queryset = queryset.filter(**{field: data[field]})
        if data.get("officer"):
            queryset = queryset.filter(assigned_to_id=data["officer"])
        if data.get("mine") and user is not None:
            queryset = queryset.assigned_to(user)
        if data.get("in_progress"):
            queryset = queryset.open()
        if data.get("urgent"):
            queryset = queryset.filter(urgent=True)
        if data.get("date_from"):
            queryset = queryset.filter(received_at__gte=_midnight(data["date_from"]))
        if data.get("date_to"):
            queryset = queryset.filter(received_at__lt=_midnight(data["date_to"] + dt.timedelta(1)))
        if data.get("overdue"):
            queryset = queryset.overdue(today)
        return queryset


def _officer_choices():
    """The officers a list can be filtered by: kept for caching.TIMEOUT seconds (accounts are not
    reference data; a new officer shows within a minute), so the filter form costs no query."""
    from ban138 import caching

    return [
        ("", _("Tất cả")),
        *caching.cached(
            "tips:officer-choices",
            lambda: [(user.pk, person_name(user)) for user in officers()],
        ),
    ]


def _midnight(day):
    from tips.models import local_midnight

    return local_midnight(day)
