"""Demo models: the four the 2020 year-end article names, and a few more across the district.

Idempotent (models are found by name and commune, checks by date) and deterministic: the fixed
histories run 2019–2021. So that the demo's "gone quiet" flag means something today, every model
except two also gets one recent check, dated 15 days before the day the demo was first seeded.
"Tổ liên gia tự quản" (Ba Cụm Nam) gets none: it is the model that has gone quiet, both now and
at the end of 2020. "Tổ tự quản về ANTT" (Thành Sơn) stopped in 2020 and is not expected to report.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ban138.models import AdministrativeUnit, UnitKind
from models_registry import services
from models_registry.models import (
    HostOrganisation,
    ModelType,
    OutstandingRecognition,
    SecurityModel,
    Status,
    StatusCheck,
)
from models_registry.reference import ensure_reference_lists

D = dt.date
S = Status


@dataclass(frozen=True)
class DemoCheck:
    on: dt.date
    status: str
    note: str = ""
    cameras: tuple[int, int] | None = None  # (working, installed)


@dataclass(frozen=True)
class DemoModel:
    name: str
    commune: str
    type_code: str
    host: str
    established_on: dt.date
    decision: str
    sizes: tuple[int, int, int]  # places, teams, members
    checks: list[DemoCheck]
    village: str | None = None
    outstanding: list[tuple[int, str, dt.date]] = field(default_factory=list)
    recent_check: bool = True


MODELS = [
    DemoModel(
        "Camera an ninh", "Sơn Bình", "camera", "Ủy ban Mặt trận Tổ quốc",
        D(2020, 6, 15), "45/QĐ-UBND", (1, 1, 12), village="Liên Hòa",
        checks=[
            DemoCheck(D(2020, 7, 1), S.ACTIVE, "Lắp xong 8 camera trên trục đường chính.", (8, 8)),
            DemoCheck(D(2020, 12, 10), S.EFFECTIVE, "Camera giúp làm rõ 02 vụ trộm cắp.", (8, 8)),
            DemoCheck(D(2021, 6, 20), S.EFFECTIVE, "Lắp thêm 02 camera; 01 hỏng do sét.", (9, 10)),
        ],
    ),
    DemoModel(
        "Gương sáng", "Sơn Lâm", "guong_sang", "Hội Liên hiệp Phụ nữ",
        D(2017, 3, 8), "12/QĐ-UBND", (6, 6, 48),
        checks=[
            DemoCheck(D(2019, 5, 10), S.ACTIVE, "Duy trì sinh hoạt hằng tháng."),
            DemoCheck(D(2020, 11, 20), S.EFFECTIVE, "Cảm hóa, giáo dục 03 thanh thiếu niên."),
            DemoCheck(D(2021, 5, 15), S.EFFECTIVE),
        ],
        outstanding=[(2019, "98/QĐ-BCĐ", D(2020, 2, 20)), (2020, "15/QĐ-BCĐ", D(2021, 3, 10))],
    ),
    DemoModel(
        "Giáo họ tự quản về ANTT", "Sơn Trung", "giao_ho_tu_quan", "Giáo họ",
        D(2018, 9, 1), "30/QĐ-UBND", (1, 3, 25),
        checks=[
            DemoCheck(D(2019, 4, 2), S.ACTIVE),
            DemoCheck(D(2020, 12, 1), S.EFFECTIVE, "Giáo dân tích cực tố giác tội phạm."),
            DemoCheck(D(2021, 4, 12), S.EFFECTIVE),
        ],
        outstanding=[(2020, "15/QĐ-BCĐ", D(2021, 3, 10))],
    ),
    DemoModel(
        "Thôn tự quản về ANTT", "Sơn Hiệp", "thon_to_tu_quan", "Ủy ban Mặt trận Tổ quốc",
        D(2016, 5, 19), "21/QĐ-UBND", (4, 4, 36),
        checks=[
            DemoCheck(D(2019, 8, 19), S.ACTIVE),
            DemoCheck(D(2020, 12, 15), S.EFFECTIVE, "Không để xảy ra vụ việc phức tạp."),
            DemoCheck(D(2021, 8, 19), S.EFFECTIVE),
        ],
        outstanding=[(2020, "15/QĐ-BCĐ", D(2021, 3, 10))],
    ),
    DemoModel(
        "Đội thanh niên tình nguyện bảo vệ ANTT", "Ba Cụm Bắc", "thanh_nien_tinh_nguyen",
        "Đoàn Thanh niên", D(2019, 3, 26), "08/QĐ-UBND", (2, 2, 20),
        checks=[
            DemoCheck(D(2019, 6, 1), S.ACTIVE),
            DemoCheck(D(2020, 10, 15), S.NEEDS_WORK, "Nhiều đoàn viên đi làm ăn xa."),
            DemoCheck(D(2021, 3, 26), S.ACTIVE, "Kiện toàn lại đội hình."),
        ],
    ),
    DemoModel(
        "Tổ liên gia tự quản", "Ba Cụm Nam", "to_lien_gia", "Hội Nông dân",
        D(2018, 1, 10), "03/QĐ-UBND", (3, 5, 40),
        checks=[
            DemoCheck(D(2019, 7, 7), S.ACTIVE),
            DemoCheck(D(2020, 6, 15), S.NEEDS_WORK, "Sinh hoạt không đều."),
        ],
        recent_check=False,
    ),
    DemoModel(
        "Tổ tự quản về ANTT", "Thành Sơn", "thon_to_tu_quan", "Công an xã",
        D(2015, 10, 2), "50/QĐ-UBND", (1, 1, 9),
        checks=[
            DemoCheck(D(2019, 9, 9), S.NEEDS_WORK),
            DemoCheck(D(2020, 3, 20), S.STOPPED, "Tổ trưởng chuyển đi nơi khác; tổ giải thể."),
        ],
        recent_check=False,
    ),
    DemoModel(
        "Camera an ninh tổ dân phố", "Tô Hạp", "camera", "Công an xã",
        D(2019, 8, 19), "77/QĐ-UBND", (2, 2, 10),
        checks=[
            DemoCheck(D(2019, 9, 1), S.ACTIVE, cameras=(5, 6)),
            DemoCheck(D(2020, 12, 20), S.ACTIVE, cameras=(6, 6)),
            DemoCheck(D(2021, 7, 1), S.EFFECTIVE, cameras=(7, 8)),
        ],
    ),
    # Before and after the 2025 reform (docs/REFORM.md): one model of Sơn Hiệp of 2024, filed
    # under it, and one of the commune formed on 1/7/2025 — both count in Xã Khánh Sơn's 2025.
    DemoModel(
        "Tổ tự quản về ANTT khu dân cư", "Sơn Hiệp", "thon_to_tu_quan", "Công an xã",
        D(2024, 4, 1), "21/QĐ-UBND", (1, 2, 14),
        checks=[
            DemoCheck(D(2024, 4, 20), S.ACTIVE),
            DemoCheck(D(2025, 3, 10), S.ACTIVE, "Duy trì sinh hoạt hằng tháng."),
        ],
    ),
    DemoModel(
        "Camera an ninh trung tâm xã", "Khánh Sơn", "camera", "Công an xã",
        D(2025, 9, 10), "12/QĐ-UBND", (1, 1, 6),
        checks=[DemoCheck(D(2025, 9, 20), S.ACTIVE, cameras=(8, 8))],
    ),
]  # fmt: skip
RECORDERS = {"Sơn Bình": "canbo_sonbinh", "Sơn Lâm": "canbo_sonlam"}
OTHER_RECORDER = "thuongtruc"
RECENT_NOTE = "Kiểm tra định kỳ (dữ liệu mẫu)."


@transaction.atomic
def seed(*, stdout) -> None:
    ensure_reference_lists()
    district = AdministrativeUnit.objects.get(kind=UnitKind.DISTRICT, name="Khánh Sơn")
    for spec in MODELS:
        if spec.established_on > timezone.localdate():  # nothing is seeded in the future
            continue
        model = _model(district, spec)
        recorder = User.objects.get(username=RECORDERS.get(spec.commune, OTHER_RECORDER))
        for check in spec.checks:
            _check(model, check, recorder)
        for year, number, date in spec.outstanding:
            OutstandingRecognition.objects.get_or_create(
                model=model, year=year, defaults={"decision_number": number, "decision_date": date}
            )
        history_end = max(check.on for check in spec.checks)
        recent = timezone.localdate() - dt.timedelta(days=15)
        if (
            spec.recent_check
            and recent > history_end
            and not model.checks.filter(checked_on__gt=history_end).exists()
        ):
            _check(model, DemoCheck(recent, model.current_status, RECENT_NOTE), recorder)
    stdout.write(f"  {SecurityModel.objects.count()} mô hình tự quản về ANTT")


def _model(district, spec: DemoModel) -> SecurityModel:
    # The 2020 units under the district, the communes of 1/7/2025 under the province.
    commune = AdministrativeUnit.objects.communes().get(
        parent__in=[district, district.parent], name=spec.commune
    )
    model = SecurityModel.objects.filter(name=spec.name, commune=commune).first()
    if model is not None:
        return model
    places, teams, members = spec.sizes
    model = SecurityModel(
        name=spec.name,
        commune=commune,
        village=commune.children.get(name=spec.village) if spec.village else None,
        model_type=ModelType.objects.get(code=spec.type_code),
        host_organisation=HostOrganisation.objects.get(name=spec.host),
        established_on=spec.established_on,
        decision_number=spec.decision,
        places=places,
        teams=teams,
        members=members,
    )
    model.full_clean()
    model.save()
    return model


def _check(model: SecurityModel, spec: DemoCheck, recorder) -> None:
    if model.checks.filter(checked_on=spec.on).exists():
        return
    if spec.cameras:
        working, installed = spec.cameras
    else:  # keep the camera counts the model already has (None for other types)
        working, installed = model.cameras_working, model.cameras_installed
    check = StatusCheck(
        checked_on=spec.on,
        status=spec.status,
        note=spec.note,
        places=model.places,
        teams=model.teams,
        members=model.members,
        cameras_installed=installed,
        cameras_working=working,
    )
    services.model_record_check(model=model, check=check, by=recorder)
