from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from campaigns.models import Campaign, Outreach, Target, Task, Transition


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["title", "owner", "due_date", "done", "note"]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    readonly_fields = ["from_state", "to_state", "by", "at", "note"]
    can_delete = False


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "plan_date", "start", "end", "state"]
    list_filter = ["state"]
    search_fields = ["number", "title"]
    filter_horizontal = ["communes"]
    inlines = [TargetInline, TaskInline, TransitionInline]


@admin.register(Outreach)
class OutreachAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "commune", "topic", "attendees", "campaign"]
    list_filter = ["commune"]
    list_select_related = ["commune", "campaign"]
