import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ban138.concurrency import SubmissionTokenField, VersionField
from ban138.limits import NARRATIVE_CHARS
from ban138.models import AdministrativeUnit
from ban138.text import nfc
from campaigns.models import Campaign, CommuneResult, Outreach, State, Target, Task
from tips.models import CrimeGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
        widgets = {
            "plan_date": DATE,
            "start": DATE,
            "end": DATE,
            "focus_crime_groups": forms.CheckboxSelectMultiple,
        }
        field_classes = {"focus_crime_groups": PkMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = AdministrativeUnit.objects.communes().order_by("name")
        self.fields["focus_crime_groups"].queryset = CrimeGroup.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        # A plan with no commune would have nothing to count and nobody to carry it out.
        if not data.get("all_communes") and not data.get("communes"):
            self.add_error(
                "communes", _("Chọn các xã, thị trấn tham gia hoặc đánh dấu toàn huyện.")
            )
        return data


class CampaignCreateForm(CampaignForm):
    submission_token = SubmissionTokenField()


class CampaignEditForm(CampaignForm):
    version = VersionField()


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["kind", "commune", "value"]
        localized_fields = ["value"]

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
        help_text=_("Đánh giá kết quả, ưu điểm, hạn chế và bài học kinh nghiệm của đợt."),
    )

    def clean_summary_text(self):
        # NFC so the printed sơ kết and any later search see one spelling of each letter.
        return nfc(self.cleaned_data["summary_text"]).strip()


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "owner", "due_date"]
        widgets = {"due_date": DATE}


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


class SeizedItemForm(forms.Form):
    name = forms.CharField(label=_("Tang vật thu giữ"), max_length=200)
    # Localised: Vietnamese users type "12,5" for twelve and a half.
    quantity = forms.DecimalField(
        label=_("Số lượng"), min_value=0, max_digits=12, decimal_places=2, localize=True
    )
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=40)

    def clean_name(self):
        # Typed on phones whose keyboards may send decomposed letters.
        return nfc(self.cleaned_data["name"]).strip()

    def clean_unit(self):
        return nfc(self.cleaned_data["unit"]).strip()


SeizedItemFormSet = forms.formset_factory(SeizedItemForm, extra=2, can_delete=True)


class OutreachForm(forms.ModelForm):
    submission_token = SubmissionTokenField()

    class Meta:
        model = Outreach
        fields = ["commune", "held_on", "topic", "attendees", "campaign"]
        widgets = {"held_on": DATE}

    def __init__(self, *args, commune_ids, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the user's own communes: a tampered id is an invalid choice, not a wider scope.
        communes = AdministrativeUnit.objects.communes().order_by("name")
        if commune_ids is not None:
            communes = communes.filter(pk__in=commune_ids)
        self.fields["commune"].queryset = communes
        self.fields["campaign"].queryset = campaigns.filter(state=State.APPROVED)
        self.fields["campaign"].required = False
