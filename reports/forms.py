from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138.concurrency import SubmissionTokenField, VersionField
from ban138.documents import issuing_body, number_is_free, parse_number, used_number_message
from ban138.fields import CountField, DateInput, DecimalField
from ban138.limits import EARLIEST_YEAR
from ban138.models import AdministrativeUnit
from ban138.text import nfc
from reports.models import AGENCY_COUNT_FIELDS, AGENCY_SOURCE_FIELDS, AgencyFigures, ReportDraft
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
        fields = [
            "number",
            "document_date",
            "shortcomings",
            "causes",
            "tasks",
            "proposals",
            "target_solved_rate",
            "target_grave_solved_rate",
            "target_tips_settled_rate",
            "targets_source",
            "recipients",
        ]
        field_classes = {
            "target_solved_rate": DecimalField,
            "target_grave_solved_rate": DecimalField,
            "target_tips_settled_rate": DecimalField,
        }
        widgets = {
            "document_date": DateInput(),  # dd/mm/yyyy whatever the browser (ban138/fields.py)
            "shortcomings": forms.Textarea(attrs={"rows": 8}),
            "causes": forms.Textarea(attrs={"rows": 5}),
            "tasks": forms.Textarea(attrs={"rows": 8}),
            "proposals": forms.Textarea(attrs={"rows": 5}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "number": _("Phần số trước dấu gạch chéo, ví dụ 15 → Số: 15/BC-BCĐ138."),
            "shortcomings": _("Văn bản thường; mỗi dòng là một đoạn."),
            "tasks": _("Văn bản thường; mỗi dòng là một đoạn."),
            "causes": _("In trong mục II, sau các tồn tại, hạn chế; mỗi dòng là một đoạn."),
            "proposals": _("In thành mục IV; mỗi dòng là một đoạn."),
            "target_solved_rate": _("Để trống nếu cấp trên không giao chỉ tiêu này."),
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

    def clean_causes(self):
        return nfc(self.cleaned_data["causes"])

    def clean_proposals(self):
        return nfc(self.cleaned_data["proposals"])

    def clean_targets_source(self):
        return nfc(self.cleaned_data["targets_source"]).strip()

    def clean_recipients(self):
        return nfc(self.cleaned_data["recipients"])


class AgencyFiguresForm(forms.ModelForm):
    """One commune's figures of a year from other agencies: counts accept "1.200" and refuse
    fractions (``CountField``), the quantity seized keeps its decimals as typed ("1,25")."""

    version = VersionField()
    # Fines are whole đồng and may pass the 32-bit limit of the other counts.
    sanction_fines = CountField(label=_("Tiền phạt (đồng)"), max_value=2**63 - 1)

    class Meta:
        model = AgencyFigures
        fields = [
            "sanction_cases",
            "sanction_persons",
            "sanction_fines",
            "sanctions_source",
            "drug_cases",
            "drug_persons",
            "drug_seized_grams",
            "drug_users_managed",
            "drug_users_in_rehab",
            "drugs_source",
            "gambling_cases",
            "gambling_persons",
            "prostitution_cases",
            "evils_source",
            "gangs_dismantled",
            "gang_members",
            "gangs_source",
            "safe_units",
            "safe_villages",
            "safe_households",
            "safe_source",
            "commendations_collective",
            "commendations_persons",
            "commendations_source",
        ]
        field_classes = {
            **{name: CountField for name in AGENCY_COUNT_FIELDS if name != "sanction_fines"},
            "drug_seized_grams": DecimalField,
        }

    # Sources are typed free text: NFC so the report prints one spelling of each agency.
    def clean(self):
        cleaned = super().clean()
        for name in AGENCY_SOURCE_FIELDS:
            if cleaned.get(name):
                cleaned[name] = nfc(cleaned[name]).strip()
        if (cleaned.get("drug_users_in_rehab") or 0) > (cleaned.get("drug_users_managed") or 0):
            self.add_error(
                "drug_users_in_rehab",
                _("Số người đang cai nghiện không lớn hơn số người nghiện đang quản lý."),
            )
        return cleaned
