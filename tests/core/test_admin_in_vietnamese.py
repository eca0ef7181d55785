"""The admin reads in Vietnamese: app and model names of the third-party apps (django-axes,
django-otp), simple_history's pages, the messages Django's own catalogue lacks, and the admin's
JavaScript calendar."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_index_names_every_app_and_model_in_vietnamese(client_for, admin_user):
    page = client_for(admin_user).get(reverse("admin:index")).content.decode()
    for vietnamese in (
        "Chống dò mật khẩu (đăng nhập sai)",
        "Lượt đăng nhập sai bị theo dõi",
        "Nhật ký đăng nhập",
        "Xác thực hai bước",
        "Thiết bị xác thực hai bước (TOTP)",
    ):
        assert vietnamese in page
    for english in ("Access attempts", "Access logs", "TOTP devices", "Otp_Totp", ">Axes<"):
        assert english not in page


def test_a_refused_change_form_says_so_in_vietnamese(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("admin:tips_extradayoff_add"), {"date": "", "note": ""}
    )
    page = response.content.decode()
    assert "Vui lòng sửa các lỗi được nêu dưới đây." in page
    assert "Please correct" not in page


def test_the_two_factor_device_form_reads_in_vietnamese(client_for, admin_user):
    page = client_for(admin_user).get(reverse("admin:otp_totp_totpdevice_add")).content.decode()
    for vietnamese in ("Tên thiết bị", "Khóa bí mật", "Cấu hình", "Chặn khi nhập sai"):
        assert vietnamese in page
    for english in ("Identity", "Throttling", "The human-readable name", "Timestamps"):
        assert english not in page


def test_history_pages_read_in_vietnamese(client_for, admin_user, son_binh):
    url = reverse("admin:ban138_administrativeunit_history", args=[son_binh.pk])
    page = client_for(admin_user).get(url).content.decode()
    assert "Lịch sử thay đổi" in page and "Change history" not in page


def test_the_admin_calendar_names_the_days_in_vietnamese(client_for, admin_user):
    script = client_for(admin_user).get("/quan-tri/jsi18n/").content.decode()
    assert "Th\\u1ee9 hai" in script or "Thứ hai" in script  # Monday
    # the calendar writes the first input format: day/month/year
    assert re.search(r'"DATE_INPUT_FORMATS": \[\s*"%d/%m/%Y"', script)


def _po_pairs(path):
    """(msgid, msgstr) of the singular, context-free entries of a .po file."""
    import ast

    pairs, entry, key = [], {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.get("msgid") and "msgid_plural" not in entry and "msgctxt" not in entry:
                pairs.append((entry["msgid"], entry.get("msgstr", "")))
            entry, key = {}, None
        elif line.startswith(("msgid ", "msgstr ", "msgctxt ", "msgid_plural ", "msgstr[")):
            key, _, text = line.partition(" ")
            entry[key] = ast.literal_eval(text)
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
    return pairs


def test_the_compiled_catalogue_matches_its_source():
    """The .mo is committed (no gettext needed to run the project); a .po edited without
    rebuilding it (msgfmt, see the file's header) would silently show English again."""
    from django.conf import settings
    from django.utils import translation

    po = settings.BASE_DIR / "ban138" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    pairs = _po_pairs(po)
    assert len(pairs) > 100
    with translation.override("vi"):
        stale = [msgid for msgid, msgstr in pairs if translation.gettext(msgid) != msgstr]
    assert stale == []
