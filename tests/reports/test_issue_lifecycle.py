"""A report's life in the sổ văn bản đi: drafts marked as drafts, numbers given once, issue
refused while the narrative is missing, withdrawal and replacement on record."""

import datetime as dt
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ban138 import documents
from ban138.models import DocumentKind, DocumentStatus
from reports import services
from reports.models import IssuedReport, ReportDraft
from tests.reports.pdf_checks import normalised, pdf_text


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


def test_a_draft_pdf_says_du_thao_on_every_page_and_leaves_number_and_date_blank(draft):
    from pypdf import PdfReader

    pdf = services.report_render(context=services.report_draft_context(draft=draft), fmt="pdf")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    assert all("DỰ THẢO" in page.extract_text() for page in pages)
    text = normalised(pdf_text(pdf))
    assert "Số: /BC-BCĐ138" in text and "15/BC" not in text
    assert "Khánh Sơn, ngày tháng năm 2021" in text and "10 tháng 3" not in text


def test_a_draft_docx_says_du_thao_in_the_header_of_every_page(draft):
    content = services.report_render(context=services.report_draft_context(draft=draft), fmt="docx")
    section = docx.Document(io.BytesIO(content)).sections[0]
    assert section.different_first_page_header_footer
    for header in (section.header, section.first_page_header):
        assert "DỰ THẢO" in [p.text for p in header.paragraphs]


def test_the_issued_files_carry_the_number_and_no_draft_mark(draft, chairman):
    issued = services.report_issue(draft=draft, user=chairman)
    text = normalised(pdf_text(bytes(issued.pdf)))
    assert "Số: 15/BC-BCĐ138" in text and "DỰ THẢO" not in text
    assert "Khánh Sơn, ngày 10 tháng 3 năm 2021" in text
    word = docx.Document(io.BytesIO(bytes(issued.docx)))
    assert "DỰ THẢO" not in " ".join(p.text for p in word.sections[0].header.paragraphs)
    assert issued.document.number == 15 and issued.document.kind == DocumentKind.REPORT
    assert issued.document.source == f"reports.issuedreport:{issued.pk}"


def test_issue_is_refused_while_section_two_or_three_is_empty(draft, chairman):
    for field in ("shortcomings", "tasks"):
        setattr(draft, field, "  \n ")
        with pytest.raises(ValidationError, match="mục II"):
            services.report_issue(draft=draft, user=chairman)
        setattr(draft, field, "Có nội dung.")
    assert not IssuedReport.objects.exists()


def test_issue_with_a_number_already_in_the_register_is_refused(draft, chairman):
    documents.document_register(
        kind=DocumentKind.PLAN,
        title="Kế hoạch cao điểm",
        document_date=dt.date(2021, 1, 5),
        number=15,
        by=chairman,
    )
    with pytest.raises(ValidationError, match="tiếp theo là 16"):
        services.report_issue(draft=draft, user=chairman)
    assert not IssuedReport.objects.exists()
    draft.refresh_from_db()
    assert not draft.is_issued


def test_a_draft_without_a_number_takes_the_next_free_one(draft, chairman):
    documents.document_register(
        kind=DocumentKind.PLAN,
        title="Kế hoạch",
        document_date=dt.date(2021, 1, 5),
        number=3,
        by=chairman,
    )
    draft.number = ""
    issued = services.report_issue(draft=draft, user=chairman)
    assert issued.number == "04/BC-BCĐ138"


def test_the_edit_form_refuses_a_used_number(client_for, secretariat, chairman, draft):
    documents.document_register(
        kind=DocumentKind.PLAN,
        title="Kế hoạch",
        document_date=dt.date(2021, 1, 5),
        number=15,
        by=chairman,
    )
    response = client_for(secretariat).post(
        _url("draft_edit", draft.pk),
        {
            "number": "15",
            "document_date": "2021-03-10",
            "shortcomings": "a",
            "tasks": "b",
            "recipients": "Lưu: VT.",
            "version": draft.version,
        },
    )
    assert response.status_code == 200
    assert "Số 15 năm 2021 đã được cấp" in response.content.decode()


def test_after_issue_the_draft_page_offers_only_the_frozen_files(client_for, chairman, draft):
    issued = services.report_issue(draft=draft, user=chairman)
    client = client_for(chairman)
    page = client.get(_url("draft_detail", draft.pk)).content.decode()
    assert _url("issued_file", issued.pk, "pdf") in page
    assert _url("issued_file", issued.pk, "docx") in page
    assert _url("draft_file", draft.pk, "pdf") not in page
    assert _url("draft_preview", draft.pk) not in page
    assert client.get(_url("draft_file", draft.pk, "pdf")).status_code == 302
    assert client.get(_url("draft_preview", draft.pk)).status_code == 302


def test_the_chairman_withdraws_with_a_reason_and_the_report_stays_marked(
    client_for, chairman, secretariat, draft
):
    issued = services.report_issue(draft=draft, user=chairman)
    url = _url("issued_withdraw", issued.pk)
    assert client_for(secretariat).post(url, {"reason": "x"}).status_code == 403
    client_for(chairman).post(url, {"reason": ""})
    issued.document.refresh_from_db()
    assert issued.document.status == DocumentStatus.ISSUED
    client_for(chairman).post(url, {"reason": "Ban hành nhầm"})
    issued.document.refresh_from_db()
    assert issued.document.status == DocumentStatus.WITHDRAWN
    assert issued.document.status_reason == "Ban hành nhầm"
    page = client_for(chairman).get(_url("index")).content.decode()
    assert "Đã thu hồi" in page and "Ban hành nhầm" in page and "15/BC-BCĐ138" in page


def test_a_replacement_gets_its_own_number_and_marks_the_old_report(client_for, chairman, draft):
    old = services.report_issue(draft=draft, user=chairman)
    response = client_for(chairman).post(
        _url("issued_replace", old.pk), {"reason": "Bổ sung số liệu xã Sơn Bình"}
    )
    new_draft = ReportDraft.objects.get(is_issued=False)
    assert response.url == _url("draft_detail", new_draft.pk)
    assert new_draft.replaces == old and new_draft.tasks == draft.tasks
    old.document.refresh_from_db()
    assert old.document.status == DocumentStatus.ISSUED  # until the replacement is issued
    new = services.report_issue(draft=new_draft, user=chairman, today=dt.date(2021, 4, 2))
    old.document.refresh_from_db()
    assert new.number == "16/BC-BCĐ138"
    assert old.document.status == DocumentStatus.REPLACED
    assert old.document.replaced_by == new.document
    assert old.document.status_reason == "Bổ sung số liệu xã Sơn Bình"
    assert IssuedReport.objects.count() == 2
