"""What a committee's level says on paper — derived here and nowhere else.

Before 1/7/2025 a steering committee 138 sat at district level (UBND huyện, Công an huyện);
district police ended on 1/3/2025 and the district level on 1/7/2025 (docs/REFORM.md), so a
committee using this product in 2026 is a commune's (UBND xã, Công an xã) or a province's (UBND
tỉnh, Công an tỉnh). Everything worded by level — the letterhead, the standing agency, the
signatory's default title, "trên địa bàn xã" / "toàn tỉnh", the recipients of a report — comes
from :func:`wording_for` from the level and the area unit's own kind and name, so a ward reads
"UBND PHƯỜNG …" and a special zone "Công an đặc khu" without a word of code changing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeLevel(models.TextChoices):
    DISTRICT = "huyen", _("Cấp huyện (đến 30/6/2025)")
    COMMUNE = "xa", _("Cấp xã")
    PROVINCE = "tinh", _("Cấp tỉnh")


# The units below a committee's area, as documents list them.
_BELOW = {
    CommitteeLevel.DISTRICT: "các xã, thị trấn",
    CommitteeLevel.COMMUNE: "các thôn, tổ dân phố",
    CommitteeLevel.PROVINCE: "các xã, phường, đặc khu",
}
# The Party committee of each kind of unit ("Thường trực Huyện ủy, HĐND huyện").
_PARTY = {"huyện": "Huyện ủy", "tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "thị xã": "Thị ủy"}


@dataclass(frozen=True)
class CommitteeWording:
    level: str
    unit_kind: str  # "huyện", "xã", "phường", "thị trấn", "đặc khu", "tỉnh", "thành phố"
    unit_name: str  # "Khánh Sơn", "Tây Khánh Sơn", "Khánh Hòa"
    committee_name: str = "BAN CHỈ ĐẠO 138"

    @property
    def authority_line(self) -> str:
        """First letterhead line: "UBND HUYỆN KHÁNH SƠN", "UBND XÃ TÂY KHÁNH SƠN"."""
        return f"UBND {self.unit_kind} {self.unit_name}".upper()

    @property
    def letterhead_lines(self) -> tuple[str, str]:
        return (self.authority_line, self.committee_name)

    @property
    def place_name(self) -> str:
        """The place before the date: "Tây Khánh Sơn, ngày … tháng … năm …"."""
        return self.unit_name

    @property
    def unit_in_sentence(self) -> str:
        """ "huyện Khánh Sơn", "xã Tây Khánh Sơn", "tỉnh Khánh Hòa"."""
        return f"{self.unit_kind} {self.unit_name}"

    @property
    def committee_title(self) -> str:
        """ "Ban Chỉ đạo 138 huyện", "Ban Chỉ đạo 138 xã", "Ban Chỉ đạo 138 tỉnh"."""
        return f"Ban Chỉ đạo 138 {self.unit_kind}"

    @property
    def standing_agency(self) -> str:
        """The committee's standing police agency: "Công an huyện", "Công an xã", "Công an tỉnh"."""
        return f"Công an {self.unit_kind}"

    @property
    def standing_agency_full(self) -> str:
        return f"Công an {self.unit_in_sentence}"

    @property
    def procuracy(self) -> str:
        """The procuracy the committee's police notify: "Viện kiểm sát nhân dân huyện Khánh Sơn"
        (before 2025), "… tỉnh Khánh Hòa"; a commune has no procuracy of its own — since 1/7/2025
        the procuracies are the supreme, the provinces' and the regional ones (Luật 82/2025/QH15;
        NQ 84/2025/UBTVQH15 thành lập Viện kiểm sát nhân dân khu vực), so a commune's police
        write to the regional one ("Viện kiểm sát nhân dân khu vực"; which one, the clerk adds)."""
        if not self.unit_kind:
            return "Viện kiểm sát nhân dân cùng cấp"
        if self.level == CommitteeLevel.COMMUNE:
            return "Viện kiểm sát nhân dân khu vực"
        return f"Viện kiểm sát nhân dân {self.unit_in_sentence}"

    @property
    def area_phrase(self) -> str:
        """ "trên địa bàn huyện", "trên địa bàn xã", "trên địa bàn tỉnh"."""
        return f"trên địa bàn {self.unit_kind}".strip()

    @property
    def whole_area(self) -> str:
        """ "toàn huyện", "toàn xã", "toàn tỉnh"."""
        return f"toàn {self.unit_kind or 'địa bàn'}"

    @property
    def units_below(self) -> str:
        return _BELOW.get(self.level, "các đơn vị trực thuộc")

    @property
    def chairman_title(self) -> str:
        """The signatory's title when the profile leaves it blank: "Chủ tịch UBND xã"."""
        return f"Chủ tịch UBND {self.unit_kind}"

    @property
    def party_committee(self) -> str:
        return _PARTY.get(self.unit_kind, f"Đảng ủy {self.unit_kind}")

    @property
    def recipients(self) -> tuple[str, ...]:
        """The usual "Nơi nhận" of the committee's report, one line each."""
        if not self.unit_kind:  # no committee profile yet: only the file copy
            return ("- Lưu: VT.",)
        upper = () if self.level == CommitteeLevel.PROVINCE else ("- Ban Chỉ đạo 138 tỉnh (b/c);",)
        return (
            *upper,
            f"- Thường trực {self.party_committee}, HĐND {self.unit_kind} (b/c);",
            f"- Chủ tịch, các PCT UBND {self.unit_kind};",
            f"- Các thành viên BCĐ 138 {self.unit_kind};",
            f"- {'Trưởng' if self.level == CommitteeLevel.COMMUNE else 'UBND'} {self.units_below};",
            "- Lưu: VT.",
        )


def wording_for(level: str, unit, committee_name: str = "BAN CHỈ ĐẠO 138") -> CommitteeWording:
    """The wording of a committee of ``level`` over ``unit`` (an AdministrativeUnit)."""
    return CommitteeWording(
        level=level,
        unit_kind=str(unit.get_kind_display()).lower(),
        unit_name=unit.name,
        committee_name=committee_name,
    )


# Without a profile (a fresh installation) pages still read sensibly.
NO_PROFILE = CommitteeWording(level="", unit_kind="", unit_name="")


def current_wording() -> CommitteeWording:
    """The wording of the committee of the work being done (the request user's: ban138/
    committees.py), cached until a unit or a committee changes."""
    from ban138.caching import REFERENCE, shared
    from ban138.committees import active_committee_id
    from ban138.models import CommitteeProfile

    def compute():
        profile = CommitteeProfile.current()
        return profile.wording if profile else NO_PROFILE

    return shared(f"committee_wording:{active_committee_id()}", compute, depends_on=REFERENCE)
