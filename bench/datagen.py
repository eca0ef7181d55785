"""Synthetic data at district, province or national scale (``manage.py generate_data``).

Tips, their workflow steps, informants and cases are written in chunks: COPY on PostgreSQL
(psycopg2 ``copy_expert``), ``bulk_create`` elsewhere. The rows obey the same rules the services
enforce, without going through them one tip at a time:

* register numbers continue each year's ``RegisterCounter`` and are consecutive in order of
  receipt; the counter is moved to the last number used, so later intakes carry on from there;
* ``clock_start`` is the local receipt date and ``due_on`` is ``tips.deadlines.due_date`` with the
  same day-off predicate ``tips.services.compute_due`` uses (weekends, holidays, ExtraDayOff);
* states follow the workflow definition (``tips.workflow.path_to``: tiếp nhận → đã phân công →
  đang xác minh → one decision), each step a ``TipStep`` row; a khởi tố decision opens a ``Case``
  on the decision date; a suspension is dated once the Art. 147 limit has run out and carries an
  Art. 148(1) ground, a không khởi tố decision an Art. 157 ground;
* a decision is dated between receipt and today (most on time, some late);
* named informants are sealed with ``tips.crypto.encrypt`` bound to the tip id, exactly as
  ``informant_save`` does, so they decrypt; anonymous ones carry no ciphertext.

Shortcut, stated: generated rows get no django-simple-history entries (history records what users
did; nobody did this). Security models get a dated check history ending in the model's current
status; campaigns are created through the ORM, a few per year.
"""

import datetime as dt
import io
import random
import sys
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from ban138.models import AdministrativeUnit, CommitteeProfile, UnitKind
from ban138.roles import Role
from ban138.text import fold
from tips import crypto, deadlines
from tips.models import (
    OPEN_STATES,
    Case,
    Channel,
    CrimeGroup,
    ExtraDayOff,
    Informant,
    RegisterCounter,
    Tip,
    TipKind,
    TipState,
    TipStep,
)
from tips.search import search_text
from tips.workflow import ClockRule, NoProsecutionGround, SuspensionGround, path_to

CHUNK = 20_000

# Common words occur in most summaries; RARE_WORD in about one tip in 5,000 — the bench searches
# both (the anchors: a rare and a common word on a trigram index).
COMMON_WORD = "tài sản"
RARE_WORD = "khỉ đột"
RARE_EVERY = 5_000
RARE_AT = 1_000  # serial 1,000, 6,000, 11,000…: the 1k size has one too

SUMMARIES = [
    "Trộm cắp tài sản: mất xe máy {plate} tại {place}",
    "Mất trộm tài sản là điện thoại di động tại {place}",
    "Tàng trữ trái phép chất ma túy, thu giữ {n} gói nghi heroin tại {place}",
    "Đánh bạc dưới hình thức đá gà tại {place}, tài sản thu giữ {n} triệu đồng",
    "Cố ý gây thương tích sau khi uống rượu tại {place}",
    "Khai thác, vận chuyển lâm sản trái phép ({n} m³ gỗ) tại {place}",
    "Lừa đảo chiếm đoạt tài sản qua mạng xã hội, thiệt hại {n} triệu đồng",
    "Gây rối trật tự công cộng tại {place}",
    "Cưỡng đoạt tài sản của người buôn bán tại {place}",
    "Đưa người xuất cảnh trái phép, nghi mua bán người, tại {place}",
]
PLACES = ["chợ", "bến xe", "trường học", "nhà văn hóa", "rẫy keo", "quán cà phê", "đường liên xã"]
KIND_WEIGHTS = [(TipKind.DENUNCIATION, 55), (TipKind.REPORT, 35), (TipKind.PROSECUTION_REQUEST, 10)]
CHANNEL_WEIGHTS = [
    (Channel.IN_PERSON, 40),
    (Channel.PHONE, 30),
    (Channel.LETTER, 15),
    (Channel.ONLINE, 10),
    (Channel.TRANSFERRED, 5),
]
# Outcomes of the decided tips.
DECISION_WEIGHTS = [
    (TipState.PROSECUTED, 28),
    (TipState.NOT_PROSECUTED, 45),
    (TipState.SUSPENDED, 7),
    (TipState.TRANSFERRED, 15),
    (TipState.MERGED, 5),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ"]
GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thị Hoa", "Quốc Hùng"]


def _weighted(rng, pairs):
    return rng.choices([v for v, _w in pairs], weights=[w for _v, w in pairs])[0]


class Progress:
    """A plain-text progress bar on stderr (one line, rewritten)."""

    def __init__(self, total: int, label: str, stream=None):
        self.total, self.label, self.done = max(total, 1), label, 0
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()

    def advance(self, count: int) -> None:
        self.done += count
        share = self.done / self.total
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed else 0
        bar = "#" * int(share * 30)
        self.stream.write(
            f"\r{self.label} [{bar:<30}] {self.done:>9,}/{self.total:,} "
            f"{share:6.1%} {rate:8,.0f}/s {elapsed:6.0f}s"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


@dataclass
class Context:
    rng: random.Random
    today: dt.date
    communes: list
    villages: dict  # commune id -> [village ids]
    names: dict  # unit id -> name (what a tip's search_text holds of its commune and village)
    groups: list  # crime group ids
    officers: list  # user ids
    leader: int | None
    registrar: int | None
    is_day_off: deadlines.DayOff


# --- units and users ---------------------------------------------------------------------------


def ensure_communes(district: AdministrativeUnit, wanted: int) -> list[AdministrativeUnit]:
    """The district's communes, topped up with generated ones ("Xã Mẫu 0001"…, one village each)
    to ``wanted``. A province-scale run simply asks for several hundred."""
    communes = list(AdministrativeUnit.objects.communes().filter(parent=district))
    missing = wanted - len(communes)
    if missing > 0:
        start = AdministrativeUnit.objects.filter(name__startswith="Xã Mẫu ").count() + 1
        new = [
            AdministrativeUnit(kind=UnitKind.COMMUNE, name=f"Xã Mẫu {i:04d}", parent=district)
            for i in range(start, start + missing)
        ]
        AdministrativeUnit.objects.bulk_create(new, batch_size=1000)
        new = list(AdministrativeUnit.objects.filter(name__in=[u.name for u in new]))
        AdministrativeUnit.objects.bulk_create(
            [AdministrativeUnit(kind=UnitKind.VILLAGE, name="Thôn 1", parent=c) for c in new],
            batch_size=1000,
        )
        communes += new
    return communes


def _users_with(role: str) -> list[int]:
    return list(
        get_user_model()
        .objects.filter(groups__name=role, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def build_context(*, seed: int, communes: list, today: dt.date | None = None) -> Context:
    today = today or timezone.localdate()
    villages: dict[int, list[int]] = {}
    for pk, parent_id in AdministrativeUnit.objects.filter(
        parent__in=communes, kind__in=[UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP]
    ).values_list("pk", "parent_id"):
        villages.setdefault(parent_id, []).append(pk)
    officers = _users_with(Role.OFFICER)
    leaders = _users_with(Role.POLICE_LEADER)
    extra = ExtraDayOff.objects.values_list("date", flat=True)
    return Context(
        rng=random.Random(seed),  # noqa: S311 — synthetic data, reproducible by seed
        today=today,
        communes=[c.pk for c in communes],
        villages=villages,
        names=dict(
            AdministrativeUnit.objects.filter(
                pk__in=[c.pk for c in communes] + [v for vs in villages.values() for v in vs]
            ).values_list("pk", "name")
        ),
        groups=list(CrimeGroup.objects.filter(is_active=True).values_list("pk", flat=True)),
        officers=officers or leaders,
        leader=leaders[0] if leaders else None,
        registrar=(officers or leaders or [None])[0],
        is_day_off=deadlines.day_off_predicate(extra),
    )


# --- one tip and what hangs off it -------------------------------------------------------------


def _summary(rng, serial: int) -> tuple[str, str]:
    text = rng.choice(SUMMARIES).format(
        plate=f"79-{rng.randint(10, 99)}{chr(65 + rng.randint(0, 7))} {rng.randint(10000, 99999)}",
        place=rng.choice(PLACES),
        n=rng.randint(1, 300),
    )
    if serial % RARE_EVERY == RARE_AT:
        text += f", đối tượng nuôi {RARE_WORD} trái phép"
    address = f"Thôn {rng.randint(1, 12)}, đường số {rng.randint(1, 40)}"
    return text, address


def _received_at(rng, start: dt.datetime, span_seconds: int) -> dt.datetime:
    return start + dt.timedelta(seconds=rng.randrange(span_seconds))


def _state_for(rng, age_days: int) -> str:
    if age_days > 150:
        return TipState.VERIFYING if rng.random() < 0.004 else _weighted(rng, DECISION_WEIGHTS)
    if age_days > 30:
        return _weighted(rng, DECISION_WEIGHTS) if rng.random() < 0.7 else TipState.VERIFYING
    roll = rng.random()
    if roll < 0.3:
        return TipState.RECEIVED
    if roll < 0.6:
        return TipState.ASSIGNED
    if roll < 0.9:
        return TipState.VERIFYING
    return _weighted(rng, DECISION_WEIGHTS)


def make_tip(ctx: Context, *, pk: int, year: int, number: int, received_at: dt.datetime) -> dict:
    """Field values (attnames) of one tip, consistent with the workflow rules."""
    rng = ctx.rng
    received_on = timezone.localdate(received_at)
    age = (ctx.today - received_on).days
    state = _state_for(rng, age)
    commune = rng.choice(ctx.communes)
    villages = ctx.villages.get(commune) or [None]
    summary, address = _summary(rng, pk)
    is_complex = rng.random() < 0.1
    extension = 2 if is_complex and state == TipState.VERIFYING and age > 70 else 0
    due = deadlines.due_date(
        received_on,
        complex_case=is_complex,
        extension_months=extension,
        is_day_off=ctx.is_day_off,
    )
    decided = state not in OPEN_STATES
    decision_date = None
    if decided:
        span = max((min(due, ctx.today) - received_on).days, 0)
        decision_date = received_on + dt.timedelta(days=rng.randint(min(1, span), max(span, 0)))
        if rng.random() < 0.08:  # decided late
            decision_date = min(due + dt.timedelta(days=rng.randint(1, 20)), ctx.today)
        decision_date = max(min(decision_date, ctx.today), received_on)
    if state == TipState.SUSPENDED:
        # Art. 148(1): only once the Art. 147 limit has run out
        if due > ctx.today:
            state, decided, decision_date = TipState.VERIFYING, False, None
        else:
            decision_date = min(due + dt.timedelta(days=rng.randint(0, 5)), ctx.today)
    ground = ""
    if state == TipState.SUSPENDED:
        ground = rng.choice(SuspensionGround.values)
    elif state == TipState.NOT_PROSECUTED:
        ground = rng.choice(NoProsecutionGround.values)
    incident = received_at - dt.timedelta(hours=rng.randint(1, 96))
    tip = {
        "id": pk,
        "version": 1,
        "year": year,
        "number": number,
        "kind": _weighted(rng, KIND_WEIGHTS),
        "channel": _weighted(rng, CHANNEL_WEIGHTS),
        "received_at": received_at,
        "incident_at": incident,
        "incident_time_approximate": rng.random() < 0.3,
        "commune_id": commune,
        "village_id": rng.choice(villages),
        "address": address,
        "crime_group_id": rng.choice(ctx.groups),
        "summary": summary,
        "search_text": "",  # below, from the finished row
        "urgent": False,
        "urgent_alerted_at": None,
        "state": state,
        "assigned_to_id": None if state == TipState.RECEIVED else rng.choice(ctx.officers),
        "registered_by_id": ctx.registrar,
        "clock_start": received_on,
        "is_complex": is_complex,
        "extension_months": extension,
        "extension_number": f"{rng.randint(1, 999)}/QĐ-VKS" if extension else "",
        "extension_date": (received_on + dt.timedelta(days=55)) if extension else None,
        "due_on": due,
        "clock_rule": ClockRule.RECEIPT,
        "decision_ground": ground,
        "decision_number": (f"{number}/QĐ-CSĐT" if decided and state != TipState.MERGED else ""),
        "decision_date": decision_date,
        "transfer_agency": "Công an tỉnh" if state == TipState.TRANSFERRED else "",
        # A duplicate is merged into the tip registered just before it (an earlier id).
        "merged_into_id": pk - 1 if state == TipState.MERGED else None,
        "suspected_duplicate_of_id": None,
        "created_at": received_at,
    }
    tip["search_text"] = tip_search_text(ctx, tip)
    return tip


def tip_search_text(ctx: Context, tip: dict) -> str:
    """What ``Tip.save`` would store (tips/search.py): the words of summary, address, places and
    decision number."""
    return search_text(
        tip["summary"],
        tip["address"],
        ctx.names.get(tip["commune_id"], ""),
        ctx.names.get(tip["village_id"], ""),
        tip["decision_number"],
    )


def make_steps(ctx: Context, tip: dict) -> list[dict]:
    """The steps of ``tip.workflow.path_to(state)``, each at a plausible time."""
    received = tip["received_at"]
    decided = tip["decision_date"] is not None
    at = received
    steps = []
    for index, (action, before, after) in enumerate(path_to(tip["state"])):
        if index == 1:
            at = received + dt.timedelta(hours=2)
        elif index == 2:
            at = at + dt.timedelta(hours=20)
        elif index == 3 and decided:
            decided_at = timezone.make_aware(
                dt.datetime.combine(tip["decision_date"], dt.time(16, 0))
            )
            at = max(decided_at, at)
        actor = {0: tip["registered_by_id"], 2: tip["assigned_to_id"]}.get(index, ctx.leader)
        decision = after == tip["state"] and decided and index > 0
        steps.append(
            (
                action,
                before,
                after,
                actor,
                at,
                tip["decision_number"] if decision else "",
                tip["decision_date"] if decision else None,
                tip["decision_ground"] if decision else "",
            )
        )
    return [
        {
            "tip_id": tip["id"],
            "action": action,
            "from_state": before,
            "to_state": after,
            "actor_id": actor,
            "at": at,
            "note": "",
            "number": number,
            "date": date,
            "ground": ground,
            "clock_from": None,
        }
        for action, before, after, actor, at, number, date, ground in steps
    ]


def make_informant(ctx: Context, tip: dict) -> dict:
    rng = ctx.rng
    named = tip["kind"] == TipKind.DENUNCIATION and rng.random() < 0.6
    identity = {}
    if named:
        identity = {
            "name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
            "id_number": f"0{rng.randint(10**10, 10**11 - 1)}",
            "phone": f"09{rng.randint(10**7, 10**8 - 1)}",
            "address": tip["address"],
        }
    return {
        "tip_id": tip["id"],
        "anonymous": not named,
        "ciphertext": crypto.encrypt(identity, tip_id=tip["id"]) if named else "",
    }


def make_case(ctx: Context, tip: dict, pk: int) -> dict:
    rng = ctx.rng
    suspects = rng.randint(1, 4)
    opened = tip["decision_date"]
    solved = None
    if rng.random() < 0.75:
        solved = min(opened + dt.timedelta(days=rng.randint(0, 60)), ctx.today)
    return {
        "id": pk,
        "version": 1,
        "tip_id": tip["id"],
        "number": tip["decision_number"],
        "crime_group_id": tip["crime_group_id"],
        "opened_on": opened,
        "suspects": suspects,
        "arrested": rng.randint(0, suspects),
        "solved_on": solved,
        "note": "",
    }


# --- writers -----------------------------------------------------------------------------------


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "")


def write_rows(model, rows: list[dict]) -> None:
    """COPY on PostgreSQL, bulk_create elsewhere. ``rows`` are attname → value dicts."""
    if not rows:
        return
    # A column the rows do not name gets its model default, as bulk_create would give it: COPY
    # would otherwise write the database's NULL (Django sets no database defaults).
    defaults = {
        f.attname: f.get_default()
        for f in model._meta.concrete_fields
        if f.attname not in rows[0] and not f.primary_key
    }
    named = rows[0].keys() | defaults.keys()
    fields = [f for f in model._meta.concrete_fields if f.attname in named]
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        for row in rows:
            values = (row.get(f.attname, defaults.get(f.attname)) for f in fields)
            buffer.write("\t".join(_copy_value(value) for value in values))
            buffer.write("\n")
        buffer.seek(0)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
    else:
        model.objects.bulk_create([model(**row) for row in rows], batch_size=500)


def reset_sequences(models) -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


# --- the whole run -----------------------------------------------------------------------------


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _receipt_times(ctx: Context, count: int, years: int) -> list[dt.datetime]:
    """``count`` receipt moments spread over the last ``years`` calendar years up to now."""
    start = timezone.make_aware(dt.datetime(ctx.today.year - years + 1, 1, 1))
    span = int((timezone.now() - start).total_seconds()) - 60
    return sorted(_received_at(ctx.rng, start, span) for _ in range(count))


def generate_tips(ctx: Context, *, count: int, years: int, progress: Progress | None) -> dict:
    times = _receipt_times(ctx, count, years)
    next_tip, next_case = _next_id(Tip), _next_id(Case)
    # The tips go in the register of the first committee's standing body (ban138/committees.py);
    # numbers run per body and year.
    from ban138.committees import default_receiving_body_id

    body_id = default_receiving_body_id()
    counters = {
        c.year: c.last_number for c in RegisterCounter.objects.filter(body=body_id or 0)
    }
    made = {"tips": 0, "steps": 0, "informants": 0, "cases": 0}
    for offset in range(0, count, CHUNK):
        tips, steps, informants, cases = [], [], [], []
        for received_at in times[offset : offset + CHUNK]:
            year = timezone.localdate(received_at).year
            counters[year] = counters.get(year, 0) + 1
            tip = make_tip(
                ctx, pk=next_tip, year=year, number=counters[year], received_at=received_at
            )
            tip["receiving_body_id"] = body_id
            if tip["merged_into_id"] is not None and tip["merged_into_id"] < _first_id(
                tips, next_tip
            ):
                # The first tip of a chunk cannot point back into an unseen row: decide otherwise.
                tip["state"], tip["merged_into_id"] = TipState.NOT_PROSECUTED, None
                tip["decision_number"] = f"{tip['number']}/QĐ-CSĐT"
                tip["decision_ground"] = NoProsecutionGround.NOT_A_CRIME
                tip["search_text"] = tip_search_text(ctx, tip)
            next_tip += 1
            tips.append(tip)
            steps += make_steps(ctx, tip)
            informants.append(make_informant(ctx, tip))
            if tip["state"] == TipState.PROSECUTED:
                cases.append(make_case(ctx, tip, next_case))
                next_case += 1
        with transaction.atomic():
            write_rows(Tip, tips)
            write_rows(TipStep, steps)
            write_rows(Informant, informants)
            write_rows(Case, cases)
        made["tips"] += len(tips)
        made["steps"] += len(steps)
        made["informants"] += len(informants)
        made["cases"] += len(cases)
        if progress:
            progress.advance(len(tips))
    with transaction.atomic():
        for year, last in counters.items():
            RegisterCounter.objects.update_or_create(
                body=body_id or 0, year=year, defaults={"last_number": last}
            )
        reset_sequences([Tip, TipStep, Informant, Case])
    return made


def _first_id(tips: list[dict], next_id: int) -> int:
    return tips[0]["id"] if tips else next_id


def generate_models(ctx: Context, *, per_commune: int, years: int) -> int:
    """Security models with a dated history of checks (quarterly), current status = the last."""
    from models_registry.models import ModelType, SecurityModel, Status, StatusCheck
    from models_registry.reference import ensure_reference_lists

    ensure_reference_lists()
    rng = ctx.rng
    types = list(ModelType.objects.filter(is_active=True))
    first_year = ctx.today.year - years + 1
    models, checks = [], []
    for commune in ctx.communes:
        for i in range(per_commune):
            mtype = rng.choice(types)
            established = min(
                dt.date(first_year - rng.randint(0, 3), rng.randint(1, 12), 15), ctx.today
            )
            cameras = rng.randint(2, 20) if mtype.has_camera_figures else None
            models.append(
                SecurityModel(
                    name=f"{mtype.name} số {i + 1}",
                    name_folded=fold(f"{mtype.name} số {i + 1}"),
                    model_type=mtype,
                    commune_id=commune,
                    village_id=rng.choice(ctx.villages.get(commune) or [None]),
                    established_on=established,
                    places=rng.randint(1, 5),
                    teams=rng.randint(1, 8),
                    members=rng.randint(5, 60),
                    cameras_installed=cameras,
                    cameras_working=cameras and rng.randint(0, cameras),
                )
            )
    SecurityModel.objects.bulk_create(models, batch_size=1000)
    statuses = [s for s in Status.values]
    updates = []
    for model in SecurityModel.objects.filter(
        last_checked_on__isnull=True, pk__in=[m.pk for m in models]
    ):
        # The first check is the registration itself (model_register records the status it
        # starts with); then one a quarter, except for models that went quiet 200 days ago.
        quiet = rng.random() < 0.1
        stop = ctx.today - dt.timedelta(days=200 if quiet else 0)
        day, last = model.established_on, None
        while last is None or day <= stop:
            last = rng.choices(statuses, weights=[40, 40, 15, 5])[0]
            checks.append(
                StatusCheck(
                    model=model,
                    checked_on=day,
                    status=last,
                    note="Kiểm tra định kỳ",
                    places=model.places,
                    teams=model.teams,
                    members=model.members,
                    cameras_installed=model.cameras_installed,
                    cameras_working=model.cameras_working,
                    recorded_by_id=ctx.registrar,
                )
            )
            model.current_status, model.last_checked_on = last, day
            day += dt.timedelta(days=91)
        if last is not None:
            updates.append(model)
    StatusCheck.objects.bulk_create(checks, batch_size=2000)
    SecurityModel.objects.bulk_update(
        updates, ["current_status", "last_checked_on"], batch_size=1000
    )
    return len(models)


def generate_campaigns(ctx: Context, *, years: int) -> int:
    """Two peak campaigns a year over all communes (Tết and mid-year), closed once over."""
    from campaigns.models import Campaign, State, Target, TargetKind

    made = 0
    for year in range(ctx.today.year - years + 1, ctx.today.year + 1):
        for label, start, end in (
            ("dịp Tết Nguyên đán", dt.date(year, 1, 5), dt.date(year, 2, 28)),
            ("dịp Quốc khánh 2/9", dt.date(year, 8, 1), dt.date(year, 9, 30)),
        ):
            plan_date = start - dt.timedelta(days=10)
            if plan_date > ctx.today:
                continue
            number = f"{made + 100}/KH-BCĐ138-SL"
            if Campaign.objects.filter(number=number, plan_date=plan_date).exists():
                continue
            campaign = Campaign.objects.create(
                number=number,
                plan_date=plan_date,
                title=f"Đợt cao điểm tấn công trấn áp tội phạm {label} năm {year}",
                start=start,
                end=end,
                lead_agency="Công an huyện",
                all_communes=True,
                state=State.CLOSED if end < ctx.today else State.APPROVED,
                summary_text="Sơ kết: hoàn thành các chỉ tiêu đề ra." if end < ctx.today else "",
                created_by_id=ctx.registrar,
            )
            Target.objects.create(campaign=campaign, kind=TargetKind.SOLVED_RATE, value=70)
            Target.objects.create(campaign=campaign, kind=TargetKind.OUTREACH_SESSIONS, value=20)
            made += 1
    return made


def district_of_profile() -> AdministrativeUnit | None:
    profile = CommitteeProfile.current()
    return profile.district if profile else None
