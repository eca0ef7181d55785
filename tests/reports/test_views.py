"""Pages of the report: who may do what, draft editing, issuing and freezing."""

import datetime as dt
import hashlib

import pytest
from django.urls import reverse

from reports.models import IssuedReport, ReportDraft
from reports.services import report_issue
from tests.conftest import download_report


@pytest.fixture
def draft(district, secretariat):
    return ReportDraft.objects.create(
        year=2020,
        unit=district,
        number="15",
        document_date=dt.date(2021, 3, 10),
        shortcomings="Còn chậm.",
        tasks="Tiếp tục.",
        recipients="Lưu: VT.",
        created_by=secretariat,
    )


def _url(name, *args):
    return reverse(f"reports:{name}", args=args)


def test_anonymous_users_are_sent_to_login(client, draft):
    response = client.get(_url("draft_detail", draft.pk))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 200),
        ("chairman", 200),
        ("leader", 403),
        ("officer", 403),
        ("official_son_binh", 403),
        ("outsider", 403),
    ],
)
def test_draft_is_read_by_secretariat_and_chairman_only(
    client_for, personas, draft, persona, status
):
    assert client_for(personas[persona]).get(_url("draft_detail", draft.pk)).status_code == status


@pytest.mark.parametrize(("persona", "status"), [("secretariat", 200), ("chairman", 403)])
def test_only_the_secretariat_edits_a_draft(client_for, personas, draft, persona, status):
    assert client_for(personas[persona]).get(_url("draft_edit", draft.pk)).status_code == status


def test_secretariat_saves_the_narrative_as_nfc(client_for, secretariat, draft):
    decomposed = "Co\u0302ng ta\u0301c"  # NFD as some keyboards send it
    response = client_for(secretariat).post(
        _url("draft_edit", draft.pk),
        {
            "number": "16",
            "document_date": "2021-03-11",
            "shortcomings": decomposed,
            "tasks": "Nhiệm vụ.",
            "recipients": "Lưu: VT.",
            "version": draft.version,
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.shortcomings == "Công tác" and draft.number == "16" and draft.version == 2


def test_a_stale_edit_gets_the_conflict_page(client_for, secretariat, draft):
    data = {
        "number": "16",
        "document_date": "2021-03-11",
        "shortcomings": "a",
        "tasks": "b",
        "recipients": "c",
        "version": draft.version,
    }
    client = client_for(secretariat)
    assert client.post(_url("draft_edit", draft.pk), data).status_code == 302
    assert client.post(_url("draft_edit", draft.pk), data).status_code == 409


def test_secretariat_cannot_issue(client_for, secretariat, draft):
    assert client_for(secretariat).post(_url("draft_issue", draft.pk)).status_code == 403
    assert not IssuedReport.objects.exists()


def test_issue_needs_a_post_and_csrf(client_for, chairman, draft):
    assert client_for(chairman).get(_url("draft_issue", draft.pk)).status_code == 405
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(chairman)
    assert strict.post(_url("draft_issue", draft.pk)).status_code == 403


def test_chairman_issues_and_the_file_is_served_byte_identical_after_tips_change(
    client_for, chairman, draft, son_binh, officer
):
    from tests.tips.factories import make_tip

    client = client_for(chairman)
    assert client.post(_url("draft_issue", draft.pk)).status_code == 302
    issued = IssuedReport.objects.get(draft=draft)
    assert issued.issued_by == chairman and issued.number == "15/BC-BCĐ138"
    assert hashlib.sha256(bytes(issued.pdf)).hexdigest() == issued.pdf_sha256
    first = client.get(_url("issued_file", issued.pk, "pdf")).content
    tip = make_tip(
        by=officer, commune=son_binh, received_at=dt.datetime(2020, 6, 1, 9, tzinfo=dt.UTC)
    )
    tip.summary = "Sửa sau khi ban hành"
    tip.save()
    again = client.get(_url("issued_file", issued.pk, "pdf")).content
    assert again == first
    assert hashlib.sha256(again).hexdigest() == issued.pdf_sha256
    assert issued.figures["tips_received"]["current"] == 0
    draft.refresh_from_db()
    assert draft.is_issued


def test_an_issued_draft_cannot_be_edited_or_issued_again(client_for, chairman, secretariat, draft):
    report_issue(draft=draft, user=chairman)
    response = client_for(secretariat).get(_url("draft_edit", draft.pk))
    assert response.status_code == 302
    client_for(chairman).post(_url("draft_issue", draft.pk))
    assert IssuedReport.objects.count() == 1


def test_issued_reports_are_listed_by_year_with_who_issued_them(
    client_for, chairman, leader, draft
):
    report_issue(draft=draft, user=chairman)
    page = client_for(leader).get(_url("index")).content.decode()
    assert "Năm 2020" in page and "15/BC-BCĐ138" in page and "Nguyễn Văn Hùng" in page


def test_a_commune_official_cannot_read_the_district_report(
    client_for, chairman, official_son_binh, draft
):
    issued = report_issue(draft=draft, user=chairman)
    response = client_for(official_son_binh).get(_url("issued_file", issued.pk, "pdf"))
    assert response.status_code == 404


def test_commune_official_reads_own_commune_report_only(
    client_for, official_son_binh, son_binh, son_lam
):
    client = client_for(official_son_binh)
    own = client.get(_url("commune_report", son_binh.pk, 2020))
    assert own.status_code == 200
    assert "xã Sơn Bình" in own.content.decode()
    assert client.get(_url("commune_report", son_lam.pk, 2020)).status_code == 404
    assert client.get(_url("commune_file", son_lam.pk, 2020, "pdf")).status_code == 404
    pdf = download_report(client, _url("commune_file", son_binh.pk, 2020, "pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_future_year_is_refused_for_commune_reports(client_for, chairman, son_binh):
    assert client_for(chairman).get(_url("commune_report", son_binh.pk, 2999)).status_code == 404


def test_secretariat_creates_a_draft_once_even_when_the_form_is_sent_twice(
    client_for, secretariat, district
):
    import uuid

    data = {"year": 2020, "unit": district.pk, "submission_token": str(uuid.uuid4())}
    client = client_for(secretariat)
    first = client.post(_url("draft_create"), data)
    second = client.post(_url("draft_create"), data)
    assert first.status_code == second.status_code == 302
    assert ReportDraft.objects.count() == 1


def test_a_draft_for_a_future_year_is_refused(client_for, secretariat, district):
    import uuid

    client_for(secretariat).post(
        _url("draft_create"), {"year": 2999, "unit": district.pk, "submission_token": uuid.uuid4()}
    )
    assert not ReportDraft.objects.exists()


def test_preview_uses_the_same_template_and_escapes_the_narrative(client_for, secretariat, draft):
    draft.shortcomings = "<script>alert(1)</script>"
    draft.save()
    response = client_for(secretariat).get(_url("draft_preview", draft.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "style=" not in html


def test_draft_page_marks_render_buttons_busy_and_loads_script(client_for, chairman, draft):
    html = client_for(chairman).get(_url("draft_detail", draft.pk)).content.decode()
    assert "Đang tạo báo cáo…" in html and "data-report-busy" in html
    assert "reports/progress.js" in html


def test_chairmans_landing_shows_the_year_to_date_panel_with_links(client_for, chairman):
    page = client_for(chairman).get(reverse("landing", kwargs={"role": "truong_ban"}))
    html = page.content.decode()
    assert "Số liệu từ đầu năm" in html
    assert reverse("tips:register") in html and "<svg" in html


def test_the_index_offers_each_commune_every_year_that_has_tips(
    client_for, chairman, officer, son_binh
):
    """Issue 16: a per-commune report for every year the district reports compare, not only
    the latest two; each link opens that commune's report of that year."""
    from django.utils import timezone

    from tests.tips.factories import make_tip

    this_year = timezone.localdate().year
    for year in (2019, 2021):
        make_tip(
            by=officer, commune=son_binh, received_at=dt.datetime(year, 5, 4, 9, tzinfo=dt.UTC)
        )
    page = client_for(chairman).get(reverse("reports:index")).content.decode()
    for year in (2019, 2021, this_year - 1, this_year):
        assert _url("commune_report", son_binh.pk, year) in page, year
    assert _url("commune_report", son_binh.pk, 2020) not in page  # no tip that year
    report = client_for(chairman).get(_url("commune_report", son_binh.pk, 2019))
    assert report.status_code == 200 and "năm 2019" in report.content.decode().lower()


def test_a_commune_report_is_dated_as_the_districts_report_never_the_day_of_printing(
    client_for, chairman, son_binh, draft
):
    """Issue 16: the 2020 extract for Sơn Bình carries the date of the district's 2020 report
    once it is issued, and until then a blank date line of 2021, not today's date."""
    from django.utils import timezone

    from ban138.text import format_date_long

    today = format_date_long(timezone.localdate())
    url = _url("commune_report", son_binh.pk, 2020)
    before = client_for(chairman).get(url).content.decode()
    assert today not in before
    assert "năm 2021" in before and "Khánh Sơn, ngày" in before
    report_issue(draft=draft, user=chairman)
    after = client_for(chairman).get(url).content.decode()
    assert format_date_long(dt.date(2021, 3, 10)) in after and today not in after
