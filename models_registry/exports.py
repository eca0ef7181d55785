"""The model list as an Excel workbook, for communes and the secretariat who keep sheets."""

import datetime as dt
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ban138.xlsx import append_row

DATE_FORMAT = "DD/MM/YYYY"


def _headers() -> list[str]:
    return [
        _("STT"),
        _("Tên mô hình"),
        _("Loại mô hình"),
        _("Xã / thị trấn"),
        _("Thôn / tổ dân phố"),
        _("Tổ chức chủ trì"),
        _("Ngày thành lập"),
        _("Số quyết định"),
        _("Số điểm"),
        _("Số tổ"),
        _("Số thành viên"),
        _("Camera lắp đặt"),
        _("Camera hoạt động"),
        _("Tình trạng"),
        _("Kiểm tra gần nhất"),
        _("Lâu chưa cập nhật"),
        _("Điển hình (năm)"),
    ]


def _row(number: int, model, today: dt.date) -> list:
    return [
        number,
        model.name,
        model.model_type.name,
        model.commune.full_name,
        model.village.full_name if model.village_id else "",
        model.host_organisation.name if model.host_organisation_id else "",
        model.established_on,
        model.decision_number,
        model.places,
        model.teams,
        model.members,
        model.cameras_installed,
        model.cameras_working,
        model.get_current_status_display(),
        model.last_checked_on,
        _("Có") if model.is_quiet(today) else "",
        ", ".join(str(r.year) for r in model.recognitions.all()),
    ]


def models_xlsx(models, *, today: dt.date) -> bytes:
    """One sheet, one row per model, headers in Vietnamese, dates as real dates (dd/mm/yyyy)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Mô hình tự quản")
    sheet.append(_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, model in enumerate(models, start=1):
        append_row(sheet, _row(number, model, today))
    for column in (7, 15):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = DATE_FORMAT
    for index, width in enumerate([5, 32, 24, 20, 20, 20, 13, 16] + [10] * 9, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
