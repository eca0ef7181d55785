"""Tips made through the real service, so numbers, clocks, steps and history are as in use."""

import datetime as dt

from django.utils import timezone

from tips import services
from tips.models import CrimeGroup, TipKind


def make_tip(*, by, commune, summary="Mất trộm xe máy tại nhà dân", received_at=None,
             group="xam_pham_so_huu", informant=None, **extra):
    data = {
        "kind": TipKind.DENUNCIATION,
        "channel": "dien_thoai",
        "received_at": received_at or timezone.now() - dt.timedelta(hours=1),
        "commune": commune,
        "crime_group": CrimeGroup.objects.get(code=group),
        "summary": summary,
        **extra,
    }
    return services.tip_register(
        by=by, data=data, informant=informant, anonymous=informant is None
    )


def local(year, month, day, hour=9, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def verifying_tip(*, leader, officer, commune, **kwargs):
    tip = make_tip(by=officer, commune=commune, **kwargs)
    tip = services.tip_assign(tip=tip, by=leader, officer=officer)
    return services.tip_start_verification(tip=tip, by=officer)
