"""A committee at any level (issue 20): the letterhead and wording follow from the level."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ban138.committee import CommitteeLevel, current_wording
from ban138.demo import seed_reform
from ban138.models import CommitteeProfile


@pytest.fixture
def profile(district):
    return CommitteeProfile.current()


@pytest.fixture
def tay_khanh_son(district):
    return seed_reform(district)["Tây Khánh Sơn"]


def become(profile, level, unit):
    profile.level, profile.district = level, unit
    profile.full_clean()
    profile.save()
    return CommitteeProfile.current()


def test_a_district_committee_reads_as_before_2025(profile):
    assert profile.level == CommitteeLevel.DISTRICT
    assert profile.issuing_authority == "UBND HUYỆN KHÁNH SƠN"
    assert profile.wording.letterhead_lines == ("UBND HUYỆN KHÁNH SƠN", "BAN CHỈ ĐẠO 138")
    assert profile.standing_agency == "Công an huyện Khánh Sơn"
    assert profile.area_phrase == "trên địa bàn huyện"
    assert profile.whole_area == "toàn huyện"
    assert profile.place_name == "Khánh Sơn"
    assert profile.wording.procuracy == "Viện kiểm sát nhân dân huyện Khánh Sơn"


def test_a_commune_committee_reads_ubnd_xa_cong_an_xa_tren_dia_ban_xa(profile, tay_khanh_son):
    profile.chairman_title = "Bí thư Đảng ủy, Chủ tịch UBND xã"
    profile = become(profile, CommitteeLevel.COMMUNE, tay_khanh_son)
    w = profile.wording
    assert w.letterhead_lines == ("UBND XÃ TÂY KHÁNH SƠN", "BAN CHỈ ĐẠO 138")
    assert profile.issuing_authority == "UBND XÃ TÂY KHÁNH SƠN"
    assert profile.place_name == "Tây Khánh Sơn"
    assert w.standing_agency == "Công an xã"
    assert profile.standing_agency == "Công an xã Tây Khánh Sơn"
    assert profile.area_phrase == "trên địa bàn xã"
    assert w.committee_title == "Ban Chỉ đạo 138 xã"
    assert w.chairman_title == "Chủ tịch UBND xã"  # what the admin suggests
    assert "- Trưởng các thôn, tổ dân phố;" in w.recipients
    assert "- Ban Chỉ đạo 138 tỉnh (b/c);" in w.recipients
    assert not any("huyện" in line.lower() for line in (*w.recipients, *w.letterhead_lines))
    # No procuracy of a commune: since 1/7/2025 its police notify the regional one.
    assert w.procuracy == "Viện kiểm sát nhân dân khu vực"


def test_a_province_committee_reads_toan_tinh_and_cong_an_tinh(profile, district):
    profile = become(profile, CommitteeLevel.PROVINCE, district.parent)
    w = profile.wording
    assert w.authority_line == "UBND TỈNH KHÁNH HÒA"
    assert w.standing_agency == "Công an tỉnh"
    assert profile.whole_area == "toàn tỉnh"
    assert w.party_committee == "Tỉnh ủy"
    assert "- Ban Chỉ đạo 138 tỉnh (b/c);" not in w.recipients  # it is the province's own
    assert w.procuracy == "Viện kiểm sát nhân dân tỉnh Khánh Hòa"


def test_a_signatory_title_typed_in_the_profile_wins(profile):
    assert profile.signatory_title == "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"


def test_a_level_that_does_not_match_the_unit_is_refused(profile, district):
    with pytest.raises(ValidationError) as caught:
        become(profile, CommitteeLevel.COMMUNE, district.parent)
    assert "không phải đơn vị cấp xã" in str(caught.value)


def test_choosing_an_ended_district_is_refused_but_the_old_profile_stays_editable(
    profile, district, tay_khanh_son, son_lam
):
    district.refresh_from_db()
    assert district.dissolved_on == dt.date(2025, 7, 1)
    profile.require_otp_chairman = True
    profile.full_clean()  # unchanged level and unit: still editable
    become(profile, CommitteeLevel.COMMUNE, tay_khanh_son)
    with pytest.raises(ValidationError) as caught:
        become(CommitteeProfile.current(), CommitteeLevel.DISTRICT, district)
    assert "đã chấm dứt từ ngày 01 tháng 7 năm 2025" in str(caught.value)


def test_the_cached_wording_follows_a_change_of_level(profile, tay_khanh_son):
    assert current_wording().whole_area == "toàn huyện"
    become(profile, CommitteeLevel.COMMUNE, tay_khanh_son)
    assert current_wording().whole_area == "toàn xã"


def test_a_campaign_over_the_whole_area_says_toan_xa_for_a_commune_committee(
    client_for, secretariat, profile, tay_khanh_son
):
    from tests.campaigns.factories import CampaignFactory

    campaign = CampaignFactory(all_communes=True)
    become(profile, CommitteeLevel.COMMUNE, tay_khanh_son)
    page = client_for(secretariat).get(reverse("campaigns:detail", args=[campaign.pk]))
    text = page.content.decode()
    assert "Toàn xã" in text and "Toàn huyện" not in text


def test_the_admin_shows_the_derived_letterhead(admin_client, profile):
    page = admin_client.get(reverse("admin:ban138_committeeprofile_change", args=[profile.pk]))
    assert (
        "UBND HUYỆN KHÁNH SƠN · BAN CHỈ ĐẠO 138 · Công an huyện Khánh Sơn" in page.content.decode()
    )
