"""The per-request repeats that are cached (ban138/caching.py) stay correct: a badge is never
shared between users and moves with the next tip write; the OTP rule moves when the profile is
saved."""

import datetime as dt

from django.utils import timezone

from ban138.models import CommitteeProfile
from ban138.otp import otp_required
from tests.tips.factories import make_tip
from tips.models import Tip


def _badge(client):
    items = client.get("/nguon-tin/").context["menu_items"]
    return next(badge for item, badge in items if item.url_name == "tips:register")


def test_the_tip_badge_moves_with_the_next_tip_write(client_for, officer, leader, son_binh):
    client = client_for(leader)
    assert _badge(client) is None
    tip = make_tip(by=officer, commune=son_binh)
    Tip.objects.filter(pk=tip.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    tip.refresh_from_db()
    tip.save()  # a write through the model, as services do
    assert _badge(client) == 1


def test_badges_are_computed_per_user(client_for, officer, leader, son_binh):
    make_tip(by=officer, commune=son_binh)
    Tip.objects.update(due_on=timezone.localdate())
    # The leader answers for every tip; the officer only for tips assigned to them (none).
    assert _badge(client_for(leader)) == 1
    assert _badge(client_for(officer)) is None


def test_the_otp_rule_follows_the_saved_profile(chairman, district):
    profile = CommitteeProfile.objects.first() or CommitteeProfile(district=district)
    profile.require_otp_chairman = False
    profile.save()
    assert not otp_required(chairman)
    profile.require_otp_chairman = True
    profile.save()
    assert otp_required(chairman)


def test_a_lost_generation_never_brings_back_a_value_cached_before(db):
    """Culled or restarted, the generation starts again from a number never used before, so an
    entry cached under an earlier generation cannot be served as current."""
    from django.core.cache import cache

    from ban138 import caching

    assert caching.shared("probe", lambda: "before") == "before"
    cache.delete("ban138:generation:data")
    assert caching.shared("probe", lambda: "after") == "after"
    caching.bump()
    cache.delete("ban138:generation:data")
    caching.bump()
    assert caching.shared("probe", lambda: "again") == "again"


def test_a_value_computed_before_the_write_commits_is_not_kept(
    django_capture_on_commit_callbacks, officer, son_binh
):
    """Between a write and its commit another request still reads the old rows; what it caches
    then must not outlive the commit."""
    from ban138 import caching

    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        make_tip(by=officer, commune=son_binh)
        assert caching.shared("probe", lambda: "before the commit") == "before the commit"
    for callback in on_commit:
        callback()  # what the commit does
    assert caching.shared("probe", lambda: "after the commit") == "after the commit"
