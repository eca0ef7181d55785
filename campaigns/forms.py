import contextlib
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138.committee import current_wording
from ban138.concurrency import SubmissionTokenField, VersionField
from ban138.fields import CountField, DateField, DecimalField
from ban138.limits import NARRATIVE_CHARS
from ban138.models import AdministrativeUnit
from ban138.text import nfc
from campaigns.models import Campaign, CommuneResult, Outreach, State, Target, Task
from tips.queries import active_crime_groups


class PkMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a posted key that is not a small positive integer before it reaches the database:
    a tampered value such as 10**20 raised OverflowError (a 500) on SQLite (found by fuzzing)."""

    def _check_values(self, value):
        for pk in value:
            # ASCII digits only: "²".isdigit() is true, yet int("²") raises (a 500).
            if not re.fullmatch(r"[0-9]{1,10}", str(pk)) or int(pk) > 2**31 - 1:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class CampaignForm(forms.ModelForm):
    communes = PkMultipleChoiceField(
        label=_("Xã, thị trấn tham gia"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Campaign
        fields = [
            "number",
            "plan_date",
            "title",
            "start",
            "end",
            "lead_agency",
            "all_communes",
            "communes",
            "focus_crime_groups",
        ]
        widgets = {"focus_crime_groups": forms.CheckboxSelectMultiple}
        field_classes = {
            "plan_date": DateField,
            "start": DateField,
            "end": DateField,
            "focus_crime_groups": PkMultipleChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Units that exist today (a commune merged in 2025 is no longer offered), those that
        # existed during the plan's period (as posted, else as saved: a late plan of 2024 names
        # the old units), plus those an older plan already names.
        communes = AdministrativeUnit.objects.communes()
        current = communes.existing_on(timezone.localdate())
        period = self._period()
        if period:
            current = current | communes.existing_between(*period)
        if self.instance.pk:
            current = current | communes.filter(campaigns=self.instance)
        self.fields["communes"].queryset = current.distinct().order_by("name")
        self.fields["focus_crime_groups"].queryset = active_crime_groups()
        wording = current_wording()
        self.fields["all_communes"].label = f"{wording.whole_area} ({wording.units_below})"
        if wording.level:
            self.fields["lead_agency"].help_text = _("Ví dụ: %(agency)s") % {
                "agency": wording.standing_agency_full
            }

    def _period(self):
        """(start, end) as posted when both read as dates, else the saved plan's, else None."""
        if self.is_bound:
            try:
                start = self.fields["start"].clean(self.data.get("start"))
                end = self.fields["end"].clean(self.data.get("end"))
            except ValidationError:
                start = end = None
            if start and end and start <= end:
                return start, end
        if self.instance.pk:
            return self.instance.start, self.instance.end
        return None

    def clean(self):
        data = super().clean()
        # A plan with no commune would have nothing to count and nobody to carry it out.
        if not data.get("all_communes") and not data.get("communes"):
            self.add_error(
                "communes",
                _("Chọn các đơn vị tham gia hoặc đánh dấu %(whole)s.")
                % {"whole": current_wording().whole_area},
            )
        start, end = data.get("start"), data.get("end")
        if start and end and data.get("communes"):
            try:
                Campaign(start=start, end=end).check_communes(data["communes"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


class CampaignCreateForm(CampaignForm):
    submission_token = SubmissionTokenField()


class CampaignEditForm(CampaignForm):
    version = VersionField()


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["kind", "commune", "value"]
        # "1.200" or "12,5" as people type them (ban138/fields.py).
        field_classes = {"value": DecimalField}

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the campaign's own communes: a target elsewhere could never be measured.
        self.fields["commune"].queryset = AdministrativeUnit.objects.filter(
            pk__in=campaign.participating_commune_ids()
        ).order_by("name")


class CloseForm(forms.Form):
    summary_text = forms.CharField(
        label=_("Nội dung sơ kết"),
        max_length=NARRATIVE_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Đánh giá kết quả, ưu điểm và bài học kinh nghiệm của đợt."),
    )
    shortcomings_text = forms.CharField(
        label=_("Hạn chế, tồn tại"),
        max_length=NARRATIVE_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Báo cáo tổng kết năm đưa phần này vào mục II (Tồn tại, hạn chế)."),
    )

    report_date = DateField(
        label=_("Ngày báo cáo sơ kết"),
        required=False,
        help_text=_("Ngày ghi trên bản sơ kết; để trống là hôm nay. Số văn bản được cấp tự động."),
    )

    def clean_summary_text(self):
        # NFC so the printed sơ kết and any later search see one spelling of each letter.
        return nfc(self.cleaned_data["summary_text"]).strip()

    def clean_shortcomings_text(self):
        return nfc(self.cleaned_data["shortcomings_text"]).strip()


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "owner", "due_date"]
        field_classes = {"due_date": DateField}


class TaskUpdateForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Task
        fields = ["done", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class CommuneResultForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = CommuneResult
        fields = ["raid_arrests", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"raid_arrests": CountField}


class SeizedItemForm(forms.Form):
    name = forms.CharField(label=_("Tang vật thu giữ"), max_length=200)
    # Vietnamese users type "12,5" for twelve and a half and "1.200" for twelve hundred.
    quantity = DecimalField(label=_("Số lượng"), min_value=0, max_digits=12, decimal_places=2)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=40)

    def clean_name(self):
        # Typed on phones whose keyboards may send decomposed letters.
        return nfc(self.cleaned_data["name"]).strip()

    def clean_unit(self):
        return nfc(self.cleaned_data["unit"]).strip()


# A raid's seizure list has a handful of lines; a form posting more is refused, not built (Django
# would otherwise build up to a thousand forms for a tampered TOTAL_FORMS).
SEIZED_ITEMS_MAX = 50

class BaseSeizedItemFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("Mỗi lần lưu được tối đa %(num)d dòng tang vật."),
    }


SeizedItemFormSet = forms.formset_factory(
    SeizedItemForm,
    formset=BaseSeizedItemFormSet,
    extra=2,
    can_delete=True,
    max_num=SEIZED_ITEMS_MAX,
    absolute_max=SEIZED_ITEMS_MAX,
    validate_max=True,
)


class OutreachForm(forms.ModelForm):
    submission_token = SubmissionTokenField()

    class Meta:
        model = Outreach
        fields = ["commune", "held_on", "topic", "attendees", "campaign"]
        field_classes = {"held_on": DateField, "attendees": CountField}

    def __init__(self, *args, commune_ids, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the user's own communes: a tampered id is an invalid choice, not a wider scope.
        # And only those that existed on the day it was held (the 2025 reform).
        day = timezone.localdate()
        if self.is_bound:
            with contextlib.suppress(ValidationError):  # a bad date is the field's own error
                day = self.fields["held_on"].clean(self.data.get("held_on")) or day
        communes = AdministrativeUnit.objects.communes().existing_on(day).order_by("name")
        if commune_ids is not None:
            communes = communes.filter(pk__in=commune_ids)
        self.fields["commune"].queryset = communes
        self.fields["campaign"].queryset = campaigns.filter(state=State.APPROVED)
        self.fields["campaign"].required = False
