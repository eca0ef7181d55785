"""The crime groups issue #3 names, seeded by migration 0002 and re-ensured by the demo seed
(a flushed or restored database may lack them). Codes are stable: reports look up ma_tuy, co_bac.

Written against an apps registry so the migration can pass its historical one."""

from django.apps import apps as django_apps

GROUPS = [
    ("xam_pham_so_huu", "Xâm phạm sở hữu"),
    ("ma_tuy", "Ma túy"),
    ("trat_tu_xa_hoi", "Trật tự xã hội"),
    ("kinh_te", "Kinh tế"),
    ("moi_truong_lam_san", "Môi trường – lâm sản"),
    ("mua_ban_nguoi", "Mua bán người"),
    ("co_bac", "Cờ bạc"),
    ("cong_nghe_cao", "Công nghệ cao"),
    ("khac", "Khác"),
]


def ensure_crime_groups(apps=django_apps) -> None:
    CrimeGroup = apps.get_model("tips", "CrimeGroup")
    for order, (code, name) in enumerate(GROUPS, start=1):
        CrimeGroup.objects.get_or_create(code=code, defaults={"name": name, "order": order * 10})


def remove_unused_crime_groups(apps=django_apps) -> None:
    CrimeGroup = apps.get_model("tips", "CrimeGroup")
    CrimeGroup.objects.filter(code__in=[code for code, _ in GROUPS], tips__isnull=True).delete()
