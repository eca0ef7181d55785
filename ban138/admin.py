from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from ban138.models import (
    AdministrativeUnit,
    CommitteeMembership,
    CommitteeProfile,
    OfficialProfile,
    OutgoingDocument,
    ReceivingBody,
    UnitSuccession,
)
from ban138.roles import Role


class WorkflowAdmin(SimpleHistoryAdmin):
    """Admin of a model whose life the application's workflow owns (a tip, a case, a campaign,
    a security model). History is shown but never reverted: a revert would rewrite the state,
    the officer and the version without a workflow step and defeat the version check (issue
    15.6). ``workflow_fields`` are always read-only here; what stays editable is saved with the
    version moved on, so a form opened in the application before the admin's change gets the
    conflict page instead of overwriting it."""

    workflow_fields: tuple[str, ...] = ()

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in self.workflow_fields if f not in fields]

    def save_model(self, request, obj, form, change):
        if change and hasattr(obj, "version"):
            obj.version += 1
        super().save_model(request, obj, form, change)


class AppendOnlyAdmin(admin.ModelAdmin):
    """An audit record: listed and read, never added, changed or deleted here — not even by a
    superuser (issue 15.7). The model refuses it too (ban138.models.AppendOnlyModel)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "code", "established_on", "dissolved_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


class UnitSuccessionForm(forms.ModelForm):
    class Meta:
        model = UnitSuccession
        fields = ["successor", "predecessor", "effective_date", "resolution", "whole", "villages"]

    def clean(self):
        cleaned = super().clean()
        # The villages are an M2M, saved after the row: hand them to the model's validation
        # (ban138.succession.validate_succession) so a wrong village is refused before saving.
        self.instance._pending_villages = list(cleaned.get("villages") or [])
        return cleaned


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(SimpleHistoryAdmin):
    form = UnitSuccessionForm
    list_display = ["successor", "predecessor", "effective_date", "resolution", "whole"]
    list_filter = ["effective_date", "whole"]
    search_fields = ["successor__name", "predecessor__name", "resolution"]
    autocomplete_fields = ["successor", "predecessor", "villages"]
    list_select_related = ["successor", "predecessor"]


class ReceivingBodyInline(admin.TabularInline):
    model = ReceivingBody
    extra = 0


@admin.register(CommitteeProfile)
class CommitteeProfileAdmin(SimpleHistoryAdmin):
    list_display = ["committee_name", "issuing_authority", "level", "parent", "chairman_name"]
    autocomplete_fields = ["district", "parent"]
    search_fields = ["district__name", "committee_name"]
    inlines = [ReceivingBodyInline]
    readonly_fields = ["derived_wording"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "level",
                    "district",
                    "parent",
                    "committee_name",
                    "derived_wording",
                    "chairman_name",
                    "chairman_title",
                    "report_number_suffix",
                ]
            },
        ),
        (
            _("Bảo mật đăng nhập"),
            {"fields": ["require_otp_police_leaders", "require_otp_chairman", "require_otp_staff"]},
        ),
    ]

    @admin.display(description=_("trên văn bản"))
    def derived_wording(self, obj):
        if obj is None or not obj.district_id:
            return _("Hiện sau khi lưu cấp và địa bàn.")
        w = obj.wording
        return " · ".join(
            [*w.letterhead_lines, w.standing_agency_full, w.area_phrase, obj.signatory_title]
        )


class OfficialProfileFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The user's groups arrive in the same POST as this inline; a commune official with no
        # commune would see nothing at best, so the admin refuses to save one.
        group = Group.objects.filter(name=Role.COMMUNE_OFFICIAL).first()
        chosen = set(self.data.getlist("groups"))
        if group is None or str(group.pk) not in chosen:
            return
        bound = [
            f
            for f in self.forms
            if f.cleaned_data.get("commune") and not f.cleaned_data.get("DELETE")
        ]
        if not bound:
            raise ValidationError(
                _("Người dùng thuộc nhóm Cán bộ xã phải được gắn với đúng một xã / thị trấn.")
            )


class OfficialProfileInline(admin.StackedInline):
    model = OfficialProfile
    formset = OfficialProfileFormSet
    can_delete = True
    max_num = 1
    autocomplete_fields = ["commune"]


admin.site.unregister(User)


class CommitteeMembershipInline(admin.StackedInline):
    model = CommitteeMembership
    can_delete = True
    max_num = 1
    autocomplete_fields = ["committee"]


@admin.register(User)
class Ban138UserAdmin(UserAdmin):
    inlines = [CommitteeMembershipInline, OfficialProfileInline]


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(SimpleHistoryAdmin):
    """The register is read here; numbers are given only by ban138.documents (never typed in the
    admin), so a used number cannot slip in past the Vietnamese refusal."""

    list_display = ["year", "number", "symbol", "title", "document_date", "status"]
    list_filter = ["year", "kind", "status"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
class TOTPDeviceVietnameseAdmin(TOTPDeviceAdmin):
    """django-otp's admin with its section titles, help texts and columns in Vietnamese (the
    package writes them as plain English strings; field names are set in ban138/vendor_apps)."""

    SECTIONS = {
        "Identity": _("Thiết bị"),
        "Timestamps": _("Thời điểm"),
        "Configuration": _("Cấu hình"),
        "State": _("Trạng thái"),
        "Throttling": _("Chặn khi nhập sai"),
    }
    HELP = {
        "user": _("Người dùng sở hữu thiết bị này."),
        "name": _("Tên dễ nhận biết của thiết bị, ví dụ “Điện thoại của đồng chí Sơn”."),
        "confirmed": _("Thiết bị đã sẵn sàng để dùng."),
        "key": _("Khóa bí mật dạng hex, tối đa 40 byte."),
        "step": _("Số giây của mỗi bước thời gian."),
        "t0": _("Thời điểm Unix bắt đầu đếm bước."),
        "digits": _("Số chữ số của mỗi mã."),
        "tolerance": _("Số bước thời gian trước hoặc sau được chấp nhận."),
        "drift": _("Số bước mà đồng hồ của thiết bị được biết là lệch so với máy chủ."),
        "throttling_failure_timestamp": _(
            "Thời điểm nhập sai gần nhất; để trống là không bị chặn."
        ),
        "throttling_failure_count": _("Số lần nhập sai liên tiếp."),
    }

    # The package's two time stamps carry English help texts from the model; shown through
    # these instead (a model field's help text cannot change without a migration of theirs).
    TIMESTAMPS = {"created_at": "created", "last_used_at": "last_used"}
    readonly_fields = ["created", "last_used", "qrcode_link"]

    def get_fieldsets(self, request, obj=None):
        return [
            (
                self.SECTIONS.get(title, title),
                {
                    **options,
                    "fields": [self.TIMESTAMPS.get(f, f) for f in options["fields"]],
                },
            )
            for title, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description=_("tạo lúc"), empty_value="—")
    def created(self, device):
        return device.created_at

    @admin.display(description=_("dùng lần cuối lúc"), empty_value="—")
    def last_used(self, device):
        return device.last_used_at

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        for name, text in self.HELP.items():
            if name in form.base_fields:
                form.base_fields[name].help_text = text
        return form

    @admin.display(description=_("Mã QR"))
    def qrcode_link(self, device):
        return super().qrcode_link(device)


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceVietnameseAdmin)
