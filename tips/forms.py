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
from ban138.fields import CountField, DateField, DateTimeField
from ban138.filing import filing_errors
from ban138.forms import CachedModelChoiceField
from ban138.limits import NOTE_CHARS
from ban138.models import VILLAGE_KINDS, AdministrativeUnit
from ban138.roles import Role
from ban138.succession import area_of
from ban138.text import nfc, person_name
from ban138.uploads import validate_upload
from tips import informants
from tips.models import Case, CrimeGroup, DocumentKind, Tip, TipDuty, TipKind, TipState
from tips.workflow import NoProsecutionGround, SuspensionGround


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


def document_kind_field():
    # Not required: a POST without it (an older page, a script) files the upload as "khác".
    return forms.TypedChoiceField(
        label=_("Loại tài liệu"),
        choices=DocumentKind.choices,
        initial=DocumentKind.OTHER,
        required=False,
        empty_value=DocumentKind.OTHER,
    )


def identifies_informant_field():
    # Ticked by default: unticking is the officer's deliberate statement that the file names
    # nobody. Biên bản tiếp nhận and đơn thư are protected whatever is ticked (Attachment.clean).
    return forms.BooleanField(
        label=_("Tệp có thông tin nhận biết người tố giác"),
        help_text=_(
            "Chỉ cán bộ thụ lý và lãnh đạo Công an thấy và tải được tệp này. Biên bản tiếp nhận "
            "và đơn thư luôn được bảo vệ như vậy."
        ),
        required=False,
        initial=True,
    )


CHOOSE = _("— Chọn —")


def _nfc_text(form, name):
    return nfc(form.cleaned_data.get(name) or "").strip()


class TipFieldsMixin:
    """Checks shared by the intake and edit forms."""

    text_fields = ("address", "summary")

    def _setup_places(self, day, *, keep=None):
        # Only the units that existed on the tip's day (the 2025 reform: the eight old units until
        # 30/6/2025, the communes formed on 1/7/2025 after); ``keep``: an edited tip's own unit.
        communes = AdministrativeUnit.objects.communes().existing_on(day)
        villages = AdministrativeUnit.objects.filter(kind__in=VILLAGE_KINDS, is_active=True)
        villages = villages.existing_on(day)
        if keep is not None:
            communes = communes | AdministrativeUnit.objects.filter(pk=keep.commune_id)
            villages = villages | AdministrativeUnit.objects.filter(pk=keep.village_id)
        self.fields["commune"].queryset = communes.order_by("name")
        self.fields["village"].queryset = villages.order_by("name")
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

    def clean_sender_agency(self):
        return _nfc_text(self, "sender_agency")

    def clean_sender_document_number(self):
        return _nfc_text(self, "sender_document_number")

    def _warn_identity_in_summary(self, cleaned, identity):
        # The summary is not secret (lists, exports, the report): warn before the identity goes
        # into it. The officer may still keep it after looking (a name can be the point).
        found = informants.identity_in_text(cleaned.get("summary") or "", identity or {})
        if found and not cleaned.get("confirm_identity_in_summary"):
            self.fields["confirm_identity_in_summary"].widget = forms.CheckboxInput()
            self.add_error(
                "summary",
                _(
                    "Tóm tắt có %(what)s của người tố giác. Tóm tắt hiện trong danh sách, tệp "
                    "xuất và báo cáo; thông tin người tố giác phải được bảo mật. Hãy bỏ ra khỏi "
                    "tóm tắt, hoặc đánh dấu ô xác nhận bên dưới nếu vẫn cần giữ."
                )
                % {"what": informants.labels(found)},
            )

    def _check_sender(self, cleaned):
        # Art. 144(1)–(3): a tố giác comes from a person (the secret informant record); a
        # kiến nghị khởi tố is a state agency's written request, so its agency is required; a tin
        # báo may come from an agency, an organisation, the press or a person.
        kind = cleaned.get("kind")
        agency = cleaned.get("sender_agency")
        has_document = cleaned.get("sender_document_number") or cleaned.get("sender_document_date")
        if kind == TipKind.DENUNCIATION and (agency or has_document):
            self.add_error(
                "sender_agency",
                _(
                    "Tố giác là của cá nhân: ghi người tố giác ở phần “Người tố giác”, không ghi "
                    "cơ quan gửi. Nếu do cơ quan, tổ chức báo thì chọn loại “Tin báo”."
                ),
            )
        elif kind == TipKind.PROSECUTION_REQUEST and not agency:
            self.add_error(
                "sender_agency", _("Kiến nghị khởi tố phải ghi cơ quan nhà nước kiến nghị.")
            )
        elif has_document and not agency:
            self.add_error("sender_agency", _("Hãy ghi cơ quan, tổ chức đã gửi văn bản."))

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
    "sender_agency",
    "sender_document_number",
    "sender_document_date",
]
TIP_WIDGETS = {"summary": forms.Textarea(attrs={"rows": 4})}
# dd/mm/yyyy hh:mm whatever the browser's language (ban138/fields.py).
TIP_FIELD_CLASSES = {
    "received_at": DateTimeField,
    "incident_at": DateTimeField,
    "sender_document_date": DateField,
}


def _confirm_field():
    return forms.BooleanField(
        label=_("Tôi đã xem lại: tóm tắt vẫn cần giữ thông tin này"),
        required=False,
        widget=forms.HiddenInput,
    )


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
    attachments_document_kind = document_kind_field()
    attachments_identify_informant = identifies_informant_field()
    confirm_identity_in_summary = _confirm_field()

    class Meta:
        model = Tip
        fields = TIP_FIELDS
        widgets = TIP_WIDGETS
        field_classes = TIP_FIELD_CLASSES

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_places(self._receipt_day())
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def _receipt_day(self):
        """The day the tip was received as typed (a late entry of a tip received before the
        reform offers the units of then), else today."""
        if self.is_bound:
            try:
                moment = self.fields["received_at"].clean(self.data.get("received_at"))
                if moment:
                    return timezone.localdate(moment)
            except (ValidationError, OverflowError, ValueError):
                pass  # the field reports its own error; the choices are today's
        return timezone.localdate()

    def clean_informant_id_number(self):
        return informants.clean_id_number(_nfc_text(self, "informant_id_number"))

    def clean_informant_name(self):
        return _nfc_text(self, "informant_name")

    def clean_informant_phone(self):
        return informants.clean_phone(_nfc_text(self, "informant_phone"))

    def clean(self):
        cleaned = super().clean()
        self._check_sender(cleaned)
        identity = self.informant_identity()
        try:
            informants.check_anonymous(cleaned.get("informant_anonymous"), identity)
        except ValidationError as exc:
            self.add_error("informant_anonymous", exc)
        self._warn_identity_in_summary(cleaned, identity)
        return cleaned

    def clean_informant_address(self):
        return _nfc_text(self, "informant_address")

    def informant_identity(self) -> dict:
        return {
            key: self.cleaned_data.get(f"informant_{key}", "")
            for key in ("name", "id_number", "phone", "address")
        }


class TipEditForm(TipFieldsMixin, forms.ModelForm):
    """The receipt time is not here: it fixes the legal clock and the register year, and changes
    only through a leader's correction step (tips/workflow.py: CORRECT_RECEIPT). A decided tip's
    facts change only with a reason (CORRECT)."""

    version = VersionField()
    reason = forms.CharField(
        label=_("Lý do đính chính (bắt buộc khi nguồn tin đã có quyết định)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm_identity_in_summary = _confirm_field()

    class Meta:
        model = Tip
        fields = [f for f in TIP_FIELDS if f != "received_at"]
        widgets = TIP_WIDGETS
        field_classes = TIP_FIELD_CLASSES

    def __init__(self, *args, identity: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        day = timezone.localdate(self.instance.received_at) if self.instance.received_at else None
        self._setup_places(day or timezone.localdate(), keep=self.instance)
        # The informant's particulars, for the summary warning only (never shown): the view
        # passes them on a POST, never on a GET.
        self.identity = identity
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        if self.instance.pk and not self.instance.is_open:
            self.fields["reason"].required = True
            self.fields["reason"].label = _("Lý do đính chính")

    def clean_reason(self):
        return _nfc_text(self, "reason")

    def clean(self):
        cleaned = super().clean()
        self._check_sender(cleaned)
        if {"commune", "village"} & set(self.changed_data) and cleaned.get("commune"):
            # Moved to another unit: the filing rule of a new tip, on its receipt day.
            errors = filing_errors(
                commune=cleaned["commune"],
                village=cleaned.get("village"),
                day=timezone.localdate(self.instance.received_at),
            )
            for name, message in errors.items():
                if name in self.fields:
                    self.add_error(name, message)
        if "summary" in self.changed_data:
            self._warn_identity_in_summary(cleaned, self.identity)
        return cleaned


class StepForm(forms.Form):
    """A workflow step's form (tips/workflow.py names one per step). It is given the tip, so a
    form can offer what only this tip has (its open notices)."""

    def __init__(self, *args, tip=None, **kwargs):
        self.tip = tip
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required:
                field.widget.attrs["required"] = True


class NoteForm(StepForm):
    note = forms.CharField(
        label=_("Ghi chú"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=NOTE_CHARS,
    )

    def clean_note(self):
        return _nfc_text(self, "note")


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_reason(self):
        return _nfc_text(self, "reason")


class ProgressForm(NoteForm):
    note = forms.CharField(
        label=_("Nội dung tiến độ xác minh"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_CHARS,
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
        if self.tip is not None and not self.is_bound:
            self.initial.setdefault("officer", self.tip.assigned_to_id)
        self.order_fields(["officer", "note"])


class DecisionFieldsForm(NoteForm):
    """Number and date of the decision a step records."""

    number_label = _("Số quyết định")
    date_label = _("Ngày quyết định")
    order = ("number", "date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"] = forms.CharField(label=self.number_label, max_length=60)
        self.fields["date"] = DateField(label=self.date_label)
        self.fields["number"].widget.attrs["required"] = True
        self.fields["date"].widget.attrs["required"] = True
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
        self.order_fields([*self.order, "note"])

    def clean_number(self):
        return _nfc_text(self, "number")


class ExtensionForm(DecisionFieldsForm):
    number_label = _("Số quyết định gia hạn của Viện kiểm sát")
    order = ("months", "number", "date")
    months = forms.TypedChoiceField(
        label=_("Thời gian gia hạn"), coerce=int, choices=[(1, _("01 tháng")), (2, _("02 tháng"))]
    )


class ProsecuteForm(DecisionFieldsForm):
    number_label = _("Số quyết định khởi tố vụ án")
    order = ("number", "date", "case_number")
    case_number = forms.CharField(
        label=_("Số hồ sơ vụ án (nếu khác số quyết định)"), max_length=60, required=False
    )


def _ground_field(choices, label):
    return forms.ChoiceField(label=label, choices=[("", CHOOSE), *choices])


class NotProsecuteForm(DecisionFieldsForm):
    number_label = _("Số quyết định không khởi tố")
    order = ("ground", "number", "date")
    ground = _ground_field(NoProsecutionGround.choices, _("Căn cứ không khởi tố (Điều 157)"))


class SuspendForm(DecisionFieldsForm):
    number_label = _("Số quyết định tạm đình chỉ")
    order = ("ground", "pending", "number", "date")
    ground = _ground_field(SuspensionGround.choices, _("Căn cứ tạm đình chỉ (Điều 148 khoản 1)"))
    pending = forms.CharField(
        label=_("Việc trưng cầu / yêu cầu đã làm mà chưa có kết quả (điểm a, b)"),
        required=False,
        max_length=500,
    )

    def clean_pending(self):
        return _nfc_text(self, "pending")


class TransferForm(DecisionFieldsForm):
    number_label = _("Số văn bản chuyển")
    date_label = _("Ngày chuyển")
    order = ("agency", "number", "date")
    agency = forms.CharField(label=_("Cơ quan có thẩm quyền được chuyển đến"), max_length=200)

    def clean_agency(self):
        return _nfc_text(self, "agency")


class TipNumberField(forms.CharField):
    """A register number typed as "15/2021", of the register ``body_id`` (the tip's own
    receiving body: each body numbers its own register, so "15/2021" of another body is another
    tip, and not this user's to find)."""

    body_id: int | None = None

    def clean(self, value):
        raw = nfc(super().clean(value) or "").strip()
        if not raw:
            return None
        number, _sep, year = raw.partition("/")
        tip = None
        # ASCII digits of a sane length only: "²".isdigit() is true but int("²") fails, and a
        # 25-digit number overflows SQLite's integer (both were 500s, found by fuzzing).
        if re.fullmatch(r"[0-9]{1,9}", number) and re.fullmatch(r"[0-9]{1,4}", year):
            tip = Tip.objects.filter(
                number=int(number), year=int(year), receiving_body_id=self.body_id
            ).first()
        if tip is None:
            raise ValidationError(_("Không tìm thấy nguồn tin số “%(n)s”.") % {"n": raw})
        return tip


class MergeForm(NoteForm):
    merged_into = TipNumberField(label=_("Gộp vào nguồn tin số (ví dụ 15/2021)"), max_length=20)
    date = DateField(label=_("Ngày gộp"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.tip is not None:
            self.fields["merged_into"].body_id = self.tip.receiving_body_id
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
        self.order_fields(["merged_into", "date", "note"])


class ResumeForm(DecisionFieldsForm):
    number_label = _("Số quyết định phục hồi")
    date_label = _("Ngày quyết định phục hồi")


class ProcuracyCancelForm(DecisionFieldsForm):
    number_label = _("Số quyết định hủy bỏ của Viện kiểm sát")
    date_label = _("Ngày quyết định hủy bỏ")
    order = ("number", "date", "received_on")
    received_on = DateField(label=_("Ngày cơ quan điều tra nhận quyết định hủy bỏ"))


class ProcuracyProsecuteForm(DecisionFieldsForm):
    """BLTTHS Art. 153(3)(a): the procuracy's cancellation of the không khởi tố decision and the
    khởi tố decision it issues with it — two decisions, each with its number and date."""

    number_label = _("Số quyết định khởi tố vụ án của Viện kiểm sát")
    date_label = _("Ngày quyết định khởi tố")
    order = ("cancel_number", "cancel_date", "number", "date", "case_number")
    cancel_number = forms.CharField(
        label=_("Số quyết định hủy bỏ quyết định không khởi tố"), max_length=60
    )
    cancel_date = DateField(label=_("Ngày quyết định hủy bỏ"))
    case_number = forms.CharField(
        label=_("Số hồ sơ vụ án (nếu khác số quyết định)"), max_length=60, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancel_number"].widget.attrs["required"] = True
        self.fields["cancel_date"].widget.attrs["required"] = True

    def clean_cancel_number(self):
        return _nfc_text(self, "cancel_number")


class DutyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_kind_display()} — hạn {obj.due_on:%d/%m/%Y}"


class NoticeForm(DecisionFieldsForm):
    number_label = _("Số văn bản đã gửi")
    date_label = _("Ngày gửi")
    order = ("duty", "number", "date")
    duty = DutyChoiceField(label=_("Thông báo / quyết định đã gửi"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        duties = TipDuty.objects.filter(sent_on__isnull=True)
        self.fields["duty"].queryset = duties.filter(tip=self.tip) if self.tip else duties.none()
        self.fields["duty"].empty_label = CHOOSE


class ReceiptCorrectionForm(ReasonForm):
    received_at = DateTimeField(label=_("Thời điểm tiếp nhận đúng"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.tip is not None and not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime(self.tip.received_at))
        self.order_fields(["received_at", "reason"])


class AttachmentForm(forms.Form):
    attachments = MultipleFileField(label=_("Thêm tệp đính kèm (PDF, JPEG, PNG)"), required=True)
    document_kind = document_kind_field()
    identifies_informant = identifies_informant_field()


class CaseForm(forms.ModelForm):
    version = VersionField()
    # Whole đồng, "12.500.000" accepted; a fraud can pass the 32-bit limit of other counts.
    damage = CountField(
        label=_("Thiệt hại tài sản ước tính (đồng)"), max_value=2**63 - 1, required=False
    )

    class Meta:
        model = Case
        fields = [
            "number",
            "severity",
            "suspects",
            "arrested",
            "solved_on",
            "deaths",
            "injuries",
            "damage",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        field_classes = {
            "solved_on": DateField,
            "suspects": CountField,
            "arrested": CountField,
            "deaths": CountField,
            "injuries": CountField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        for name in ("deaths", "injuries"):
            self.fields[name].required = False

    def clean_number(self):
        return _nfc_text(self, "number")

    # Casualties and damage left empty: none known, which the report adds up as nothing.
    def clean_deaths(self):
        return self.cleaned_data.get("deaths") or 0

    def clean_injuries(self):
        return self.cleaned_data.get("injuries") or 0

    def clean_damage(self):
        return self.cleaned_data.get("damage") or 0

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
    date_from = DateField(label=_("Tiếp nhận từ ngày"), required=False)
    date_to = DateField(label=_("đến ngày"), required=False)
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

    def describe(self) -> str:
        """The filters in force, in words, for the export's second row."""
        if not self.is_bound or not self.is_valid():
            return ""
        parts = []
        for name, value in self.cleaned_data.items():
            if value in (None, "", False):
                continue
            field = self.fields[name]
            if hasattr(value, "strftime"):
                shown = value.strftime("%d/%m/%Y")
            elif isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                shown = dict(field.choices).get(value, value)
            elif value is True:
                shown = "có"
            else:
                shown = value
            parts.append(f"{field.label}: {shown}")
        return "; ".join(str(p) for p in parts)

    def apply(self, queryset, today, user=None):
        data = self.cleaned_data
        queryset = queryset.search(data["q"]) if data.get("q") else queryset
        for field in ("kind", "state", "crime_group"):
            if data.get(field):
                queryset = queryset.filter(**{field: data[field]})
        if data.get("commune"):
            # A new commune's list holds its predecessors' tips too, and those of the villages
            # that passed to it in part (docs/REFORM.md); records keep the unit filed under.
            queryset = queryset.filter(area_of(data["commune"], on=today).q())
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
