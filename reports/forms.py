from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138.concurrency import SubmissionTokenField, VersionField
from ban138.documents import issuing_body, number_is_free, parse_number, used_number_message
from ban138.fields import DateInput
from ban138.limits import EARLIEST_YEAR
from ban138.models import AdministrativeUnit
from ban138.text import nfc
from reports.models import AgencyFigures, ReportDraft
from reports.services import NARRATIVE_LIMITS


class DraftCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Năm báo cáo"), min_value=EARLIEST_YEAR)
    unit = forms.ModelChoiceField(
        label=_("Địa bàn"), queryset=AdministrativeUnit.objects.none(), empty_label=None
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args, district=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = AdministrativeUnit.objects.communes()
        if district is not None:
            units = AdministrativeUnit.objects.filter(pk=district.pk) | units
        self.fields["unit"].queryset = units.order_by("kind", "name")
        self.fields["year"].initial = timezone.localdate().year - 1

    def clean_year(self):
        # A report covers a year that has begun: a future year has nothing to report yet.
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Năm %(year)s chưa diễn ra.") % {"year": year})
        return year


class DraftForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = ReportDraft
        fields = ["number", "document_date", "shortcomings", "tasks", "recipients"]
        widgets = {
            "document_date": DateInput(),  # dd/mm/yyyy whatever the browser (ban138/fields.py)
            "shortcomings": forms.Textarea(attrs={"rows": 8}),
            "tasks": forms.Textarea(attrs={"rows": 8}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "number": _("Phần số trước dấu gạch chéo, ví dụ 15 → Số: 15/BC-BCĐ138."),
            "shortcomings": _("Văn bản thường; mỗi dòng là một đoạn."),
            "tasks": _("Văn bản thường; mỗi dòng là một đoạn."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Issue 15.11: each narrative section is bounded (ban138.limits), so is the PDF.
        for name, limit in NARRATIVE_LIMITS.items():
            self.fields[name].max_length = limit
            self.fields[name].validators.append(MaxLengthValidator(limit))
            self.fields[name].widget.attrs["maxlength"] = str(limit)

    # Text arrives from many keyboards; stored in NFC so the PDF and searches see one spelling.
    def clean_number(self):
        number = nfc(self.cleaned_data["number"]).strip()
        if "/" in number:
            raise forms.ValidationError(_("Chỉ nhập phần số, ký hiệu được thêm tự động."))
        if number and parse_number(number) is None:
            raise forms.ValidationError(_("Số văn bản là một số nguyên dương, ví dụ 15."))
        return number

    def clean(self):
        # A number already in the sổ văn bản đi is refused now, not only when the chairman issues.
        cleaned = super().clean()
        number = parse_number(cleaned.get("number") or "")
        body = issuing_body()
        if number is None or body is None:
            return cleaned
        day = cleaned.get("document_date")
        year = day.year if day else self.instance.year + 1
        if not number_is_free(body=body, year=year, number=number):
            self.add_error("number", used_number_message(body=body, year=year, number=number))
        return cleaned

    def clean_shortcomings(self):
        return nfc(self.cleaned_data["shortcomings"])

    def clean_tasks(self):
        return nfc(self.cleaned_data["tasks"])

    def clean_recipients(self):
        return nfc(self.cleaned_data["recipients"])


class AgencyFiguresForm(forms.ModelForm):
    """One commune's figures of a year from other agencies. Counts are plain integer fields for
    now (the core field that accepts "1.200" replaces them when it lands)."""

    version = VersionField()

    class Meta:
        model = AgencyFigures
        fields = [
            "sanction_cases",
            "sanction_persons",
            "sanction_fines",
            "sanctions_source",
            "drug_users_managed",
            "drug_users_in_rehab",
            "drugs_source",
            "safe_villages",
            "safe_households",
            "safe_source",
            "commendations_collective",
            "commendations_persons",
            "commendations_source",
        ]

    # Sources are typed free text: NFC so the report prints one spelling of each agency.
    def clean(self):
        cleaned = super().clean()
        for name in ("sanctions_source", "drugs_source", "safe_source", "commendations_source"):
            if cleaned.get(name):
                cleaned[name] = nfc(cleaned[name]).strip()
        if (cleaned.get("drug_users_in_rehab") or 0) > (cleaned.get("drug_users_managed") or 0):
            self.add_error(
                "drug_users_in_rehab",
                _("Số người đang cai nghiện không lớn hơn số người nghiện đang quản lý."),
            )
        return cleaned
