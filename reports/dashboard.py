"""The chairman's landing panel: this year to date beside the same period last year."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from ban138.models import CommitteeProfile
from ban138.text import format_number
from reports.compile import compile_report
from reports.document import charts_for
from reports.figures import Compared
from reports.wording import change_phrase
from tips.queries import PROSECUTED_STATE


@dataclass(frozen=True)
class FigureLink:
    label: str
    value: str
    previous: str
    change: str
    url: str


def _url(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse(name)}?{query}" if query else reverse(name)


PANEL_MAX_AGE = 600  # seconds; shown on the panel as the time the figures were computed


def chairman_panel(request) -> dict:
    profile = CommitteeProfile.current()
    if profile is None:
        return {}
    today = timezone.localdate()
    figures = compile_report(year=today.year, unit=profile.district, today=today)
    period = {"date_from": figures.start.isoformat(), "date_to": figures.end.isoformat()}
    year = {"year": figures.year}
    previous_year = figures.previous_year

    def compared(label, figure: Compared, url, noun="vụ"):
        return FigureLink(
            label,
            format_number(figure.current),
            format_number(figure.previous) if figure.previous is not None else "—",
            change_phrase(figure, previous_year=previous_year, noun=noun),
            url,
        )

    def single(label, value, url):
        return FigureLink(label, format_number(value), "", "", url)

    links = [
        compared(
            "Tin báo, tố giác tiếp nhận", figures.tips_received, _url("tips:register", **period)
        ),
        single("Đã giải quyết", figures.tips_settled, _url("tips:register", **period)),
        single("Quá hạn", figures.tips_overdue, _url("tips:register", overdue="on", **period)),
        compared(
            "Vụ án khởi tố",
            figures.cases_opened,
            _url("tips:register", state=PROSECUTED_STATE, **period),
        ),
        compared(
            "Đối tượng bắt giữ",
            figures.arrested,
            _url("tips:register", state=PROSECUTED_STATE, **period),
            "đối tượng",
        ),
        single(
            "Mô hình tự quản về ANTT", figures.models_total, _url("models_registry:list", **year)
        ),
        single(
            "Mô hình mới trong năm",
            figures.models_new,
            _url("models_registry:list", new="on", **year),
        ),
        single(
            "Mô hình lâu không cập nhật",
            figures.models_gone_quiet,
            _url("models_registry:list", quiet="on", **year),
        ),
        compared(
            "Buổi tuyên truyền", figures.outreach_sessions, _url("campaigns:outreach_list"), "buổi"
        ),
        single("Đợt cao điểm trong năm", len(figures.campaigns), _url("campaigns:list")),
    ]
    return {
        "figures": figures,
        "links": links,
        "charts": charts_for(figures),
        "computed_at": timezone.localtime(),
        "refresh_minutes": PANEL_MAX_AGE // 60,
    }
