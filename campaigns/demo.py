"""Demo campaigns of Khánh Sơn for 2019–2021: plans, targets, tasks, hand figures, outreach.

Idempotent: each campaign is found by its plan number, and its children are made only with it.
Runs after tips' demo data, but does not need any: computed figures are simply zero without tips.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ban138 import documents
from ban138.models import AdministrativeUnit, DocumentKind
from campaigns.models import (
    Campaign,
    CommuneResult,
    Outreach,
    SeizedItem,
    State,
    Target,
    TargetKind,
    Task,
    Transition,
)
from tips.queries import crime_groups_with_codes

DEMO = [
    {
        "number": "02/KH-BCĐ138",
        "plan_date": dt.date(2019, 1, 8),
        "title": "Đợt cao điểm tấn công trấn áp tội phạm dịp Tết Nguyên đán Kỷ Hợi 2019",
        "start": dt.date(2019, 1, 15),
        "end": dt.date(2019, 2, 28),
        "communes": ["Sơn Bình", "Sơn Lâm", "Tô Hạp"],
        "groups": ["xam_pham_so_huu", "co_bac"],
        "state": State.CLOSED,
        "raids": {"Sơn Bình": 6, "Tô Hạp": 4},
        "summary": "Đợt cao điểm hoàn thành các chỉ tiêu đề ra; tình hình ANTT dịp Tết ổn định.",
    },
    {
        "number": "03/KH-BCĐ138",
        "plan_date": dt.date(2020, 1, 6),
        "title": "Đợt cao điểm tấn công trấn áp tội phạm dịp Tết Nguyên đán Canh Tý 2020",
        "start": dt.date(2020, 1, 10),
        "end": dt.date(2020, 2, 15),
        "communes": None,
        "groups": ["xam_pham_so_huu", "ma_tuy", "co_bac"],
        "state": State.CLOSED,
        "raids": {"Sơn Bình": 9, "Sơn Hiệp": 3, "Tô Hạp": 5},
        "summary": (
            "Trong đợt cao điểm, lực lượng Công an huyện phối hợp các xã, thị trấn tổ chức "
            "truy quét các tụ điểm cờ bạc, ma túy; tuyên truyền rộng rãi đến Nhân dân. "
            "Các chỉ tiêu cơ bản đạt và vượt; cần tiếp tục duy trì tuần tra ban đêm."
        ),
        "shortcomings": (
            "Việc nắm tình hình tại các thôn vùng sâu có lúc còn chậm; một số tụ điểm cờ bạc "
            "tái hoạt động sau đợt truy quét."
        ),
    },
    {
        "number": "11/KH-BCĐ138",
        "plan_date": dt.date(2020, 8, 3),
        "title": "Đợt cao điểm bảo đảm ANTT phục vụ Đại hội Đảng bộ các cấp năm 2020",
        "start": dt.date(2020, 8, 10),
        "end": dt.date(2020, 10, 10),
        "communes": ["Sơn Trung", "Thành Sơn", "Tô Hạp"],
        "groups": ["trat_tu_xa_hoi"],
        "state": State.CLOSED,
        "raids": {"Thành Sơn": 2},
        "summary": "Đại hội diễn ra an toàn; không để xảy ra tình huống bất ngờ về ANTT.",
    },
    {
        "number": "01/KH-BCĐ138",
        "plan_date": dt.date(2021, 1, 4),
        "title": "Đợt cao điểm tấn công trấn áp tội phạm dịp Tết Nguyên đán Tân Sửu 2021",
        "start": dt.date(2021, 1, 10),
        "end": dt.date(2021, 2, 28),
        "communes": ["Sơn Bình", "Sơn Lâm", "Sơn Hiệp", "Tô Hạp"],
        "groups": ["xam_pham_so_huu", "ma_tuy"],
        "state": State.APPROVED,
        "raids": {"Sơn Bình": 5, "Sơn Lâm": 2},
        "summary": "",
    },
    {
        "number": "07/KH-BCĐ138",
        "plan_date": dt.date(2021, 6, 1),
        "title": "Đợt cao điểm phòng, chống tội phạm ma túy năm 2021",
        "start": dt.date(2021, 6, 15),
        "end": dt.date(2021, 7, 31),
        "communes": ["Ba Cụm Bắc", "Ba Cụm Nam", "Sơn Bình"],
        "groups": ["ma_tuy"],
        "state": State.DRAFT,
        "raids": {},
        "summary": "",
    },
]

TARGETS = [
    (TargetKind.SOLVED_RATE, Decimal(70)),
    (TargetKind.ARRESTS, Decimal(15)),
    (TargetKind.OUTREACH_SESSIONS, Decimal(6)),
    (TargetKind.ATTENDEES, Decimal(600)),
]


def _communes(names) -> list[AdministrativeUnit]:
    # The demo's campaigns are of 2019–2021: the units of then, not the communes of 2025.
    units = AdministrativeUnit.objects.communes().existing_on(dt.date(2019, 1, 1))
    return list(units) if names is None else list(units.filter(name__in=names))


def _user(username):
    return User.objects.filter(username=username).first()


def _children(campaign, spec, communes, secretariat, chairman) -> None:
    for kind, value in TARGETS:
        Target.objects.create(campaign=campaign, kind=kind, value=value)
    for offset, (title, owner) in enumerate(
        [
            ("Triển khai kế hoạch đến các xã, thị trấn", "Thường trực BCĐ 138"),
            ("Tổ chức tuần tra, kiểm soát ban đêm", "Công an huyện"),
            ("Rà soát, lập danh sách đối tượng hình sự, nghiện ma túy", "Công an các xã"),
        ]
    ):
        done = spec["state"] == State.CLOSED or offset == 0
        due = spec["start"] + dt.timedelta(days=7 + 10 * offset)
        Task.objects.create(campaign=campaign, title=title, owner=owner, due_date=due, done=done)
    if spec["state"] == State.DRAFT:
        return
    _record(campaign, State.DRAFT, State.APPROVED, chairman, spec["plan_date"])
    _register(campaign, DocumentKind.PLAN, spec["plan_date"], chairman, number=campaign.number)
    _hand_figures(campaign, spec, communes, secretariat)
    if spec["state"] == State.CLOSED:
        closed_on = spec["end"] + dt.timedelta(days=5)
        _record(campaign, State.APPROVED, State.CLOSED, secretariat, closed_on)
        _register(campaign, DocumentKind.INTERIM_REPORT, closed_on, secretariat)


def _register(campaign, kind, day, by, number: str = "") -> None:
    """The plan and the sơ kết in the sổ văn bản đi, as approving and closing would enter them."""
    documents.document_register(
        kind=kind,
        title=campaign.title if kind == DocumentKind.PLAN else f"Sơ kết {campaign.title}",
        document_date=day,
        number=documents.parse_number(number) if number else None,
        by=by,
        source=documents.source_key(campaign),
    )


def _record(campaign, from_state, to_state, by, day) -> None:
    """A lifecycle step dated as it happened (``at`` is auto_now_add, so set it afterwards)."""
    step = Transition.objects.create(
        campaign=campaign, from_state=from_state, to_state=to_state, by=by
    )
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    Transition.objects.filter(pk=step.pk).update(at=at)


def _hand_figures(campaign, spec, communes, by) -> None:
    for commune in communes:
        raids = spec["raids"].get(commune.name, 0)
        result = CommuneResult.objects.create(
            campaign=campaign, commune=commune, raid_arrests=raids
        )
        if raids:
            SeizedItem.objects.create(
                result=result,
                name="Tiền dùng đánh bạc",
                quantity=Decimal(raids * 1500000),
                unit="đồng",
            )
        held_on = spec["start"] + dt.timedelta(days=5)
        Outreach.objects.create(
            commune=commune,
            held_on=held_on,
            topic="Tuyên truyền phòng, chống tội phạm và tệ nạn xã hội",
            attendees=80 + 15 * len(commune.name),
            campaign=campaign,
            created_by=by,
        )


def _outreach_outside_campaigns(by) -> None:
    """The movement's festival day (19 August) is held in every commune, outside campaigns."""
    for year in (2019, 2020, 2021):
        for commune in _communes(["Sơn Bình", "Sơn Lâm", "Sơn Trung", "Sơn Hiệp"]):
            Outreach.objects.get_or_create(
                commune=commune,
                held_on=dt.date(year, 8, 19),
                campaign=None,
                defaults={
                    "topic": "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
                    "attendees": 150,
                    "created_by": by,
                },
            )


# Before and after the 2025 reform (docs/REFORM.md): the festival day of 2024 in four of the old
# units, that of 2025 (after 1/7) in the three communes formed from them.
REFORM_FESTIVALS = {
    2024: (["Tô Hạp", "Sơn Hiệp", "Sơn Bình", "Sơn Lâm"], 120),
    2025: (["Khánh Sơn", "Tây Khánh Sơn", "Đông Khánh Sơn"], 260),
}


def _reform_festivals(by) -> None:
    for year, (names, attendees) in REFORM_FESTIVALS.items():
        day = dt.date(year, 8, 19)
        if day > timezone.localdate():  # nothing is seeded in the future
            continue
        for commune in (
            AdministrativeUnit.objects.communes().existing_on(day).filter(name__in=names)
        ):
            Outreach.objects.get_or_create(
                commune=commune,
                held_on=day,
                campaign=None,
                defaults={
                    "topic": "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
                    "attendees": attendees,
                    "created_by": by,
                },
            )


@transaction.atomic
def seed(*, stdout) -> None:
    secretariat, chairman = _user("thuongtruc"), _user("truongban")
    if secretariat is None or chairman is None:
        stdout.write("  bỏ qua: chưa có tài khoản mẫu thuongtruc / truongban")
        return
    made = 0
    for spec in DEMO:
        if Campaign.objects.filter(number=spec["number"], plan_date=spec["plan_date"]).exists():
            continue
        communes = _communes(spec["communes"])
        campaign = Campaign.objects.create(
            number=spec["number"],
            plan_date=spec["plan_date"],
            title=spec["title"],
            start=spec["start"],
            end=spec["end"],
            lead_agency="Công an huyện Khánh Sơn",
            all_communes=spec["communes"] is None,
            state=spec["state"],
            summary_text=spec["summary"],
            shortcomings_text=spec.get("shortcomings", ""),
            created_by=secretariat,
        )
        campaign.communes.set([] if spec["communes"] is None else communes)
        campaign.focus_crime_groups.set(crime_groups_with_codes(spec["groups"]))
        _children(campaign, spec, communes, secretariat, chairman)
        made += 1
    _outreach_outside_campaigns(secretariat)
    _reform_festivals(secretariat)
    stdout.write(f"  {made} đợt cao điểm mới")
