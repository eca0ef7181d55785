import pytest
from django.core.management import CommandError, call_command

from reports.models import ReportDraft
from reports.services import report_issue
from tests.reports.pdf_checks import normalised, pdf_text


def test_command_prints_the_current_draft_as_pdf(demo, tmp_path):
    output = tmp_path / "bc2020.pdf"
    call_command("annual_report", "--year", "2020", "--output", str(output))
    text = normalised(pdf_text(output.read_bytes()))
    # The current draft prints as a draft: the number is the văn thư's to give at issue.
    assert "Số: /BC-BCĐ138" in text and "TRƯỞNG BAN" in text and "DỰ THẢO" in text


def test_command_prints_a_commune_report_as_docx(demo, tmp_path):
    output = tmp_path / "sonbinh.docx"
    call_command(
        "annual_report",
        "--year",
        "2020",
        "--unit",
        "son binh",
        "--format",
        "docx",
        "--output",
        str(output),
    )
    assert output.read_bytes().startswith(b"PK")


def test_command_prints_the_issued_file_byte_for_byte(demo, tmp_path):
    from django.contrib.auth.models import User

    chairman = User.objects.get(username="truongban")  # the demo's chairman
    issued = report_issue(draft=ReportDraft.objects.get(year=2020), user=chairman)
    output = tmp_path / "issued.pdf"
    call_command("annual_report", "--year", "2020", "--issued", "--output", str(output))
    assert output.read_bytes() == bytes(issued.pdf)


def test_command_prints_the_report_of_the_committee_it_names(demo, tmp_path):
    # Several committees on one installation (issue 20): the province's report is its own —
    # its letterhead and its area — not the first committee's (the district's).
    output = tmp_path / "tinh-2025.pdf"
    call_command(
        "annual_report", "--year", "2025", "--committee", "khanh hoa", "--output", str(output)
    )
    text = normalised(pdf_text(output.read_bytes()))
    assert "UBND TỈNH KHÁNH HÒA" in text
    assert "UBND HUYỆN KHÁNH SƠN" not in text
    # No draft of 2025 is written: the figures still print as a draft, never as issued.
    assert "DỰ THẢO" in text and "Số: /BC-BCĐ138" in text and "năm 2026" in text
    with pytest.raises(CommandError, match="Không có Ban chỉ đạo nào của địa bàn 'Nha Trang'"):
        call_command(
            "annual_report", "--year", "2025", "--committee", "Nha Trang", "--output",
            str(tmp_path / "x.pdf"),
        )


def test_command_refuses_a_future_year(district, tmp_path):
    with pytest.raises(CommandError):
        call_command("annual_report", "--year", "2999", "--output", str(tmp_path / "x.pdf"))


def test_demo_draft_is_idempotent(demo):
    from io import StringIO

    from reports.demo import seed

    seed(stdout=StringIO())
    assert ReportDraft.objects.filter(year=2020).count() == 1
