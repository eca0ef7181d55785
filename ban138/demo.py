"""Demo data of the core: Khánh Sơn district as the 2020 year-end article describes it, and the
three communes formed from it on 1/7/2025 (docs/REFORM.md) — with the committees of both times on
one installation (issue 20.3): the district's committee, kept as history (its records of 2019–
2024), the province's committee of Khánh Hòa, and a committee for each of the three new
communes, each with its own receiving body and accounts."""

import datetime
import secrets

from django.contrib.auth.models import User
from django.db import transaction

from ban138.committee import CommitteeLevel
from ban138.models import (
    COMMUNE_KINDS,
    AdministrativeUnit,
    CommitteeMembership,
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

# The committees of 2025 on: the province's, and one per new commune (under the province's).
# unit name → (chairman, chairman's title); the district's committee is seed_profile's.
NEW_COMMITTEES = {
    PROVINCE[0]: ("Lê Minh Khôi", "Phó Chủ tịch UBND tỉnh"),
    "Khánh Sơn": ("Cao Văn Thịnh", "Chủ tịch UBND xã"),
    "Tây Khánh Sơn": ("Bo Bo Văn Dũng", "Chủ tịch UBND xã"),
    "Đông Khánh Sơn": ("Mấu Thị Hạnh", "Chủ tịch UBND xã"),
}

# username, full name, role, bound commune (commune officials only), committee (its unit's
# name; None: the district's committee of before 2025, which the original accounts keep)
DEMO_USERS = [
    ("tiepnhan", "Trần Văn Hùng", Role.OFFICER, None, None),
    ("tiepnhan2", "Lê Thị Hoa", Role.OFFICER, None, None),
    ("lanhdao", "Phạm Minh Tuấn", Role.POLICE_LEADER, None, None),
    ("canbo_sonbinh", "Cao Thị Lan", Role.COMMUNE_OFFICIAL, "Sơn Bình", None),
    ("canbo_sonlam", "Mấu Văn Tâm", Role.COMMUNE_OFFICIAL, "Sơn Lâm", None),
    # An official of a commune formed on 1/7/2025: sees the files of Sơn Lâm and Thành Sơn too.
    ("canbo_taykhanhson", "Bo Bo Thị Hiền", Role.COMMUNE_OFFICIAL, "Tây Khánh Sơn", None),
    ("thuongtruc", "Đỗ Thị Mai", Role.SECRETARIAT, None, None),
    ("truongban", "Nguyễn Văn Nhuận", Role.CHAIRMAN, None, None),
    # The commune committee of Xã Tây Khánh Sơn: a whole committee to sign in to.
    ("tks_tiepnhan", "Bo Bo Văn Sơn", Role.OFFICER, None, "Tây Khánh Sơn"),
    ("tks_lanhdao", "Cao Văn Lực", Role.POLICE_LEADER, None, "Tây Khánh Sơn"),
    ("tks_thuongtruc", "Mấu Thị Nga", Role.SECRETARIAT, None, "Tây Khánh Sơn"),
    ("tks_truongban", "Bo Bo Văn Dũng", Role.CHAIRMAN, None, "Tây Khánh Sơn"),
    # The two other new communes' police, who receive their communes' tips from 2025 on.
    ("ks_tiepnhan", "Nguyễn Thị Thu", Role.OFFICER, None, "Khánh Sơn"),
    ("ks_lanhdao", "Trần Quốc Bảo", Role.POLICE_LEADER, None, "Khánh Sơn"),
    ("dks_tiepnhan", "Phạm Văn Lợi", Role.OFFICER, None, "Đông Khánh Sơn"),
    ("dks_lanhdao", "Lê Thị Xuân", Role.POLICE_LEADER, None, "Đông Khánh Sơn"),
    # The province's committee: reads its communes' consolidated figures.
    ("tinh_lanhdao", "Võ Thanh Tùng", Role.POLICE_LEADER, None, PROVINCE[0]),
    ("tinh_thuongtruc", "Hồ Thị Kim", Role.SECRETARIAT, None, PROVINCE[0]),
    ("tinh_truongban", "Lê Minh Khôi", Role.CHAIRMAN, None, PROVINCE[0]),
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
        district=district,
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


@transaction.atomic
def seed_committees(district) -> dict[str, CommitteeProfile]:
    """The committees of 2025 on, on the same installation as the district's: Khánh Hòa's, and
    one per commune formed on 1/7/2025 under it (each with its standing receiving body, made with
    the committee). Returns {unit name: committee}, the district's under its own name too."""
    district_committee = seed_profile(district)
    province = district.parent
    committees = {}
    for name, (chairman, title) in NEW_COMMITTEES.items():
        unit = (
            province
            if name == province.name
            else AdministrativeUnit.objects.get(parent=province, kind__in=COMMUNE_KINDS, name=name)
        )
        level = CommitteeLevel.PROVINCE if unit == province else CommitteeLevel.COMMUNE
        committee, _ = CommitteeProfile.objects.get_or_create(
            district=unit,
            defaults={
                "level": level,
                "committee_name": "BAN CHỈ ĐẠO 138",
                "chairman_name": chairman,
                "chairman_title": title,
                "report_number_suffix": "BC-BCĐ138",
            },
        )
        committees[name] = committee
    for name, committee in committees.items():
        if name != province.name and committee.parent_id is None:
            committee.parent = committees[province.name]
            committee.save(update_fields=["parent"])
    return {None: district_committee, **committees}


def committee_label(committee: CommitteeProfile) -> str:
    """ "Ban Chỉ đạo 138 xã Tây Khánh Sơn" — how the printout names an account's committee."""
    label = f"Ban Chỉ đạo 138 {committee.wording.unit_in_sentence}"
    if committee.level == CommitteeLevel.DISTRICT:
        label += " (đến 2025, lưu trữ)"
    return label


def seed_users(district, *, reset_passwords: bool = False) -> list[tuple[str, str, str, str]]:
    """Create the demo accounts, each a member of its committee. Returns (username, role label,
    committee, new password) for each user whose password was set now, so the command can print
    it once; nothing is hard-coded. Without the committees of 2025 (only the 2020 tree seeded)
    the accounts of those committees are skipped."""
    committees = {None: seed_profile(district)}
    committees.update(
        {
            c.district.name: c
            for c in CommitteeProfile.objects.select_related("district").exclude(
                pk=committees[None].pk
            )
        }
    )
    created = []
    for username, full_name, role, commune_name, committee_name in DEMO_USERS:
        committee = committees.get(committee_name)
        if committee is None:
            continue
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
        membership, _ = CommitteeMembership.objects.get_or_create(
            user=user, defaults={"committee": committee}
        )
        if membership.committee_id != committee.pk:
            membership.committee = committee
            membership.save(update_fields=["committee"])
        if is_new or reset_passwords:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            created.append((username, str(role.label), committee_label(committee), password))
    return created


def seed(*, stdout, reset_passwords: bool = False) -> None:
    district = seed_units()
    seed_profile(district)
    seed_reform(district)
    seed_committees(district)
    created = seed_users(district, reset_passwords=reset_passwords)
    width = max((len(row[0]) for row in created), default=0)
    committee_width = max((len(row[2]) for row in created), default=0)
    for username, role_label, committee, password in created:
        stdout.write(
            f"  {username:<{width}}  {role_label:<20} {committee:<{committee_width}}  "
            f"mật khẩu: {password}"
        )
