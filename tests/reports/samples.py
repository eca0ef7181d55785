"""Figures built by hand, shaped like the 2020 Khánh Sơn article, for document and wording tests."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from reports.document import DraftText, Letterhead
from reports.figures import (
    CampaignLine,
    CommuneRow,
    Compared,
    LabelledCount,
    NamedModel,
    ReportFigures,
    TargetLine,
)

COMMUNES = [
    "Thị trấn Tô Hạp",
    "Xã Ba Cụm Bắc",
    "Xã Ba Cụm Nam",
    "Xã Sơn Bình",
    "Xã Sơn Hiệp",
    "Xã Sơn Lâm",
    "Xã Sơn Trung",
    "Xã Thành Sơn",
]


def sample_figures(**changes) -> ReportFigures:
    figures = ReportFigures(
        year=2020,
        unit_id=1,
        unit_name="huyện Khánh Sơn",
        is_commune=False,
        unit_kind="huyện",
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 12, 31),
        plans_issued=5,
        campaigns=[
            CampaignLine(
                number="02/KH-BCĐ138",
                plan_date=dt.date(2020, 1, 6),
                title="Đợt cao điểm tấn công trấn áp tội phạm dịp Tết Nguyên đán Canh Tý 2020",
                start=dt.date(2020, 1, 10),
                end=dt.date(2020, 2, 15),
                state="ket_thuc",
                targets=[
                    TargetLine(
                        "Tỷ lệ điều tra khám phá",
                        "%",
                        Decimal(70),
                        Decimal("85.7"),
                        Decimal("122.4"),
                    ),
                    TargetLine("Buổi tuyên truyền", "buổi", Decimal(20), Decimal(24), Decimal(120)),
                ],
            )
        ],
        tips_received=Compared(57, 69),
        tips_by_kind=[
            LabelledCount("tố giác", 35),
            LabelledCount("tin báo", 20),
            LabelledCount("kiến nghị khởi tố", 2),
        ],
        tips_by_crime_group=[
            LabelledCount("xâm phạm sở hữu", 30),
            LabelledCount("ma túy", 6),
            LabelledCount("cờ bạc", 4),
        ],
        cases_opened=Compared(21, 19),
        cases_solved=Compared(18, 15),
        suspects=Compared(30, 28),
        arrested=Compared(25, 20),
        drugs=Compared(6, 8),
        gambling=Compared(4, 4),
        tips_settled=54,
        tips_settled_on_time=52,
        tips_overdue=1,
        models_total=12,
        models_new=1,
        models_gone_quiet=2,
        models_by_status=[
            LabelledCount("hoạt động hiệu quả", 6),
            LabelledCount("hoạt động", 4),
            LabelledCount("cần củng cố", 2),
        ],
        models_by_type=[
            LabelledCount("Camera an ninh", 3),
            LabelledCount("Tự quản", 9),
        ],
        outstanding_models=[
            NamedModel("Gương sáng", "Xã Sơn Lâm", "Xã Sơn Lâm"),
            NamedModel("Giáo họ tự quản về ANTT", "Xã Sơn Trung", "Xã Sơn Trung"),
            NamedModel("Thôn tự quản về ANTT", "Xã Sơn Hiệp", "Xã Sơn Hiệp"),
        ],
        new_models=[NamedModel("camera an ninh", "Thôn Liên Hòa", "Xã Sơn Bình")],
        outreach_sessions=Compared(120, 98),
        outreach_attendees=Compared(8500, 7300),
        communes=[
            CommuneRow(
                commune_id=i + 10,
                commune=name,
                tips_received=5 + i,
                tips_received_previous=6 + i,
                tips_settled=4 + i,
                cases_opened=2,
                cases_solved=2,
                arrested=3,
                models_total=1 + i % 3,
                outreach_sessions=15,
                outreach_attendees=1000 + 10 * i,
            )
            for i, name in enumerate(COMMUNES)
        ],
    )
    return replace(figures, **changes)


def empty_figures(**changes) -> ReportFigures:
    figures = ReportFigures(
        year=2020,
        unit_id=1,
        unit_name="huyện Khánh Sơn",
        is_commune=False,
        unit_kind="huyện",
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 12, 31),
        plans_issued=0,
    )
    return replace(figures, **changes)


LETTERHEAD = Letterhead(
    authority="UBND HUYỆN KHÁNH SƠN",
    committee="BAN CHỈ ĐẠO 138",
    place="Khánh Sơn",
    number_suffix="BC-BCĐ138",
    signer_name="Nguyễn Văn Nhuận",
    signer_title="Chủ tịch UBND huyện",
)

DRAFT = DraftText(
    number="15",
    date=dt.date(2021, 3, 10),
    shortcomings=(
        "Công tác nắm tình hình ở một số xã còn chậm.\nMột số mô hình hoạt động cầm chừng."
    ),
    tasks="Tập trung mở các đợt cao điểm tấn công trấn áp tội phạm.",
    recipients=["- Ban Chỉ đạo 138 tỉnh;", "- Thường trực Huyện ủy;", "- Lưu: VT."],
)
