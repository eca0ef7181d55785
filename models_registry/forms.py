from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138.access import scope_of
from ban138.concurrency import SubmissionTokenField, VersionField
from ban138.fields import CountField, DateField
from ban138.forms import CachedModelChoiceField
from ban138.models import VILLAGE_KINDS, AdministrativeUnit
from ban138.succession import area_of
from ban138.text import fold, nfc
from ban138.uploads import validate_upload
from models_registry.models import (
    Figures,
    ModelType,
    OutstandingRecognition,
    SecurityModel,
    Status,
    StatusCheck,
)

# Counts typed as people write them ("1.200"); fractions refused (ban138/fields.py).
FIGURE_FIELD_CLASSES = {name: CountField for name in Figures.FIELDS}


class OptionDataSelect(forms.Select):
    """A select whose options carry a ``data-*`` attribute taken from their object, so the
    page script can hide villages of other communes or camera fields of other types."""

    def __init__(self, *args, data_name: str, data_of, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_name, self.data_of = data_name, data_of

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"][f"data-{self.data_name}"] = self.data_of(instance)
        return option


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.parent.full_name})"


def _bound_date(form, name):
    """The date typed in ``name`` on a bound form (None if absent or not a date)."""
    if not form.is_bound:
        return None
    try:
        return form.fields[name].clean(form.data.get(name))
    except ValidationError:
        return None


class SecurityModelForm(forms.ModelForm):
    class Meta:
        model = SecurityModel
        fields = [
            "name",
            "model_type",
            "commune",
            "village",
            "host_organisation",
            "established_on",
            "decision_number",
            *Figures.FIELDS,
            "description",
        ]
        widgets = {
            "model_type": OptionDataSelect(
                data_name="camera", data_of=lambda t: "1" if t.has_camera_figures else "0"
            ),
            "village": OptionDataSelect(data_name="commune", data_of=lambda v: v.parent_id),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {
            "village": VillageChoiceField,
            "established_on": DateField,
            **FIGURE_FIELD_CLASSES,
        }
        help_texts = {
            "cameras_installed": _("Chỉ với mô hình camera an ninh."),
            "village": _("Để trống nếu mô hình hoạt động trên cả xã."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model_type"].queryset = ModelType.objects.filter(is_active=True)
        # Only the units that existed on the day the model was set up (the 2025 reform); an
        # edited model keeps its own unit among them.
        day = _bound_date(self, "established_on") or self.instance.established_on
        day = day or timezone.localdate()
        communes = AdministrativeUnit.objects.communes().existing_on(day)
        villages = AdministrativeUnit.objects.filter(kind__in=VILLAGE_KINDS, is_active=True)
        villages = villages.existing_on(day)
        if self.instance.pk:
            communes = communes | AdministrativeUnit.objects.filter(pk=self.instance.commune_id)
            villages = villages | AdministrativeUnit.objects.filter(pk=self.instance.village_id)
        self.fields["commune"].queryset = communes.order_by("name")
        self.fields["village"].queryset = villages.select_related("parent")
        self.fields["host_organisation"].queryset = self.fields[
            "host_organisation"
        ].queryset.filter(is_active=True)

    def clean_name(self):
        # Some phone keyboards send decomposed Vietnamese; stored NFC so "Gương sáng" is one name.
        return nfc(self.cleaned_data["name"]).strip()

    def clean_decision_number(self):
        return nfc(self.cleaned_data["decision_number"]).strip()


class SecurityModelCreateForm(SecurityModelForm):
    status = forms.ChoiceField(
        label=_("tình trạng khi lập hồ sơ"), choices=Status.choices, initial=Status.ACTIVE
    )
    submission_token = SubmissionTokenField()


class SecurityModelEditForm(SecurityModelForm):
    version = VersionField()


class StatusCheckForm(forms.ModelForm):
    """The commune official's update form, built for a phone: the date defaults to today, the
    figures start from the model's current ones, and camera fields appear only for camera
    models."""

    submission_token = SubmissionTokenField()

    class Meta:
        model = StatusCheck
        fields = ["checked_on", "status", *Figures.FIELDS, "note", "photo"]
        widgets = {
            "status": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        }
        help_texts = {"photo": _("Ảnh JPEG hoặc PNG, không bắt buộc.")}
        field_classes = {"checked_on": DateField, **FIGURE_FIELD_CLASSES}

    def __init__(self, *args, security_model: SecurityModel, **kwargs):
        kwargs.setdefault("instance", StatusCheck(model=security_model))
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("checked_on", timezone.localdate())
        initial.setdefault("status", security_model.current_status or None)
        for name in Figures.FIELDS:
            initial.setdefault(name, getattr(security_model, name))
        super().__init__(*args, **kwargs)
        # Radio buttons: no "---------" choice; a check always states a status.
        self.fields["status"].choices = Status.choices
        if not security_model.model_type.has_camera_figures:
            del self.fields["cameras_installed"], self.fields["cameras_working"]

    def clean_note(self):
        # NFC so the note reads and searches the same whichever keyboard typed it.
        return nfc(self.cleaned_data["note"]).strip()

    def clean_photo(self):
        # Checked by content: a renamed file must not reach other users' browsers as an image.
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):
            validate_upload(photo, allowed=("jpeg", "png"))
        return photo


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = OutstandingRecognition
        fields = ["year", "decision_number", "decision_date"]
        field_classes = {"decision_date": DateField}

    def __init__(self, *args, security_model: SecurityModel, **kwargs):
        kwargs.setdefault("instance", OutstandingRecognition(model=security_model))
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def clean_year(self):
        # Said here, beside the field, rather than as a database error after the click.
        year = self.cleaned_data["year"]
        if self.instance.model.recognitions.filter(year=year).exists():
            raise forms.ValidationError(_("Mô hình đã được công nhận điển hình trong năm này."))
        return year

    def clean_decision_number(self):
        return nfc(self.cleaned_data["decision_number"]).strip()


class ModelFilterForm(forms.Form):
    """The list's filters (GET). Communes offered are only those in the user's scope."""

    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=200)
    commune = CachedModelChoiceField(
        label=_("Xã / thị trấn"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )
    model_type = CachedModelChoiceField(
        label=_("Loại mô hình"),
        queryset=ModelType.objects.all(),
        required=False,
        empty_label=_("Tất cả"),
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=[("", _("Tất cả")), *Status.choices], required=False
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    outstanding = forms.BooleanField(label=_("Điển hình trong năm"), required=False)
    new = forms.BooleanField(label=_("Thành lập mới trong năm"), required=False)
    quiet = forms.BooleanField(label=_("Lâu chưa cập nhật"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes = AdministrativeUnit.objects.communes().order_by("name")
        self.fields["commune"].queryset = scope_of(user).filter(communes, "pk")

    def clean_q(self):
        # Folded, so "son binh" finds "Sơn Bình" and "guong sang" finds "Gương sáng".
        return fold(nfc(self.cleaned_data["q"]))

    def year_or_current(self) -> int:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("year") or timezone.localdate().year

    def apply(self, queryset, today):
        if not self.is_valid():
            return queryset
        data, year = self.cleaned_data, self.year_or_current()
        if data["q"]:
            queryset = queryset.filter(name_folded__contains=data["q"])
        if data["commune"]:
            # With its predecessors' models, whole or through their villages (docs/REFORM.md).
            queryset = queryset.filter(area_of(data["commune"], on=today).q())
        if data["model_type"]:
            queryset = queryset.filter(model_type=data["model_type"])
        if data["status"]:
            queryset = queryset.filter(current_status=data["status"])
        if data["outstanding"]:
            queryset = queryset.outstanding_in(year)
        if data["new"]:
            queryset = queryset.established_in(year)
        if data["quiet"]:
            queryset = queryset.gone_quiet(today)
        return queryset
