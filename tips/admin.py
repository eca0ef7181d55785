from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ban138.admin import AppendOnlyAdmin, WorkflowAdmin
from tips import deadlines
from tips.models import Case, CrimeGroup, ExtraDayOff, ExtraWorkingDay, InformantReveal, Tip


@admin.register(CrimeGroup)
class CrimeGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]

    def get_readonly_fields(self, request, obj=None):
        # Reports look groups up by code; renaming a group is fine, changing its code is not.
        return ["code"] if obj else []


@admin.register(ExtraDayOff)
class ExtraDayOffAdmin(SimpleHistoryAdmin):
    list_display = ["date", "note"]


class ExtraWorkingDayForm(forms.ModelForm):
    class Meta:
        model = ExtraWorkingDay
        fields = ["date", "note"]

    def clean_date(self):
        day = self.cleaned_data["date"]
        if not deadlines.day_off_predicate()(day):
            raise forms.ValidationError(
                _(
                    "Ngày %(d)s vốn là ngày làm việc; chỉ ghi ở đây một ngày lễ trong lịch muốn bỏ "
                    "hoặc một ngày thứ Bảy, Chủ nhật làm bù."
                )
                % {"d": f"{day:%d/%m/%Y}"}
            )
        return day


@admin.register(ExtraWorkingDay)
class ExtraWorkingDayAdmin(SimpleHistoryAdmin):
    """A listed public holiday that is worked this year, or a make-up working Saturday/Sunday."""

    form = ExtraWorkingDayForm
    list_display = ["date", "note"]


@admin.register(Tip)
class TipAdmin(WorkflowAdmin):
    """Read-only: tips change through the app's workflow, which records every step."""

    list_display = ["__str__", "received_at", "commune", "crime_group", "state", "due_on"]
    list_filter = ["state", "kind", "crime_group"]
    fields = [
        "kind",
        "channel",
        "received_at",
        "commune",
        "crime_group",
        "summary",
        "state",
        "assigned_to",
        "due_on",
        "decision_number",
        "decision_date",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(WorkflowAdmin):
    list_display = ["number", "opened_on", "crime_group", "suspects", "arrested", "solved_on"]
    fields = [
        "tip",
        "number",
        "crime_group",
        "opened_on",
        "suspects",
        "arrested",
        "solved_on",
        "note",
    ]
    # The tip a case belongs to is set by the khởi tố decision (tips.services.tip_decide).
    workflow_fields = ("tip",)


@admin.register(InformantReveal)
class InformantRevealAdmin(AppendOnlyAdmin):
    list_display = ["at", "username", "tip"]
    readonly_fields = ["at", "user", "username", "tip"]
