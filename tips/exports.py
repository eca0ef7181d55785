"""The register as XLSX, for the procuracy to cross-check. Never any informant data: the rows
are built from the Tip table alone, which holds no identity."""

import io

from django.utils import timezone
from openpyxl import Workbook

from ban138.text import person_name
from ban138.xlsx import append_row

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HEADERS = [
    "Số thụ lý",
    "Ngày tiếp nhận",
    "Loại nguồn tin",
    "Hình thức tiếp nhận",
    "Xã / thị trấn",
    "Nhóm tội phạm",
    "Tóm tắt nội dung",
    "Cán bộ thụ lý",
    "Trạng thái",
    "Quyết định",
    "Số quyết định",
    "Ngày quyết định",
    "Số ngày giải quyết",
    "Hạn giải quyết",
]
WIDTHS = [10, 16, 20, 20, 18, 20, 60, 22, 22, 24, 16, 14, 10, 14]


def _row(tip):
    decided = tip.decision_date is not None
    officer = person_name(tip.assigned_to)
    return [
        tip.register_number,
        timezone.localtime(tip.received_at).strftime("%d/%m/%Y %H:%M"),
        tip.get_kind_display(),
        tip.get_channel_display(),
        tip.commune.full_name,
        tip.crime_group.name,
        tip.summary,
        officer,
        tip.get_state_display(),
        tip.get_state_display() if decided else "",
        tip.decision_number,
        tip.decision_date.strftime("%d/%m/%Y") if decided else "",
        tip.days_taken() if decided else None,
        tip.due_on.strftime("%d/%m/%Y"),
    ]


def register_xlsx(queryset) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ tiếp nhận")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.append(HEADERS)
    for tip in queryset.iterator(chunk_size=2000):
        append_row(sheet, _row(tip))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
