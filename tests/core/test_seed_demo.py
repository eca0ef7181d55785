import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from ban138.demo import DEMO_USERS
from ban138.models import (
    AdministrativeUnit,
    CommitteeProfile,
    OfficialProfile,
    UnitKind,
    UnitSuccession,
)
from ban138.roles import Role
from tests import demo_snapshot

COMMUNES = {"Ba Cụm Bắc", "Ba Cụm Nam", "Sơn Bình", "Sơn Hiệp", "Sơn Lâm", "Sơn Trung", "Thành Sơn"}


def run_seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_creates_khanh_son_with_its_communes_and_village(demo):
    district = AdministrativeUnit.objects.get(kind=UnitKind.DISTRICT, name="Khánh Sơn")
    assert district.parent.name == "Khánh Hòa"
    children = AdministrativeUnit.objects.filter(parent=district)
    assert {u.name for u in children.filter(kind=UnitKind.COMMUNE)} == COMMUNES
    assert children.get(kind=UnitKind.TOWNSHIP).full_name == "Thị trấn Tô Hạp"
    village = AdministrativeUnit.objects.get(name="Liên Hòa")
    assert village.parent.name == "Sơn Bình" and village.is_village


def test_seed_demo_forms_the_three_communes_of_2025_from_the_eight_of_2020(demo):
    province = AdministrativeUnit.objects.get(kind=UnitKind.PROVINCE, name="Khánh Hòa")
    new = AdministrativeUnit.objects.filter(parent=province, kind=UnitKind.COMMUNE)
    assert {u.name for u in new} == {"Khánh Sơn", "Tây Khánh Sơn", "Đông Khánh Sơn"}
    formed_from = {
        u.name: {s.predecessor.name for s in u.formed_from.select_related("predecessor")}
        for u in new
    }
    assert formed_from == {
        "Khánh Sơn": {"Tô Hạp", "Sơn Hiệp", "Sơn Bình"},
        "Tây Khánh Sơn": {"Sơn Lâm", "Thành Sơn"},
        "Đông Khánh Sơn": {"Sơn Trung", "Ba Cụm Bắc", "Ba Cụm Nam"},
    }
    assert (
        UnitSuccession.objects.filter(
            resolution="1667/NQ-UBTVQH15", effective_date="2025-07-01", whole=True
        ).count()
        == 8
    )


def test_a_modules_demo_is_the_seeds_own_rows(demo, _demo_snapshot):
    """What a module's tests start from holds the seed's rows exactly, every value of every
    column (on PostgreSQL written back by COPY; tests/demo_snapshot.py)."""
    assert demo_snapshot.diff(demo_snapshot.capture(), _demo_snapshot.rows) == []
    if _demo_snapshot.copies:
        assert {"tips_tip", "tips_historicaltip"} <= set(_demo_snapshot.copies)


def test_seed_demo_is_idempotent(demo):
    """A second run adds, changes and removes nothing: every table holds the same rows (units,
    users, the committee, successions, every app's records and their history)."""
    before = demo_snapshot.capture()
    second = run_seed()
    assert demo_snapshot.diff(before, demo_snapshot.capture()) == []
    assert "mật khẩu:" not in second


def test_seed_demo_creates_one_user_per_role_and_binds_commune_officials(demo_seed_output):
    output = demo_seed_output
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
    bound = {
        p.user.username: p.commune.name
        for p in OfficialProfile.objects.select_related("user", "commune")
    }
    assert bound == {
        "canbo_sonbinh": "Sơn Bình",
        "canbo_sonlam": "Sơn Lâm",
        "canbo_taykhanhson": "Tây Khánh Sơn",
    }
    assert not User.objects.filter(is_superuser=True).exists()
    # Passwords are generated, printed once, and work.
    line = next(line for line in output.splitlines() if line.strip().startswith("truongban"))
    password = line.split("mật khẩu:")[1].strip()
    assert User.objects.get(username="truongban").check_password(password)


def _passwords(output: str) -> dict[str, str]:
    return {
        line.split()[0]: line.split("mật khẩu:")[1].strip()
        for line in output.splitlines()
        if "mật khẩu:" in line
    }


def test_seed_demo_generates_a_different_password_for_each_user_and_each_reset(demo_seed_output):
    first = _passwords(demo_seed_output)
    assert len(set(first.values())) == len(first) == len(DEMO_USERS)
    second = _passwords(run_seed("--reset-passwords"))
    assert all(second[name] != first[name] for name in first)
    assert User.objects.get(username="truongban").check_password(second["truongban"])


def test_seed_demo_profile_names_the_chairman_of_the_article(demo):
    profile = CommitteeProfile.current()
    assert profile.chairman_name == "Nguyễn Văn Nhuận"
    assert profile.issuing_authority == "UBND HUYỆN KHÁNH SƠN"
    assert profile.report_number_suffix == "BC-BCĐ138"


@pytest.mark.django_db
def test_seed_demo_refuses_production_without_the_explicit_flag(settings):
    from django.contrib.auth import get_user_model
    from django.core.management import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        run_seed()
    assert not get_user_model().objects.exists()


def test_seed_demo_dry_run_writes_nothing_even_where_production_allows_it(_demo_snapshot, db):
    """Not a row and not a file. The run's one seed is this dry run (tests/conftest.py): its rows
    were read inside its transaction, so they are the whole demo, and nothing stayed after it. (A
    seed writes no file at all, dry or not: the demo is its rows alone, which is what lets
    tests/demo_snapshot.py copy it into each test module.)"""
    seed = _demo_snapshot
    assert "hoàn tác" in seed.output
    seeded = {table for table, (_, rows) in seed.rows.items() if rows}
    assert {"ban138_administrativeunit", "auth_user", "tips_tip", "reports_reportdraft"} <= seeded
    assert demo_snapshot.diff(seed.before, seed.left) == []
    assert seed.files == []


def _reform_years_seeded():
    import datetime as dt

    from django.utils import timezone

    if timezone.localdate() < dt.date(2026, 1, 1):
        pytest.skip("the demo seeds 2024 and 2025 as past years from 2026 on")


def test_seed_demo_files_each_tip_under_a_unit_existing_on_its_day(demo):
    from django.utils import timezone

    from ban138.demo import REFORM_DATE
    from tips.models import OPEN_STATES, Tip

    _reform_years_seeded()
    tips = list(Tip.objects.filter(year__in=(2024, 2025)).select_related("commune"))
    assert {t.year for t in tips} == {2024, 2025}
    for tip in tips:
        assert tip.commune.exists_on(timezone.localdate(tip.received_at)), tip.number
    after = {t.commune.name for t in tips if timezone.localdate(t.received_at) >= REFORM_DATE}
    assert after == {"Khánh Sơn", "Tây Khánh Sơn", "Đông Khánh Sơn"}
    # Past years are settled: no tip of 2024 or 2025 is still being worked on.
    assert not [t.number for t in tips if t.state in OPEN_STATES]


def test_the_demo_2025_report_of_xa_khanh_son_compares_with_its_predecessors_2024(demo):
    from ban138.demo import NEW_COMMUNES
    from reports import wording
    from reports.compile import compile_report
    from tips.models import Tip, TipState

    _reform_years_seeded()
    khanh_son = AdministrativeUnit.objects.communes().get(name="Khánh Sơn")
    figures = compile_report(year=2025, unit=khanh_son)
    kept = Tip.objects.exclude(state=TipState.MERGED)
    before = kept.filter(year=2024, commune__name__in=NEW_COMMUNES["Khánh Sơn"]).count()
    assert before and figures.tips_received.previous == before
    assert kept.filter(year=2024, commune=khanh_son).count() == 0  # it did not exist yet
    assert figures.outreach_sessions.previous and figures.models_new  # festival 2024, camera 2025
    assert "được sắp xếp thành xã Khánh Sơn (Nghị quyết số 1667/NQ-UBTVQH15)" in (
        wording.merger_note(figures)
    )
