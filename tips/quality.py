"""The leaders' data-quality page: what the register says that needs a human to fix."""

from django.utils import timezone

from tips.models import Case, Tip, TipDuty
from tips.services import DUPLICATE_SIMILARITY, DUPLICATE_WINDOW_DAYS, similarity

LIMIT = 200


def likely_duplicates(limit=LIMIT, *, user=None):
    """Pairs of open tips of one commune, received within a week, whose summaries read alike,
    plus tips flagged at intake. Open tips are few (they close within months), so this stays
    small. With ``user``: the tips of the user's committee only."""
    mine = _of_committee(user)
    tips = list(
        mine(Tip.objects.open())
        .select_related("commune")
        .order_by("commune_id", "received_at")[:2000]
    )
    pairs = []
    for i, tip in enumerate(tips):
        for other in tips[i + 1 :]:
            if other.commune_id != tip.commune_id:
                break
            if (other.received_at - tip.received_at).days > DUPLICATE_WINDOW_DAYS:
                break
            if similarity(tip.summary, other.summary) >= DUPLICATE_SIMILARITY:
                pairs.append((tip, other))
    flagged = (
        mine(Tip.objects.open())
        .filter(suspected_duplicate_of__isnull=False)
        .select_related("suspected_duplicate_of", "commune")[:limit]
    )
    seen = {(a.pk, b.pk) for a, b in pairs}
    for tip in flagged:
        key = tuple(sorted((tip.suspected_duplicate_of_id, tip.pk)))
        if key not in seen:
            pairs.append((tip.suspected_duplicate_of, tip))
    return pairs[:limit]


def _of_committee(user, via: str = ""):
    """The filter "rows of the user's committee" (ban138/access.py), or none without a user."""
    from tips.access import tip_policy

    if user is None:
        return lambda queryset: queryset
    return lambda queryset: tip_policy.of_committee(user, queryset, via=via)


def quality_report(user=None):
    """The page's lists; with ``user``, of the user's committee's tips only (issue 20.3)."""
    today = timezone.localdate()
    mine, theirs = _of_committee(user), _of_committee(user, via="tip__")
    return {
        "overdue": mine(Tip.objects.overdue(today)).for_list().order_by("due_on")[:LIMIT],
        "cases_without_outcome": theirs(Case.objects.filter(solved_on__isnull=True))
        .select_related("tip", "tip__commune")
        .order_by("opened_on")[:LIMIT],
        "duplicates": likely_duplicates(user=user),
        # Notices the law gives their own clock (Art. 146(5), 148(2), 149(2), 158(1)), not yet sent
        "duties": theirs(TipDuty.objects.needs_attention(today))
        .select_related("tip", "tip__commune")
        .order_by("due_on", "id")[:LIMIT],
    }
