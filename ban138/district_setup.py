"""A real district's first day (issue 18): its administrative units from the official list, the
committee's letterhead and chairman, and the first accounts — instead of the demo.

The unit list is a CSV with the national unit codes (danh mục đơn vị hành chính, the codes the
statistics office assigns): ``ma,ten,cap,ma_cap_tren[,hieu_luc]``. ``cap`` is a UnitKind value
(tinh, huyen, xa, thi_tran, phuong, dac_khu, thon, …); ``hieu_luc=0`` keeps a unit that was
merged away (records filed under it stay there) but no longer offers it. Everything is matched by
code, so running it again with the same or a newer list updates in place and creates nothing
twice. All unit handling is in :func:`import_units`, on purpose: unit succession (the 2025
reform) may later be added there.
"""

import csv
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from ban138.models import (
    COMMUNE_KINDS,
    AdministrativeUnit,
    CommitteeProfile,
    OfficialProfile,
    UnitKind,
)
from ban138.roles import Role, group_for
from ban138.text import nfc

UNIT_COLUMNS = ("ma", "ten", "cap", "ma_cap_tren")
_TRUE = {"1", "co", "có", "true", "x", ""}


class SetupError(ValueError):
    """Bad input, said in Vietnamese with the file and line."""


@dataclass
class UnitImport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_unit_rows(path: Path) -> list[dict]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SetupError(f"Không đọc được tệp danh mục {path}: {exc}.") from exc
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    missing = [c for c in UNIT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise SetupError(
            f"Tệp {path} thiếu cột {', '.join(missing)}; cần các cột {', '.join(UNIT_COLUMNS)}"
            " (và tùy chọn hieu_luc)."
        )
    rows = []
    for number, row in enumerate(reader, start=2):
        rows.append({**{k: nfc((v or "").strip()) for k, v in row.items() if k}, "_line": number})
    if not rows:
        raise SetupError(f"Tệp {path} không có đơn vị nào.")
    return rows


@transaction.atomic
def import_units(rows: list[dict]) -> UnitImport:
    """Create or update the units of an official list, matched by national code; parents are
    looked up by code among the list and the units already stored. Refuses the whole list (no
    unit written) at the first bad row."""
    kinds = set(UnitKind.values)
    seen = {}
    for row in rows:
        where = f"dòng {row['_line']}"
        if not row["ma"]:
            raise SetupError(f"{where}: thiếu mã đơn vị hành chính.")
        if row["ma"] in seen:
            raise SetupError(f"{where}: mã {row['ma']} trùng với dòng {seen[row['ma']]}.")
        seen[row["ma"]] = row["_line"]
        if not row["ten"]:
            raise SetupError(f"{where}: thiếu tên đơn vị.")
        if row["cap"] not in kinds:
            raise SetupError(
                f"{where}: cấp “{row['cap']}” không hợp lệ; dùng một trong "
                f"{', '.join(sorted(kinds))}."
            )
    result = UnitImport()
    pending = list(rows)
    while pending:  # parents first, whatever the order of the file
        progress = []
        for row in pending:
            parent = None
            if row["ma_cap_tren"]:
                parent = AdministrativeUnit.objects.filter(code=row["ma_cap_tren"]).first()
                if parent is None:
                    continue
            _store_unit(row, parent, result)
            progress.append(row)
        if not progress:
            row = pending[0]
            raise SetupError(
                f"dòng {row['_line']}: không có đơn vị cấp trên mã {row['ma_cap_tren']} "
                "(trong tệp hoặc trong CSDL)."
            )
        pending = [r for r in pending if r not in progress]
    return result


def _store_unit(row, parent, result: UnitImport) -> None:
    active = row.get("hieu_luc", "").lower() in _TRUE
    unit = AdministrativeUnit.objects.filter(code=row["ma"]).first()
    if unit is None:
        # A unit entered by hand (or by the demo) before codes were known: adopt it.
        unit = AdministrativeUnit.objects.filter(
            code="", parent=parent, kind=row["cap"], name=row["ten"]
        ).first()
    values = {"name": row["ten"], "kind": row["cap"], "parent": parent, "is_active": active}
    if unit is None:
        unit = AdministrativeUnit(code=row["ma"], **values)
        result.created += 1
    elif unit.code == row["ma"] and all(getattr(unit, k) == v for k, v in values.items()):
        result.unchanged += 1
        return
    else:
        unit.code = row["ma"]
        for key, value in values.items():
            setattr(unit, key, value)
        result.updated += 1
    try:
        unit.full_clean()
    except ValidationError as exc:
        messages = "; ".join(m for ms in exc.message_dict.values() for m in ms)
        raise SetupError(f"dòng {row['_line']}: {messages}") from exc
    unit.save()


# --- the committee and its first accounts ------------------------------------------------------

# The letterhead's issuing body and place name are not typed: they follow from the committee's
# level and area unit (ban138/committee.py).
PROFILE_FIELDS = {
    "ten_ban_chi_dao": "committee_name",
    "ky_hieu_bao_cao": "report_number_suffix",
}


def read_config(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SetupError(f"Không đọc được tệp {path}: {exc}.") from exc
    except ValueError as exc:
        raise SetupError(f"Tệp {path} không phải JSON hợp lệ: {exc}.") from exc
    if not isinstance(data, dict):
        raise SetupError(f"Tệp {path} phải là một đối tượng JSON.")
    return data


@transaction.atomic
def setup_committee(config: dict, district_code: str) -> tuple[CommitteeProfile, list]:
    """The letterhead and chairman (CommitteeProfile) and the accounts listed in ``config``.
    Returns the profile and (username, role label, password) for each account created now —
    existing accounts keep their password."""
    district = AdministrativeUnit.objects.filter(code=district_code).first()
    if district is None:
        raise SetupError(f"Không có đơn vị mã {district_code}: nhập danh mục đơn vị trước.")
    chairman = config.get("truong_ban") or {}
    values = {"district": district}
    for key, field_name in PROFILE_FIELDS.items():
        if config.get(key):
            values[field_name] = nfc(str(config[key]).strip())
    values["chairman_name"] = nfc(str(chairman.get("ho_ten", "")).strip())
    values["chairman_title"] = nfc(str(chairman.get("chuc_vu", "")).strip())
    if not values["chairman_name"] or not values["chairman_title"]:
        raise SetupError("Thiếu “truong_ban”: {\"ho_ten\": …, \"chuc_vu\": …} trong tệp cấu hình.")
    profile = CommitteeProfile.objects.first() or CommitteeProfile()
    for key, value in values.items():
        setattr(profile, key, value)
    try:
        profile.full_clean()
    except ValidationError as exc:
        messages = "; ".join(m for ms in exc.message_dict.values() for m in ms)
        raise SetupError(f"Thông tin Ban chỉ đạo không hợp lệ: {messages}") from exc
    profile.save()
    return profile, _accounts(config.get("tai_khoan") or [], district)


def _accounts(entries, district) -> list[tuple[str, str, str]]:
    roles = {role.value: role for role in Role}
    created = []
    for index, entry in enumerate(entries, start=1):
        where = f"tài khoản thứ {index}"
        username = str(entry.get("ten_dang_nhap", "")).strip()
        role = roles.get(str(entry.get("vai_tro", "")).strip())
        admin_only = bool(entry.get("quan_tri")) and not entry.get("vai_tro")
        if not username:
            raise SetupError(f"{where}: thiếu “ten_dang_nhap”.")
        if role is None and not admin_only:
            raise SetupError(
                f"{where} ({username}): vai trò không hợp lệ; dùng một trong {', '.join(roles)}."
            )
        commune = None
        if role == Role.COMMUNE_OFFICIAL:
            code = str(entry.get("ma_xa", "")).strip()
            commune = AdministrativeUnit.objects.filter(code=code, kind__in=COMMUNE_KINDS).first()
            if commune is None:
                raise SetupError(f"{where} ({username}): cán bộ xã cần “ma_xa” của một xã có "
                                 "trong danh mục.")
        last, _, first = nfc(str(entry.get("ho_ten", "")).strip()).rpartition(" ")
        user, is_new = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if role is not None:
            user.groups.add(group_for(role))
        if commune is not None:
            OfficialProfile.objects.update_or_create(user=user, defaults={"commune": commune})
        if entry.get("quan_tri"):
            user.is_staff = user.is_superuser = True
        if is_new:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            created.append((username, str(role.label) if role else "Quản trị", password))
        user.save()
    return created
