"""The register as XLSX, for the procuracy to cross-check. Never any informant data: the rows
are built from the Tip table (and its steps and notices), which hold no identity.

The columns live in :data:`COLUMNS` — header, width, value, kind — and nothing else defines
them. Dates are date cells (dd/mm/yyyy), times datetime cells in Asia/Ho_Chi_Minh; text cells
are written as text (openpyxl ``data_type = "s"``), so a summary that starts with ``=``, ``+``,
``-`` or ``@`` is never read as a formula (the rule is ``ban138.xlsx``, shared by every export).

Suspension and resumption come from the workflow's own records: the step of each decision keeps
its number, date and ground (tips/workflow.py, Art. 148–149), so a tip resumed long ago still
shows both decisions.
"""

import dataclasses
import datetime as dt
import io
from collections.abc import Callable

from django.db.models import Prefetch
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ban138 import xlsx
from ban138.text import person_name
from tips.models import TipNotice, TipStep
from tips.workflow import SuspensionGround, TipAction

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "SỔ TIẾP NHẬN NGUỒN TIN VỀ TỘI PHẠM"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def text_cell(sheet, value) -> WriteOnlyCell:
    """A cell that is text whatever it starts with: never a formula (ban138.xlsx)."""
    return xlsx.text_cell(sheet, "" if value is None else str(value))


def _local(value: dt.datetime | None):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


# The steps whose decisions have columns of their own: they stay on the record after the tip
# moves on (Art. 148–149, 153(3)(a)).
RECORDED_ACTIONS = (
    TipAction.SUSPEND,
    TipAction.RESUME,
    TipAction.PROCURACY_CANCEL,
    TipAction.PROCURACY_PROSECUTE,
)


def _recorded(tip) -> list[TipStep]:
    steps = getattr(tip, "recorded_steps", None)
    if steps is None:
        steps = list(tip.steps.filter(action__in=RECORDED_ACTIONS).order_by("at", "id"))
    return steps


def _pauses(tip) -> tuple[TipStep | None, TipStep | None]:
    """The latest suspension decision and the resume decision that followed it, if any."""
    suspension = resume = None
    for step in _recorded(tip):
        if step.action == TipAction.SUSPEND:
            suspension, resume = step, None
        elif step.action == TipAction.RESUME:
            resume = step
    return suspension, resume


def _suspension(tip, attribute):
    step = _pauses(tip)[0]
    if step is None:
        return None
    if attribute == "ground":
        return str(SuspensionGround(step.ground).label) if step.ground else ""
    return getattr(step, attribute)


def _resume(tip, attribute):
    step = _pauses(tip)[1]
    return getattr(step, attribute) if step is not None else None


def _procuracy_cancel(tip, attribute):
    """The latest decision of the procuracy cancelling a suspension (Art. 148(2)) or a không khởi
    tố decision (Art. 153(3)(a))."""
    steps = [s for s in _recorded(tip) if s.action == TipAction.PROCURACY_CANCEL]
    return getattr(steps[-1], attribute) if steps else None


def _decision(tip) -> str:
    if not _decided(tip):
        return ""
    steps = _recorded(tip)
    if steps and steps[-1].action == TipAction.PROCURACY_PROSECUTE:
        # the case was opened by the procuracy, not by the investigating body
        return f"{tip.get_state_display()} — {TipAction.PROCURACY_PROSECUTE.label}"
    return tip.get_state_display()


def _notices(tip) -> str:
    notices = getattr(tip, "export_notices", None)
    if notices is None:
        notices = list(tip.notices.all())
    return "; ".join(
        f"{n.get_kind_display()} ({timezone.localtime(n.printed_at):%d/%m/%Y})" for n in notices
    )


@dataclasses.dataclass(frozen=True)
class Column:
    header: str
    width: int
    value: Callable
    kind: str = "text"  # text | date | datetime | number


def _decided(tip):
    return tip.decision_date is not None


COLUMNS = [
    Column("Số tiếp nhận", 12, lambda t: t.register_number),
    Column("Thời điểm tiếp nhận", 17, lambda t: _local(t.received_at), "datetime"),
    Column("Loại nguồn tin", 20, lambda t: t.get_kind_display()),
    Column("Hình thức tiếp nhận", 20, lambda t: t.get_channel_display()),
    Column("Cơ quan báo tin / kiến nghị", 26, lambda t: t.sender_agency),
    Column("Số văn bản báo tin", 14, lambda t: t.sender_document_number),
    Column("Ngày văn bản báo tin", 12, lambda t: t.sender_document_date, "date"),
    Column("Xã / thị trấn", 18, lambda t: t.commune.full_name),
    Column("Thôn / tổ dân phố", 18, lambda t: t.village.full_name if t.village else ""),
    Column("Địa chỉ nơi xảy ra", 24, lambda t: t.address),
    Column("Nhóm tội phạm", 20, lambda t: t.crime_group.name),
    Column("Tóm tắt nội dung", 60, lambda t: t.summary),
    Column("Khẩn cấp", 9, lambda t: "Có" if t.urgent else ""),
    Column("Đã báo CQĐT lúc", 17, lambda t: _local(t.urgent_alerted_at), "datetime"),
    Column("Cán bộ thụ lý", 22, lambda t: person_name(t.assigned_to)),
    Column("Trạng thái", 22, lambda t: t.get_state_display()),
    Column("Vụ việc phức tạp", 10, lambda t: "Có" if t.is_complex else ""),
    Column("Số tháng gia hạn", 10, lambda t: t.extension_months or None, "number"),
    Column("Số QĐ gia hạn của VKS", 16, lambda t: t.extension_number),
    Column("Ngày QĐ gia hạn", 12, lambda t: t.extension_date, "date"),
    Column("Số QĐ tạm đình chỉ", 14, lambda t: _suspension(t, "number")),
    Column("Ngày tạm đình chỉ", 12, lambda t: _suspension(t, "date"), "date"),
    Column("Căn cứ tạm đình chỉ (Điều 148)", 30, lambda t: _suspension(t, "ground")),
    Column("Số QĐ phục hồi", 14, lambda t: _resume(t, "number")),
    Column("Ngày phục hồi", 12, lambda t: _resume(t, "date"), "date"),
    Column("Số QĐ hủy bỏ của VKS", 14, lambda t: _procuracy_cancel(t, "number")),
    Column("Ngày QĐ hủy bỏ của VKS", 12, lambda t: _procuracy_cancel(t, "date"), "date"),
    Column("Quyết định", 24, _decision),
    Column("Số quyết định", 16, lambda t: t.decision_number),
    Column("Ngày quyết định", 12, lambda t: t.decision_date, "date"),
    Column("Cơ quan được chuyển đến", 24, lambda t: t.transfer_agency),
    Column(
        "Gộp vào nguồn tin",
        12,
        lambda t: t.merged_into.register_number if t.merged_into_id else "",
    ),
    Column("Số ngày giải quyết", 10, lambda t: t.days_taken() if _decided(t) else None, "number"),
    Column("Hạn giải quyết", 12, lambda t: t.due_on, "date"),
    Column("Văn bản thông báo đã lập", 40, _notices),
]
HEADERS = [c.header for c in COLUMNS]


def _cell(sheet, column: Column, tip):
    value = column.value(tip)
    if column.kind == "text":
        return text_cell(sheet, value)
    cell = WriteOnlyCell(sheet, value=value)
    if column.kind == "date":
        cell.number_format = DATE_FORMAT
    elif column.kind == "datetime":
        cell.number_format = DATETIME_FORMAT
    return cell


def for_export(queryset):
    """The queryset with what the columns read, in a fixed number of queries per chunk."""
    return queryset.select_related(
        "commune", "village", "crime_group", "assigned_to", "merged_into"
    ).prefetch_related(
        Prefetch(
            "steps",
            queryset=TipStep.objects.filter(action__in=RECORDED_ACTIONS).order_by("at", "id"),
            to_attr="recorded_steps",
        ),
        Prefetch(
            "notices", queryset=TipNotice.objects.order_by("printed_at"), to_attr="export_notices"
        ),
    )


def register_xlsx(queryset, *, subtitle: str = "") -> bytes:
    """Row 1: the title; row 2: what was exported; row 3: the headers (frozen, autofiltered)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ tiếp nhận")
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "B4"
    title = text_cell(sheet, TITLE)
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    sheet.append([text_cell(sheet, subtitle or f"Xuất ngày {timezone.localdate():%d/%m/%Y}")])
    header_cells = []
    for column in COLUMNS:
        cell = text_cell(sheet, column.header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    rows = 0
    for tip in for_export(queryset).iterator(chunk_size=2000):
        sheet.append([_cell(sheet, column, tip) for column in COLUMNS])
        rows += 1
    sheet.auto_filter.ref = f"A3:{get_column_letter(len(COLUMNS))}{3 + rows}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
