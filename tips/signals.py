"""When an administrator adds or removes an extra day off, open tips' deadlines move with it.
(Any tip write drops the cached badges and panels: ban138/caching.py.)"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ban138 import caching
from tips.models import ExtraDayOff


@receiver([post_save, post_delete], sender=ExtraDayOff, dispatch_uid="tips.day_off_changed")
def _day_off_changed(sender, **kwargs):
    from tips.services import recompute_open_deadlines

    recompute_open_deadlines()  # bulk updates send no post_save: drop cached figures here
    caching.bump()
