"""When an administrator adds or removes an extra day off, open tips' deadlines move with it;
when a commune or village is renamed, its tips' search words follow. (Any tip write drops the
cached badges and panels: ban138/caching.py.)"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ban138 import caching
from ban138.models import AdministrativeUnit
from tips.models import ExtraDayOff, Tip


@receiver([post_save, post_delete], sender=ExtraDayOff, dispatch_uid="tips.day_off_changed")
def _day_off_changed(sender, **kwargs):
    from tips.services import recompute_open_deadlines

    recompute_open_deadlines()  # bulk updates send no post_save: drop cached figures here
    caching.bump()


@receiver(post_save, sender=AdministrativeUnit, dispatch_uid="tips.unit_renamed")
def _unit_saved(sender, instance, created, raw=False, **kwargs):
    """A commune or village renamed: its tips are found by the new name (tips/search.py)."""
    if created or raw:
        return
    from tips.search import refresh_search_text

    refresh_search_text(Tip.objects.filter(Q(commune=instance) | Q(village=instance)))
