"""Demo data of the core: Khánh Sơn district as the 2020 year-end article describes it, and the
three communes formed from it on 1/7/2025 (docs/REFORM.md)."""

import datetime
import secrets

from django.contrib.auth.models import User
from django.db import transaction

from ban138.committee import CommitteeLevel
from ban138.models import (
    COMMUNE_KINDS,
    AdministrativeUnit,
    CommitteeProfile,
    OfficialProfile,
    UnitKind,
)
from ban138.roles import Role, group_for
from ban138.succession import Part, record_succession

PROVINCE = ("Khánh Hòa", "56")
DISTRICT = "Khánh Sơn"
TOWNSHIP = "Tô Hạp"
COMMUNES = ["Ba Cụm Bắc", "Ba Cụm Nam", "Sơn Bình", "Sơn Hiệp", "Sơn Lâm", "Sơn Trung", "Thành Sơn"]
VILLAGES = {"Sơn Bình": ["Liên Hòa"]}

# Nghị quyết 1667/NQ-UBTVQH15 (sắp xếp đơn vị hành chính cấp xã của tỉnh Khánh Hòa năm 2025),
# in force from 1/7/2025, when the district level ended. Each new commune and the units it was
# formed from, all wholly; the mapping and its sources are in docs/REFORM.md.
REFORM_DATE = datetime.date(2025, 7, 1)
REFORM_RESOLUTION = "1667/NQ-UBTVQH15"
NEW_COMMUNES = {
    "Khánh Sơn": [TOWNSHIP, "Sơn Hiệp", "Sơn Bình"],
    "Tây Khánh Sơn": ["Sơn Lâm", "Thành Sơn"],
    "Đông Khánh Sơn": ["Sơn Trung", "Ba Cụm Bắc", "Ba Cụm Nam"],
}

# username, full name, role, bound commune (commune officials only)
DEMO_USERS = [
    ("tiepnhan", "Trần Văn Hùng", Role.OFFICER, None),
    ("tiepnhan2", "Lê Thị Hoa", Role.OFFICER, None),
    ("lanhdao", "Phạm Minh Tuấn", Role.POLICE_LEADER, None),
    ("canbo_sonbinh", "Cao Thị Lan", Role.COMMUNE_OFFICIAL, "Sơn Bình"),
    ("canbo_sonlam", "Mấu Văn Tâm", Role.COMMUNE_OFFICIAL, "Sơn Lâm"),
    # An official of a commune formed on 1/7/2025: sees the files of Sơn Lâm and Thành Sơn too.
    ("canbo_taykhanhson", "Bo Bo Thị Hiền", Role.COMMUNE_OFFICIAL, "Tây Khánh Sơn"),
    ("thuongtruc", "Đỗ Thị Mai", Role.SECRETARIAT, None),
    ("truongban", "Nguyễn Văn Nhuận", Role.CHAIRMAN, None),
]


def _unit(kind, name, parent, code=""):
    unit, _ = AdministrativeUnit.objects.get_or_create(
        kind=kind, name=name, parent=parent, defaults={"code": code}
    )
    return unit


@transaction.atomic
def seed_units() -> AdministrativeUnit:
    """Create (or find) the Khánh Sơn tree and return the district."""
    province = _unit(UnitKind.PROVINCE, PROVINCE[0], None, PROVINCE[1])
    district = _unit(UnitKind.DISTRICT, DISTRICT, province)
    _unit(UnitKind.TOWNSHIP, TOWNSHIP, district)
    for name in COMMUNES:
        commune = _unit(UnitKind.COMMUNE, name, district)
        for village in VILLAGES.get(name, []):
            _unit(UnitKind.VILLAGE, village, commune)
    return district


@transaction.atomic
def seed_reform(district) -> dict[str, AdministrativeUnit]:
    """The three communes of 1/7/2025 under the province, with their succession records; the
    district ends that day. Records of the eight old units stay filed under them."""
    province = district.parent
    new = {}
    for name, old_names in NEW_COMMUNES.items():
        commune, _ = AdministrativeUnit.objects.get_or_create(
            kind=UnitKind.COMMUNE,
            name=name,
            parent=province,
            defaults={"established_on": REFORM_DATE},
        )
        old_units = AdministrativeUnit.objects.filter(parent=district, name__in=old_names)
        predecessors = {unit.name: unit for unit in old_units}
        record_succession(
            successor=commune,
            effective_date=REFORM_DATE,
            resolution=REFORM_RESOLUTION,
            # In the resolution's order: the report's note names them so.
            parts=[Part(predecessors[name]) for name in old_names],
        )
        new[name] = commune
    if district.dissolved_on is None:
        district.dissolved_on = REFORM_DATE
        district.save(update_fields=["dissolved_on"])
    return new


def seed_profile(district) -> CommitteeProfile:
    profile, _ = CommitteeProfile.objects.get_or_create(
        defaults={
            "district": district,
            "level": CommitteeLevel.DISTRICT,
            "committee_name": "BAN CHỈ ĐẠO 138",
            "chairman_name": "Nguyễn Văn Nhuận",
            "chairman_title": "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện",
            "report_number_suffix": "BC-BCĐ138",
        }
    )
    return profile


def seed_users(district, *, reset_passwords: bool = False) -> list[tuple[str, str, str]]:
    """Create one user per role. Returns (username, role label, new password) for each user
    whose password was set now, so the command can print it once; nothing is hard-coded."""
    created = []
    for username, full_name, role, commune_name in DEMO_USERS:
        commune = None
        if commune_name:
            commune = AdministrativeUnit.objects.filter(
                kind__in=COMMUNE_KINDS, name=commune_name
            ).first()
            if commune is None:  # a commune of 2025 when only the 2020 tree was seeded
                continue
        last, _, first = full_name.rpartition(" ")
        user, is_new = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        user.groups.add(group_for(role))
        if commune is not None:
            # Saved only when new or re-bound: a second seed writes no history row.
            binding, _ = OfficialProfile.objects.get_or_create(
                user=user, defaults={"commune": commune}
            )
            if binding.commune_id != commune.pk:
                binding.commune = commune
                binding.save(update_fields=["commune"])
        if is_new or reset_passwords:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            created.append((username, str(role.label), password))
    return created


def seed(*, stdout, reset_passwords: bool = False) -> None:
    district = seed_units()
    seed_profile(district)
    seed_reform(district)
    created = seed_users(district, reset_passwords=reset_passwords)
    width = max((len(username) for username, _role, _password in created), default=0)
    for username, role_label, password in created:
        stdout.write(f"  {username:<{width}}  {role_label:<20} mật khẩu: {password}")
