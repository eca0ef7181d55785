"""A real district's first day (issue 18): units from the official list, the committee and its
first accounts, idempotent, with Vietnamese errors on bad input."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from ban138.models import AdministrativeUnit, CommitteeProfile, OfficialProfile
from ban138.roles import Role, roles_of

SAMPLES = Path(__file__).resolve().parents[2] / "ops" / "samples"
UNITS = SAMPLES / "khanh-son-don-vi.csv"
CONFIG = SAMPLES / "khanh-son-ban-chi-dao.json"
pytestmark = pytest.mark.django_db


def run(**options):
    out = io.StringIO()
    call_command("setup_district", stdout=out, **options)
    return out.getvalue()


def test_the_sample_district_is_set_up_once_and_passwords_are_printed_once():
    first = run(units=UNITS, config=CONFIG, district_code="KS-000")
    assert AdministrativeUnit.objects.get(code="KS-004").name == "Sơn Bình"
    assert AdministrativeUnit.objects.filter(parent__code="KS-000").count() == 8
    profile = CommitteeProfile.objects.get()
    assert (profile.district.code, profile.chairman_name) == ("KS-000", "Nguyễn Văn A")
    official = User.objects.get(username="canbo_sonbinh")
    assert roles_of(official) == {Role.COMMUNE_OFFICIAL}
    assert OfficialProfile.objects.get(user=official).commune.code == "KS-004"
    assert User.objects.get(username="quantri").is_superuser
    assert first.count("mật khẩu:") == 6

    units_before = AdministrativeUnit.objects.count()
    second = run(units=UNITS, config=CONFIG, district_code="KS-000")
    assert "mật khẩu:" not in second  # existing accounts keep theirs
    assert "0 mới" in second
    assert AdministrativeUnit.objects.count() == units_before
    assert User.objects.count() == 6


def test_a_newer_list_updates_by_code_and_retires_merged_units(tmp_path):
    run(units=UNITS)
    newer = tmp_path / "2025.csv"
    newer.write_text(
        "ma,ten,cap,ma_cap_tren,hieu_luc\n56,Khánh Hòa,tinh,,1\n"
        "KS-004,Sơn Bình,xa,KS-000,0\nKS-100,Xã mới,xa,56,1\n",
        encoding="utf-8",
    )
    out = run(units=newer)
    assert "1 mới, 1 cập nhật" in out
    assert not AdministrativeUnit.objects.get(code="KS-004").is_active
    assert AdministrativeUnit.objects.get(code="KS-100").parent.code == "56"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("ten,cap\nA,xa\n", "thiếu cột"),
        ("ma,ten,cap,ma_cap_tren\nX1,A,lang,\n", "cấp “lang” không hợp lệ"),
        ("ma,ten,cap,ma_cap_tren\nX1,A,xa,\nX1,B,xa,\n", "trùng"),
        ("ma,ten,cap,ma_cap_tren\nX1,A,xa,KHONGCO\n", "không có đơn vị cấp trên"),
        ("ma,ten,cap,ma_cap_tren\n,A,xa,\n", "thiếu mã"),
    ],
)
def test_bad_unit_lists_are_refused_in_vietnamese_and_write_nothing(tmp_path, content, message):
    path = tmp_path / "units.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(units=path)
    assert not AdministrativeUnit.objects.exists()


def test_a_bad_config_is_refused_in_vietnamese(tmp_path):
    path = tmp_path / "c.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON"):
        run(units=UNITS, config=path, district_code="KS-000")
    path.write_text('{"ten_ban_chi_dao": "Ban Chỉ đạo 138", "truong_ban": {}}')
    with pytest.raises(CommandError, match="truong_ban"):
        run(units=UNITS, config=path, district_code="KS-000")
    assert not CommitteeProfile.objects.exists()
