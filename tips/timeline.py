"""The detail page's timeline: workflow steps and field changes from django-simple-history.

Only the tip's own history is read; the informant's (ciphertext) is never shown here."""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from django.contrib.auth import get_user_model

from ban138.models import AdministrativeUnit
from ban138.text import person_name
from tips.models import CrimeGroup, Tip, TipState

FK_MODELS = {
    "commune": AdministrativeUnit,
    "village": AdministrativeUnit,
    "crime_group": CrimeGroup,
    "assigned_to": None,
    "merged_into": Tip,
    "suspected_duplicate_of": Tip,
}
HIDDEN_FIELDS = {"version", "due_on", "clock_start", "year", "number"}

ACTION_LABELS = {
    "tiep_nhan": "Tiếp nhận, ghi vào sổ",
    "phan_cong": "Phân công cán bộ thụ lý",
    "bat_dau_xac_minh": "Bắt đầu xác minh",
    "ghi_tien_do": "Ghi tiến độ xác minh",
    "phuc_tap": "Xác định vụ việc phức tạp (thời hạn 02 tháng)",
    "gia_han": "Ghi nhận gia hạn của Viện kiểm sát",
    "phuc_hoi": "Phục hồi giải quyết nguồn tin",
    "bao_co_quan_dieu_tra": "Đã báo cơ quan điều tra (khẩn cấp)",
    "sua_thong_tin": "Sửa thông tin nguồn tin",
    "nhac_khan": "Nhắc khẩn: quá 1 giờ chưa ghi nhận đã báo cơ quan điều tra",
}


@dataclass
class Entry:
    at: datetime
    who: str
    title: str
    note: str = ""
    changes: list = field(default_factory=list)


def _label(step) -> str:
    if step.action.startswith("quyet_dinh_"):
        return f"Quyết định: {TipState(step.to_state).label}"
    return ACTION_LABELS.get(step.action, step.action)


def _who(user) -> str:
    return person_name(user)


def _resolver(records):
    """Display names for foreign keys in the diffs, fetched in one query per model."""
    ids = {name: set() for name in FK_MODELS}
    for record in records:
        for name in FK_MODELS:
            value = getattr(record, f"{name}_id")
            if value:
                ids[name].add(value)
    models = {**FK_MODELS, "assigned_to": get_user_model()}
    names = {}
    for name, model in models.items():
        for obj in model.objects.filter(pk__in=ids[name]) if ids[name] else []:
            names[(name, obj.pk)] = _who(obj) if name == "assigned_to" else str(obj)
    return names


def _display(tip_field, value, names, name):
    if value in (None, ""):
        return "—"
    if name in FK_MODELS:
        return names.get((name, value), str(value))
    if tip_field.choices:
        return str(dict(tip_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def _diffs(records, names):
    entries = []
    for newer, older in pairwise(records):
        delta = newer.diff_against(older)
        changes = []
        for change in delta.changes:
            name = change.field
            if name in HIDDEN_FIELDS:
                continue
            tip_field = Tip._meta.get_field(name)
            changes.append(
                (
                    str(tip_field.verbose_name),
                    _display(tip_field, change.old, names, name),
                    _display(tip_field, change.new, names, name),
                )
            )
        if changes:
            entries.append(
                Entry(
                    newer.history_date,
                    _who(newer.history_user),
                    "Thay đổi dữ liệu",
                    changes=changes,
                )
            )
    return entries


def timeline_for(tip: Tip) -> list[Entry]:
    steps = [
        Entry(s.at, _who(s.actor), _label(s), s.note) for s in tip.steps.select_related("actor")
    ]
    records = list(
        tip.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    entries = steps + _diffs(records, _resolver(records))
    return sorted(entries, key=lambda e: e.at)
