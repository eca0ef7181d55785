"""The XLSX the procuracy cross-checks, read back with openpyxl: a title, a frozen header with an
autofilter, dates as date cells, the workflow's columns, no formula, no informant."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.tips.factories import make_tip, verifying_tip
from tips import exports, printing, services
from tips.models import NoticeKind, TipState
from tips.workflow import SuspensionGround

pytestmark = pytest.mark.django_db
INFORMANT = {
    "name": "ZZCANARY Phạm",
    "id_number": "056011112222",
    "phone": "0977111222",
    "address": "ZZCANARY thôn",
}


def _workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _rows(sheet):
    headers = [c.value for c in sheet[3]]
    return headers, [
        dict(zip(headers, [c for c in row], strict=True)) for row in sheet.iter_rows(min_row=4)
    ]


def test_the_export_reads_back_with_types_columns_and_no_informant(
    client_for, officer, leader, son_binh, lien_hoa
):
    today = timezone.localdate()
    suspended = verifying_tip(
        leader=leader,
        officer=officer,
        commune=son_binh,
        village=lien_hoa,
        address="Rẫy keo",
        urgent=True,
        informant=INFORMANT,
        summary='=HYPERLINK("http://x","bấm") mất trộm',
        received_at=timezone.now() - dt.timedelta(days=6),
    )
    suspended = services.tip_mark_complex(tip=suspended, by=leader)
    suspended = services.tip_record_extension(
        tip=suspended, by=leader, months=1, number="7/QĐ-VKS", date=today, note=""
    )
    # Art. 148(1): a suspension only once the Art. 147 limit has run out.
    resumed = verifying_tip(
        leader=leader,
        officer=officer,
        commune=son_binh,
        received_at=timezone.now() - dt.timedelta(days=60),
    )
    resumed = services.tip_decide(
        tip=resumed,
        by=leader,
        outcome=TipState.SUSPENDED,
        number="9/QĐ-TĐC",
        date=today,
        ground=SuspensionGround.FORCE_MAJEURE,
    )
    services.tip_resume(tip=resumed, by=leader, number="2/QĐ-PH", date=today)
    target = make_tip(by=officer, commune=son_binh, summary="Nguồn tin gốc về trộm cắp")
    dup = verifying_tip(leader=leader, officer=officer, commune=son_binh, summary="+SUM(A1) trùng")
    services.tip_decide(
        tip=dup, by=leader, outcome=TipState.MERGED, number="", date=today, merged_into=target
    )
    moved = verifying_tip(leader=leader, officer=officer, commune=son_binh, summary="@cmd chuyển")
    moved = services.tip_decide(
        tip=moved,
        by=leader,
        outcome=TipState.TRANSFERRED,
        number="5/PC",
        date=today,
        transfer_agency="-Công an huyện Cam Lâm",
    )
    printing.record_notice(tip=moved, by=leader, kind=NoticeKind.TRANSFER)

    response = client_for(leader).get(reverse("tips:export"))
    workbook = _workbook(response)
    sheet = workbook.active
    assert sheet["A1"].value == "SỔ TIẾP NHẬN NGUỒN TIN VỀ TỘI PHẠM"
    assert sheet.freeze_panes == "B4"
    assert sheet.auto_filter.ref.startswith("A3:")
    headers, rows = _rows(sheet)
    assert headers == exports.HEADERS and headers[0] == "Số tiếp nhận"
    by_number = {r["Số tiếp nhận"].value: r for r in rows}

    row = by_number[suspended.register_number]
    assert isinstance(row["Thời điểm tiếp nhận"].value, dt.datetime)
    assert row["Ngày QĐ gia hạn"].value.date() == today and row["Ngày QĐ gia hạn"].is_date
    assert row["Hạn giải quyết"].is_date
    assert row["Số QĐ gia hạn của VKS"].value == "7/QĐ-VKS"
    assert row["Số tháng gia hạn"].value == 1 and row["Vụ việc phức tạp"].value == "Có"
    pause = by_number[resumed.register_number]
    assert pause["Ngày tạm đình chỉ"].value.date() == today and pause["Ngày tạm đình chỉ"].is_date
    assert pause["Ngày phục hồi"].value.date() == today
    assert pause["Số QĐ phục hồi"].value == "2/QĐ-PH"
    # The suspension decision stays on the record after the resume (Art. 148–149).
    assert pause["Số QĐ tạm đình chỉ"].value == "9/QĐ-TĐC"
    assert pause["Căn cứ tạm đình chỉ (Điều 148)"].value == SuspensionGround.FORCE_MAJEURE.label
    assert row["Khẩn cấp"].value == "Có"
    assert row["Thôn / tổ dân phố"].value == "Thôn Liên Hòa"
    assert row["Địa chỉ nơi xảy ra"].value == "Rẫy keo"
    assert by_number[dup.register_number]["Gộp vào nguồn tin"].value == target.register_number
    moved_row = by_number[moved.register_number]
    assert moved_row["Cơ quan được chuyển đến"].value == "-Công an huyện Cam Lâm"
    assert "Phiếu chuyển nguồn tin" in moved_row["Văn bản thông báo đã lập"].value

    every_cell = [c for r in sheet.iter_rows() for c in r]
    assert all(c.data_type != "f" for c in every_cell)
    text = " ".join(str(c.value) for c in every_cell if c.value is not None)
    assert "=HYPERLINK" in text and "+SUM(A1)" in text  # kept, as text
    assert "ZZCANARY" not in text and INFORMANT["phone"] not in text


def test_a_leader_filters_and_exports_the_reveal_log(client_for, officer, leader, son_binh):
    tip = make_tip(by=officer, commune=son_binh, informant=INFORMANT)
    tip = services.tip_assign(tip=tip, by=leader, officer=officer)
    services.informant_reveal(tip=tip, by=leader, reason="Kiểm tra hồ sơ")
    services.informant_reveal(tip=tip, by=officer, reason="Gọi xác minh")
    client = client_for(leader)
    page = client.get(reverse("tips:reveal_log"), {"username": officer.username}).content.decode()
    assert "Gọi xác minh" in page and "Kiểm tra hồ sơ" not in page
    assert "ZZCANARY" not in page
    response = client.get(reverse("tips:reveal_log_export"), {"tip": tip.register_number})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Thời điểm" and len(rows) == 3
    assert isinstance(rows[1][0], dt.datetime)
    assert "ZZCANARY" not in repr(rows)
    assert client.get(reverse("tips:reveal_log"), {"tip": "9" * 30}).status_code == 200
    assert client_for(officer).get(reverse("tips:reveal_log_export")).status_code == 403


def test_the_export_shows_the_procuracys_cancellations_and_its_khoi_to(
    client_for, officer, leader, son_binh
):
    """Art. 148(2) and Art. 153(3)(a): the procuracy's cancellation stays on the register, and a
    case the procuracy opened says so."""
    today = timezone.localdate()
    opened = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    opened = services.tip_not_prosecute(
        tip=opened, by=leader, number="4/QĐ-KKT", date=today, ground="157_2"
    )
    services.tip_procuracy_prosecute(
        tip=opened,
        by=leader,
        cancel_number="7/QĐ-VKS",
        cancel_date=today,
        number="8/QĐ-VKS",
        date=today,
    )
    reopened = verifying_tip(
        leader=leader,
        officer=officer,
        commune=son_binh,
        received_at=timezone.now() - dt.timedelta(days=60),
    )
    reopened = services.tip_decide(
        tip=reopened,
        by=leader,
        outcome=TipState.SUSPENDED,
        number="9/QĐ-TĐC",
        date=today,
        ground=SuspensionGround.FORCE_MAJEURE,
    )
    services.tip_procuracy_cancel(
        tip=reopened, by=leader, number="3/QĐ-VKS", date=today, received_on=today
    )
    _headers, rows = _rows(_workbook(client_for(leader).get(reverse("tips:export"))).active)
    by_number = {r["Số tiếp nhận"].value: r for r in rows}
    row = by_number[opened.register_number]
    assert row["Quyết định"].value == (
        "Khởi tố vụ án — Viện kiểm sát hủy bỏ quyết định không khởi tố, khởi tố vụ án hình sự"
    )
    assert row["Số quyết định"].value == "8/QĐ-VKS"
    assert row["Số QĐ hủy bỏ của VKS"].value == "7/QĐ-VKS"
    assert row["Ngày QĐ hủy bỏ của VKS"].is_date
    assert row["Ngày QĐ hủy bỏ của VKS"].value.date() == today
    again = by_number[reopened.register_number]
    assert again["Số QĐ hủy bỏ của VKS"].value == "3/QĐ-VKS"
    assert again["Số QĐ tạm đình chỉ"].value == "9/QĐ-TĐC"  # the cancelled decision stays
    assert not again["Quyết định"].value  # being verified again
