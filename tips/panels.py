"""Landing-page work lists and the menu badge: what is overdue or due within five days."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138 import caching
from ban138.navigation import bounded_count
from ban138.querysets import first_rows_of_each
from ban138.roles import Role, has_role
from tips.access import tip_policy
from tips.models import Tip, TipState

PANEL_ROWS = 10


def _own(request, queryset):
    """Leaders answer for every tip of their committee; an officer for the tips assigned to
    them."""
    if has_role(request.user, Role.POLICE_LEADER):
        return tip_policy.of_committee(request.user, queryset)
    return queryset.assigned_to(request.user)


BADGE = "tips_badge"


def attention_badge(request) -> int | None:
    """On every page of the menu: cached per user, dropped on any tip write (tips.signals)."""
    return caching.per_user(request, BADGE, _attention_count)


def _attention_count(request) -> int | None:
    return bounded_count(_own(request, Tip.objects.needs_attention(timezone.localdate())))


def work_lists(request) -> dict:
    """The desk's lists, earliest deadline first — read together in one query."""
    today = timezone.localdate()
    tips = tip_policy.of_committee(request.user, Tip.objects.for_list())
    lists = [
        ("overdue", _("Quá hạn giải quyết"), _own(request, tips.overdue(today))),
        ("due_soon", _("Sắp đến hạn (trong 5 ngày)"), _own(request, tips.due_soon(today))),
        ("unassigned", _("Chưa phân công"), tips.unassigned()),
    ]
    if has_role(request.user, Role.POLICE_LEADER):
        lists.append(
            (
                "awaiting",
                _("Đang xác minh — chờ quyết định"),
                tips.filter(state=TipState.VERIFYING),
            )
        )
    if has_role(request.user, Role.OFFICER):
        lists.append(("mine", _("Nguồn tin tôi thụ lý"), tips.open().assigned_to(request.user)))
    heads = first_rows_of_each(
        [(qs.order_by("due_on", "id"), _by_deadline) for _key, _title, qs in lists], PANEL_ROWS
    )
    return {
        "today": today,
        "lists": [(key, title, rows) for (key, title, _qs), rows in zip(lists, heads, strict=True)],
    }


def _by_deadline(tip):
    return (tip.due_on, tip.pk)
