"""Seed the crime groups named in the issue; codes are stable (reports look up ma_tuy, co_bac)."""

from django.db import migrations

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


def seed_crime_groups(apps, schema_editor):
    CrimeGroup = apps.get_model("tips", "CrimeGroup")
    for order, (code, name) in enumerate(GROUPS, start=1):
        CrimeGroup.objects.get_or_create(code=code, defaults={"name": name, "order": order * 10})


def remove_crime_groups(apps, schema_editor):
    CrimeGroup = apps.get_model("tips", "CrimeGroup")
    CrimeGroup.objects.filter(code__in=[code for code, _ in GROUPS], tips__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("tips", "0001_initial")]

    operations = [migrations.RunPython(seed_crime_groups, remove_crime_groups)]
