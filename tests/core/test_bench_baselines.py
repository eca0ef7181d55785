"""The bench's baselines measure what they say: the bare keyset page (bench/views.py) is the
register's first page by hand — the same tips in the same order, cut by the same six streams
(tips.views.priority_streams), so "cold list ≤ 1.5× bare keyset page" compares like with like."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tips.models import OPEN_STATES, Tip

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _ids(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'href="/nguon-tin/(\d+)/"', html)))


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_bare_keyset_page_lists_the_registers_first_page_in_its_order(client_for, leader):
    call_command("generate_data", tips=160, years=1, seed=21, no_progress=True)
    today = timezone.localdate()
    open_tips = Tip.objects.filter(state__in=OPEN_STATES)
    # Urgent tips whose alert is not recorded head the register (issue 14), overdue ones first by
    # deadline: a baseline of three streams by id alone put them elsewhere.
    overdue = open_tips.filter(due_on__lt=today).order_by("id")[:3]
    later = open_tips.filter(due_on__gt=today).order_by("-id")[:2]
    Tip.objects.filter(pk__in=[t.pk for t in [*overdue, *later]]).update(
        urgent=True, urgent_alerted_at=None
    )
    client = client_for(leader)
    register = _ids(client.get("/nguon-tin/").content.decode())
    bare = _ids(client.get("/bench/keyset/").content.decode())
    assert len(register) == 50
    assert bare == register
