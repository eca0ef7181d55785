"""Seed the reference lists named in issue #4 (admin-editable afterwards). Reversible: the
reverse removes only rows this migration added and that nothing uses yet."""

from django.db import migrations

# code, name, has camera figures
MODEL_TYPES = [
    ("camera", "Camera an ninh", True),
    ("thon_to_tu_quan", "Thôn/tổ tự quản về ANTT", False),
    ("giao_ho_tu_quan", "Giáo họ tự quản về ANTT", False),
    ("guong_sang", "Gương sáng", False),
    ("to_lien_gia", "Tổ liên gia tự quản", False),
    ("thanh_nien_tinh_nguyen", "Câu lạc bộ/đội hình thanh niên tình nguyện", False),
    ("khac", "Khác", False),
]
HOSTS = [
    "Ủy ban Mặt trận Tổ quốc",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
    "Hội Nông dân",
    "Công an xã",
    "Giáo họ",
    "Khác",
]


def seed(apps, schema_editor):
    ModelType = apps.get_model("models_registry", "ModelType")
    HostOrganisation = apps.get_model("models_registry", "HostOrganisation")
    for order, (code, name, cameras) in enumerate(MODEL_TYPES, start=1):
        ModelType.objects.get_or_create(
            code=code,
            defaults={"name": name, "has_camera_figures": cameras, "order": order * 10},
        )
    for order, name in enumerate(HOSTS, start=1):
        HostOrganisation.objects.get_or_create(name=name, defaults={"order": order * 10})


def unseed(apps, schema_editor):
    ModelType = apps.get_model("models_registry", "ModelType")
    HostOrganisation = apps.get_model("models_registry", "HostOrganisation")
    codes = [code for code, _name, _cameras in MODEL_TYPES]
    ModelType.objects.filter(code__in=codes, models__isnull=True).delete()
    HostOrganisation.objects.filter(name__in=HOSTS, securitymodel__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
