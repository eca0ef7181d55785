"""When an administrator adds or removes an extra day off or a worked day, open tips' deadlines
move with it, and each moved deadline says why in the tip's timeline; when a commune or village
is renamed, its tips' search words follow. (Any tip write drops the cached badges and panels:
ban138/caching.py.)"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from ban138 import caching
from ban138.models import AdministrativeUnit
from tips.models import ExtraDayOff, ExtraWorkingDay, Tip


def _reason(instance, deleted: bool) -> str:
    day = f"{instance.date:%d/%m/%Y}"
    if isinstance(instance, ExtraDayOff):
        text = _("bỏ ngày nghỉ bổ sung %(d)s") if deleted else _("thêm ngày nghỉ bổ sung %(d)s")
    else:
        text = (
            _("bỏ ngày làm việc bù %(d)s")
            if deleted
            else _("%(d)s là ngày làm việc (bỏ ngày nghỉ / làm bù)")
        )
    text = text % {"d": day}
    if instance.note:
        text += f" — {instance.note}"
    return text + " " + _("(Điều 134 BLTTHS: hạn hết vào ngày nghỉ thì lùi sang ngày làm việc).")


@receiver(post_save, sender=ExtraDayOff, dispatch_uid="tips.day_off_saved")
@receiver(post_save, sender=ExtraWorkingDay, dispatch_uid="tips.working_day_saved")
def _calendar_saved(sender, instance, **kwargs):
    _recompute(instance, deleted=False)


@receiver(post_delete, sender=ExtraDayOff, dispatch_uid="tips.day_off_deleted")
@receiver(post_delete, sender=ExtraWorkingDay, dispatch_uid="tips.working_day_deleted")
def _calendar_deleted(sender, instance, **kwargs):
    _recompute(instance, deleted=True)


def _recompute(instance, *, deleted):
    from tips.services import recompute_open_deadlines

    recompute_open_deadlines(_reason(instance, deleted))
    caching.bump()  # bulk updates send no post_save: drop cached figures here


@receiver(post_save, sender=AdministrativeUnit, dispatch_uid="tips.unit_renamed")
def _unit_saved(sender, instance, created, raw=False, **kwargs):
    """A commune or village renamed: its tips are found by the new name (tips/search.py)."""
    if created or raw:
        return
    from tips.search import refresh_search_text

    refresh_search_text(Tip.objects.filter(Q(commune=instance) | Q(village=instance)))
