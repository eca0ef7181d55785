from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ban138.models import AdministrativeUnit, CommitteeProfile, OfficialProfile, UnitSuccession
from ban138.roles import Role


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


@admin.register(CommitteeProfile)
class CommitteeProfileAdmin(SimpleHistoryAdmin):
    list_display = ["committee_name", "issuing_authority", "level", "chairman_name"]
    autocomplete_fields = ["district"]
    readonly_fields = ["derived_wording"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "level",
                    "district",
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

    def has_add_permission(self, request):
        # One committee per installation: edit the row, do not add a second.
        return not CommitteeProfile.objects.exists()


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


@admin.register(User)
class Ban138UserAdmin(UserAdmin):
    inlines = [OfficialProfileInline]
