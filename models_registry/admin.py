from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ban138.admin import WorkflowAdmin
from models_registry.models import (
    HostOrganisation,
    ModelType,
    OutstandingRecognition,
    SecurityModel,
    StatusCheck,
)


@admin.register(ModelType)
class ModelTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "has_camera_figures", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "code"]

    def get_readonly_fields(self, request, obj=None):
        # The code is what reports key on; renaming a type must not change it.
        return ["code"] if obj else []


@admin.register(HostOrganisation)
class HostOrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name"]


class RecognitionInline(admin.TabularInline):
    model = OutstandingRecognition
    extra = 0


@admin.register(SecurityModel)
class SecurityModelAdmin(WorkflowAdmin):
    list_display = ["name", "model_type", "commune", "current_status", "last_checked_on"]
    list_filter = ["model_type", "current_status"]
    search_fields = ["name", "name_folded"]
    list_select_related = ["model_type", "commune"]
    autocomplete_fields = ["commune", "village"]
    # Copied from the latest status check by models_registry.services, never typed here.
    workflow_fields = ("current_status", "last_checked_on")
    inlines = [RecognitionInline]

    def has_add_permission(self, request):
        # Models are registered in the app, which records their first check with them: a model
        # without a check would have no status.
        return False


@admin.register(StatusCheck)
class StatusCheckAdmin(admin.ModelAdmin):
    list_display = ["model", "checked_on", "status", "recorded_by"]
    list_filter = ["status"]
    list_select_related = ["model", "recorded_by"]

    # Checks are history: read in the admin, never rewritten or deleted there (a deleted check
    # would leave the model's current status copied from a check that no longer exists).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
