from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ban138.admin import WorkflowAdmin
from campaigns.models import Campaign, Outreach, State, Target, Task, Transition

# What the chairman approved: fixed once the plan leaves the draft state (campaigns.services).
PLAN_FIELDS = (
    "number",
    "plan_date",
    "title",
    "start",
    "end",
    "lead_agency",
    "all_communes",
    "communes",
    "focus_crime_groups",
)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0

    # Targets are part of the approved plan.
    def has_add_permission(self, request, obj=None):
        return obj is None or obj.state == State.DRAFT

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.state == State.DRAFT

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.state == State.DRAFT


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["title", "owner", "due_date", "done", "note"]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    readonly_fields = ["from_state", "to_state", "by", "at", "note"]
    can_delete = False

    # The approval trail is written by the workflow alone.
    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(WorkflowAdmin):
    list_display = ["number", "title", "plan_date", "start", "end", "state"]
    list_filter = ["state"]
    search_fields = ["number", "title"]
    filter_horizontal = ["communes"]
    inlines = [TargetInline, TaskInline, TransitionInline]
    workflow_fields = ("state", "created_by")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.state != State.DRAFT:
            fields += [f for f in PLAN_FIELDS if f not in fields]
        return fields


@admin.register(Outreach)
class OutreachAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "commune", "topic", "attendees", "campaign"]
    list_filter = ["commune"]
    list_select_related = ["commune", "campaign"]
