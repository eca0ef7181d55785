"""When an administrator adds or removes an extra day off, open tips' deadlines move with it;
when a tip is written, the cached menu badges are dropped."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ban138 import caching
from tips.models import ExtraDayOff, Tip
from tips.panels import BADGE


@receiver([post_save, post_delete], sender=ExtraDayOff, dispatch_uid="tips.day_off_changed")
def _day_off_changed(sender, **kwargs):
    from tips.services import recompute_open_deadlines

    recompute_open_deadlines()  # queryset updates send no post_save: drop the badges here
    caching.bump(BADGE)


@receiver([post_save, post_delete], sender=Tip, dispatch_uid="tips.tip_changed")
def _tip_changed(sender, **kwargs):
    """The menu badge counts open tips by deadline: any tip write may change it."""
    caching.bump(BADGE)
