"""Demo tips and cases for Khánh Sơn: deterministic (fixed seed) and idempotent.

2019–2021 are the years of the year-end article; 2020 is shaped on it: 57 tips received, 54
settled within the year; the three carried over were settled early in 2021, as a district does —
no tip of a past year is still open. Every past year's work is settled: its notices to the
procuracy sent, a suspension either lifted and decided or (last year) still awaiting its expert
result. The current year, up to yesterday, has its tips in progress: the most recent ones open,
a few of them with a notice still to send. Every step follows tips/workflow.py (through the
services, on the dates a district would have taken them); informants carry obviously fictitious
names. 2024 and 2025 are seeded too, each once it is a past year: before and after the reform
of 1/7/2025, each tip filed under a commune that existed on the day it was received. District
police ended on 1/3/2025 (docs/REFORM.md): a tip received from then on is entered by the police
of the commune committee that now holds its commune (Công an xã …, notices "TB-CAX"), in that
body's own register; the district's police keep their register of before.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ban138.models import AdministrativeUnit
from tips import services
from tips.models import (
    Case,
    CrimeGroup,
    CrimeSeverity,
    Tip,
    TipDuty,
    TipKind,
    TipState,
    TipStep,
)
from tips.reference import ensure_crime_groups
from tips.workflow import NoProsecutionGround, SuspensionGround

SEED = 138
# year -> (tips received and kept, of which not decided within the year)
PLAN = {2019: (64, 0), 2020: (57, 3), 2021: (36, 0)}
# The recent years, relative to the day the seed runs: (tips in a full year, left undecided).
RECENT = (52, 8)
GROUP_WEIGHTS = {
    "xam_pham_so_huu": 30,
    "ma_tuy": 14,
    "trat_tu_xa_hoi": 16,
    "kinh_te": 6,
    "moi_truong_lam_san": 12,
    "mua_ban_nguoi": 2,
    "co_bac": 10,
    "cong_nghe_cao": 4,
    "khac": 6,
}
SUMMARIES = {
    "xam_pham_so_huu": "Mất trộm {thing} tại nhà dân ở {place}",
    "ma_tuy": "Nghi có người tàng trữ, sử dụng trái phép chất ma túy tại {place}",
    "trat_tu_xa_hoi": "Xô xát, cố ý gây thương tích sau cuộc nhậu tại {place}",
    "kinh_te": "Nghi lừa đảo thu tiền góp vốn trồng sầu riêng tại {place}",
    "moi_truong_lam_san": "Khai thác, vận chuyển gỗ trái phép ở khu rừng gần {place}",
    "mua_ban_nguoi": "Nghi dụ dỗ người lao động sang biên giới, liên quan {place}",
    "co_bac": "Tụ tập đánh bạc ăn tiền (đá gà) tại {place}",
    "cong_nghe_cao": "Bị lừa chuyển tiền qua mạng xã hội, người bị hại ở {place}",
    "khac": "Tin báo vụ việc có dấu hiệu tội phạm tại {place}",
}
THINGS = ["xe máy", "bò", "điện thoại", "máy cắt cỏ", "cà phê nhân", "tiền mặt"]
PLACES = ["suối Đá", "đầu cầu treo", "rẫy keo", "chợ trung tâm", "bến xe", "quán tạp hóa"]
FIRST = ["Mẫu", "Thử", "Giả Định", "Minh Họa", "Ví Dụ"]
LAST = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị"]
# Crime class weights by group (BLHS Điều 9): thefts and fights are mostly ít nghiêm trọng or
# nghiêm trọng; drug dealing and trafficking in persons reach the graver classes.
L, S, V, E = CrimeSeverity
SEVERITY_WEIGHTS = {
    "xam_pham_so_huu": ((L, 55), (S, 35), (V, 10)),
    "ma_tuy": ((S, 40), (V, 45), (E, 15)),
    "trat_tu_xa_hoi": ((L, 40), (S, 40), (V, 15), (E, 5)),
    "mua_ban_nguoi": ((V, 60), (E, 40)),
}
DEFAULT_SEVERITY = ((L, 50), (S, 40), (V, 10))
# Share of each decision among settled tips.
OUTCOMES = [
    (TipState.PROSECUTED, 45),
    (TipState.NOT_PROSECUTED, 35),
    (TipState.SUSPENDED, 8),
    (TipState.TRANSFERRED, 12),
]


# District police ended on 1/3/2025 (docs/REFORM.md: Công an cấp huyện kết thúc hoạt động).
DISTRICT_POLICE_ENDED = dt.date(2025, 3, 1)
# The new communes' police accounts (ban138/demo.py), by the name of their commune.
COMMUNE_POLICE = {"ks": "Khánh Sơn", "tks": "Tây Khánh Sơn", "dks": "Đông Khánh Sơn"}
# The body's part of a police document's ký hiệu: Công an huyện / xã / tỉnh.
POLICE_CODES = {"huyen": "CAH", "xa": "CAX", "tinh": "CAT"}

SENDERS = {
    TipKind.REPORT: "UBND {commune}",
    TipKind.PROSECUTION_REQUEST: "Hạt Kiểm lâm huyện Khánh Sơn",
}


# Before and after the 2025 reform (docs/REFORM.md): 2024 filed under the eight old units, 2025
# under them until 30/6 and under the three communes formed on 1/7 after, so the new communes'
# 2025 report compares with their predecessors' 2024.
REFORM_YEARS = (2024, 2025)


def _plan(today: dt.date) -> dict[int, tuple[int, int]]:
    plan = dict(PLAN)
    per_year, undecided = RECENT
    for year in sorted({*REFORM_YEARS, today.year - 1}):
        if max(PLAN) < year < today.year:  # a past year: every tip settled
            plan[year] = (per_year, 0)
    elapsed = (today - dt.date(today.year, 1, 1)).days
    if today.year > max(PLAN) and elapsed >= 30:
        plan[today.year] = (max(undecided + 1, per_year * elapsed // 365), undecided)
    return plan


def seed(*, stdout) -> None:
    if Tip.objects.filter(year__in=PLAN).exists():
        stdout.write("  đã có nguồn tin mẫu; bỏ qua")
        return
    users = _users()
    if users is None:
        stdout.write("  thiếu người dùng mẫu tiepnhan/tiepnhan2/lanhdao; bỏ qua")
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data, reproducible on purpose
    communes = _CommunesOn()
    ensure_crime_groups()
    groups = {g.code: g for g in CrimeGroup.objects.all()}
    today = timezone.localdate()
    with transaction.atomic():
        for year, (count, undecided) in _plan(today).items():
            # Register in order of receipt, as the desk does: numbers follow the dates.
            moments = sorted(_received_at(rng, year) for _ in range(count))
            tips = [_register(rng, at, communes, groups, users) for at in moments]
            # A duplicate is merged while the tip it repeats is still open (just received).
            _merge_one(rng, year, tips, communes, groups, users)
            _work(rng, tips, undecided, users, current=year == today.year)
    stdout.write(f"  {Tip.objects.count()} nguồn tin, {Case.objects.count()} vụ án")


class _CommunesOn:
    """The communes a tip received on a day is filed under: those existing that day (the eight
    of 2020 until 30/6/2025, the three formed on 1/7/2025 after), by name; read once."""

    def __init__(self):
        units = AdministrativeUnit.objects.communes().select_related("parent").order_by("name")
        self._all = list(units)

    def __call__(self, day: dt.date) -> list[AdministrativeUnit]:
        return [unit for unit in self._all if unit.exists_on(day)]


def _users():
    """{None: the district police's staff, commune name: that commune's police staff}."""
    User = get_user_model()
    names = ["tiepnhan", "tiepnhan2", "lanhdao"] + [
        f"{prefix}_{role}" for prefix in COMMUNE_POLICE for role in ("tiepnhan", "lanhdao")
    ]
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    if not {"tiepnhan", "tiepnhan2", "lanhdao"} <= found.keys():
        return None
    district = {"officers": [found["tiepnhan"], found["tiepnhan2"]], "leader": found["lanhdao"]}
    staff = {None: district}
    for prefix, name in COMMUNE_POLICE.items():
        officer, leader = found.get(f"{prefix}_tiepnhan"), found.get(f"{prefix}_lanhdao")
        if officer and leader:
            # Listed twice: drawing one of them takes as much of the random sequence as drawing
            # one of the district's two officers, so every other figure stays as it was.
            staff[name] = {"officers": [officer, officer], "leader": leader}
    return staff


def _staff_on(users, day: dt.date, commune) -> dict:
    """Who receives a tip of ``day`` in ``commune``: the district's police until 1/3/2025, then
    the police of the commune (formed on 1/7/2025) that the commune is, or became."""
    if day < DISTRICT_POLICE_ENDED:
        return users[None]
    from ban138.demo import REFORM_DATE

    name = AdministrativeUnit.objects.successor_of(commune, on=max(day, REFORM_DATE)).name
    return users.get(name, users[None])


def _staff_of(users, tip) -> dict:
    return next(
        (s for s in users.values() if tip.registered_by_id in {o.pk for o in s["officers"]}),
        users[None],
    )


def _code(tip, day: dt.date) -> str:
    """ "CAH" for a document of the district police, "CAX" for a commune police's. A district
    tip still open on 1/3/2025 is carried on by the commune police (the district's ended that
    day), so its documents from then on are theirs."""
    body = tip.receiving_body
    level = body.committee.level if body else ""
    if level == "huyen" and day >= DISTRICT_POLICE_ENDED:
        level = "xa"
    return POLICE_CODES.get(level, "CA")


def _pick(rng, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights)[0]


def _received_at(rng, year) -> dt.datetime:
    # Up to yesterday in the current year: a tip is never received in the future.
    days = min(350, (timezone.localdate() - dt.date(year, 1, 1)).days)
    return timezone.make_aware(
        dt.datetime(year, 1, 1, 7)
        + dt.timedelta(days=rng.randrange(0, days), minutes=rng.randrange(0, 13 * 60))
    )


def _register(rng, received, communes, groups, users):
    code = _pick(rng, GROUP_WEIGHTS.items())
    commune = rng.choice(communes(timezone.localdate(received)))
    village = commune.children.filter(kind="thon").first() if rng.random() < 0.5 else None
    summary = SUMMARIES[code].format(thing=rng.choice(THINGS), place=rng.choice(PLACES))
    summary += f", {commune.full_name}."
    anonymous = rng.random() < 0.3
    identity = (
        {}
        if anonymous
        else {
            "name": f"{rng.choice(LAST)} {rng.choice(FIRST)}",
            "id_number": f"0560{rng.randrange(10**7, 10**8)}",
            "phone": f"09{rng.randrange(10**7, 10**8)}",
            # "…, huyện Khánh Sơn" before the reform, "…, tỉnh Khánh Hòa" after.
            "address": f"{commune.full_name}, {_lower_first(commune.parent.full_name)}",
        }
    )
    by = rng.choice(_staff_on(users, timezone.localdate(received), commune)["officers"])
    kind = _pick(
        rng, [(TipKind.DENUNCIATION, 6), (TipKind.REPORT, 3), (TipKind.PROSECUTION_REQUEST, 1)]
    )
    return services.tip_register(
        by=by,
        anonymous=anonymous,
        informant=identity,
        data={
            "kind": kind,
            # Who sent a tin báo / kiến nghị (Art. 144): derived, not drawn, so the random
            # sequence (and every figure built on it) stays as it was.
            "sender_agency": SENDERS.get(kind, "").format(commune=commune.full_name),
            "channel": rng.choice(
                ["truc_tiep", "dien_thoai", "don_thu", "truc_tuyen", "chuyen_den"]
            ),
            "received_at": received,
            "incident_at": received - dt.timedelta(hours=rng.randrange(2, 72)),
            "incident_time_approximate": rng.random() < 0.4,
            "commune": commune,
            "village": village,
            "address": rng.choice(PLACES),
            "crime_group": groups[code],
            "summary": summary,
            "urgent": rng.random() < 0.05,
        },
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _work(rng, tips, undecided, users, *, current):
    """Each tip through the workflow. In the current year the last ``undecided`` stay open; in a
    past year they were carried over and decided early the next year."""
    open_states = [TipState.RECEIVED, TipState.ASSIGNED, TipState.VERIFYING]
    today = timezone.localdate()
    for index, tip in enumerate(sorted(tips, key=lambda t: t.received_at)):
        staff = _staff_of(users, tip)
        leader = staff["leader"]
        received = timezone.localdate(tip.received_at)
        carried = index >= len(tips) - undecided
        target = open_states[index % 3] if carried and current else None
        # The written notice of receipt to the procuracy (Art. 146(5)), sent the next day — in
        # the current year a few of the newest are still to send.
        if not (current and carried and index % 2):
            _notice(tip, leader, received + dt.timedelta(days=1))
        if target == TipState.RECEIVED:
            continue
        tip = services.tip_assign(
            tip=tip,
            by=leader,
            officer=rng.choice(staff["officers"]),
            note="Giao xác minh theo quy định.",
        )
        if target == TipState.ASSIGNED:
            continue
        tip = services.tip_start_verification(tip=tip, by=tip.assigned_to)
        if rng.random() < 0.15:
            tip = services.tip_mark_complex(tip=tip, by=leader, note="Phải xác minh tại nhiều nơi.")
        if target == TipState.VERIFYING:
            continue
        if carried:  # decided late, early the next year
            day = min(dt.date(received.year + 1, 1, rng.randrange(5, 28)), today)
            _decide(rng, tip, received, leader, day=day, last_year=True)
        else:
            # a past year's own tips were settled within that year
            by = None if current else dt.date(received.year, 12, 31)
            _decide(rng, tip, received, leader, by=by, last_year=received.year >= today.year - 1)
    for tip in tips:
        _backdate_steps(tip)


def _notice(tip, by, day, kinds=None):
    """Record that the open notices of ``tip`` were sent on ``day`` (today at the latest)."""
    day = min(day, timezone.localdate())
    duties = TipDuty.objects.filter(tip=tip, sent_on__isnull=True)
    if kinds:
        duties = duties.filter(kind__in=kinds)
    for duty in duties:
        services.tip_record_notice(
            tip=tip,
            by=by,
            duty=duty,
            date=day,
            number=f"{tip.number}/TB-{_code(tip, day)}",
        )


def _decide(rng, tip, received, leader, *, day=None, by=None, last_year=False):
    """One decision, dated as a district would date it. A suspension comes once the limit has
    run out (Art. 148(1)); in a past year its expert result came back, it was resumed (Art. 149)
    and decided within the month; last year's may still be waiting."""
    today = timezone.localdate()
    outcome = _pick(rng, OUTCOMES)
    serial = rng.randrange(1, 300)
    if day is None:
        limit = 55 if tip.is_complex else 19
        late = rng.random() >= 0.95
        day = received + dt.timedelta(days=rng.randrange(3, limit) if not late else limit + 10)
    day = min(day, today, by or today)
    if outcome == TipState.SUSPENDED:
        if tip.due_on > min(today, by or today):
            outcome = TipState.NOT_PROSECUTED
        else:
            suspended_on = tip.due_on
            tip = services.tip_suspend(
                tip=tip,
                by=leader,
                number=f"{serial}/QĐ-{_code(tip, suspended_on)}",
                date=suspended_on,
                ground=SuspensionGround.EXPERT,
                pending="Đã trưng cầu giám định, chưa có kết luận.",
            )
            _notice(tip, leader, suspended_on + dt.timedelta(days=1))
            resumed_on = suspended_on + dt.timedelta(days=rng.randrange(30, 90))
            late_in_year = by is not None and resumed_on + dt.timedelta(days=25) > by
            if (last_year and rng.random() < 0.5) or resumed_on >= today or late_in_year:
                return  # still awaiting the expert result
            tip = services.tip_resume(
                tip=tip,
                by=leader,
                number=f"{rng.randrange(1, 300)}/QĐ-{_code(tip, resumed_on)}",
                date=resumed_on,
                note="Đã có kết luận giám định.",
            )
            _notice(tip, leader, resumed_on + dt.timedelta(days=1))
            day = min(resumed_on + dt.timedelta(days=rng.randrange(5, 25)), today)
            outcome = _pick(rng, OUTCOMES[:2])
    ground = rng.choice(NoProsecutionGround.values[:2])
    tip = services.tip_decide(
        tip=tip,
        by=leader,
        outcome=outcome,
        number=f"{serial}/QĐ-{_code(tip, day)}",
        date=day,
        ground=ground,
        transfer_agency="Cơ quan CSĐT Công an tỉnh Khánh Hòa",
    )
    _notice(tip, leader, day + dt.timedelta(days=1))
    if outcome == TipState.PROSECUTED:
        suspects = rng.randrange(1, 4)
        solved = day + dt.timedelta(days=rng.randrange(5, 60)) if rng.random() < 0.85 else None
        Case.objects.filter(tip=tip).update(
            suspects=suspects,
            arrested=rng.randrange(0, suspects + 1),
            solved_on=solved if solved and solved <= today else None,
            **_consequences(tip),
        )


def _consequences(tip) -> dict:
    """The case's class and its casualties and damage. A generator of its own, seeded by the tip's
    register number, so the main sequence (and every other demo figure) stays as it was."""
    rng = random.Random(f"{SEED}-{tip.year}-{tip.number}")  # noqa: S311 - reproducible demo data
    code = tip.crime_group.code
    severity = _pick(rng, SEVERITY_WEIGHTS.get(code, DEFAULT_SEVERITY))
    violent = code == "trat_tu_xa_hoi"
    return {
        "severity": severity,
        "deaths": 1 if violent and severity == CrimeSeverity.ESPECIALLY_SERIOUS else 0,
        "injuries": rng.randrange(1, 3) if violent else 0,
        # Property crimes: a stolen motorbike, a cow, coffee beans — a few million đồng.
        "damage": rng.randrange(3, 40) * 1_000_000 if code == "xam_pham_so_huu" else 0,
    }


def _backdate_steps(tip):
    """Demo steps happen on the tip's own dates, not the day the seed ran: a step recording a
    decision or a notice at 14:00 of its date, the others a few hours after the one before."""
    now = timezone.now()
    at = tip.received_at
    for index, step in enumerate(TipStep.objects.filter(tip=tip).order_by("id")):
        if step.date:
            dated = timezone.make_aware(dt.datetime.combine(step.date, dt.time(14, 0)))
            at = max(dated, at + dt.timedelta(minutes=5))
        elif index:
            at = at + dt.timedelta(hours=6)
        TipStep.objects.filter(pk=step.pk).update(at=min(at, now))


def _merge_one(rng, year, tips, communes, groups, users):
    """One duplicate a year, registered a few hours after the tip it repeats and merged into it
    the same day, while that tip is still open (state gộp)."""
    target = tips[0]
    staff = _staff_of(users, target)
    duplicate = services.tip_register(
        by=staff["officers"][0],
        anonymous=True,
        data={
            "kind": TipKind.DENUNCIATION,
            "channel": "dien_thoai",
            "received_at": target.received_at + dt.timedelta(hours=3),
            "commune": target.commune,
            "crime_group": target.crime_group,
            "summary": target.summary + " (báo lại lần hai)",
        },
    )
    day = timezone.localdate(duplicate.received_at)
    duplicate = services.tip_merge(tip=duplicate, by=staff["leader"], merged_into=target, date=day)
    _notice(duplicate, staff["leader"], day + dt.timedelta(days=1))
    _backdate_steps(duplicate)
