"""The intake desk's printed forms: each renders (PDF and DOCX) with its facts, as a page image;
who may print which, and every print of a form with the identity is in the reveal log."""

import datetime as dt
import io
import json
import logging
import os
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from tests import office
from tests.tips.factories import make_tip
from tips import printing, services
from tips.models import InformantReveal, NoticeKind, RevealKind, TipNotice, TipState
from tips.workflow import NoProsecutionGround

IDENTITY = {
    "name": "Trần Thị Mẫu",
    "id_number": "056012345678",
    "phone": "0912345678",
    "address": "Thôn Liên Hòa, xã Sơn Bình",
}


def _run(*args) -> str:
    # Poppler's tools on a file the test wrote: no untrusted input.
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603


def _text(pdf: bytes, tmp_path, name="doc") -> str:
    """The PDF's text with runs of white space as one space (lines wrap where they wrap)."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return " ".join(_run("/usr/bin/pdftotext", str(path), "-").split())


def _png(pdf: bytes, tmp_path, name) -> list:
    """Page images with pdftoppm; kept in $PRINT_PNG_DIR when set, to be looked at."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    _run("/usr/bin/pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / name))
    pages = sorted(tmp_path.glob(f"{name}*.png"))
    if os.environ.get("PRINT_PNG_DIR"):
        for page in pages:
            shutil.copy(page, os.environ["PRINT_PNG_DIR"])
    return pages


@pytest.fixture
def in_person(officer, son_binh, lien_hoa):
    return make_tip(
        by=officer,
        commune=son_binh,
        village=lien_hoa,
        channel="truc_tiep",
        address="Nhà văn hóa thôn",
        summary="Mất trộm xe máy Honda Wave trước nhà văn hóa thôn lúc rạng sáng",
        informant=IDENTITY,
    )


@pytest.fixture
def transferred(officer, leader, son_binh):
    tip = make_tip(by=officer, commune=son_binh, informant=IDENTITY)
    tip = services.tip_assign(tip=tip, by=leader, officer=officer)
    return services.tip_decide(
        tip=tip,
        by=leader,
        outcome=TipState.TRANSFERRED,
        number="12/QĐ",
        date=timezone.localdate(),
        note="",
        transfer_agency="Công an huyện Cam Lâm",
        merged_into=None,
    )


def test_the_receipt_record_is_form_01_with_the_informant_and_both_signatures(in_person, tmp_path):
    identity, _anonymous = printing.identity_of(in_person)
    form = printing.build("bien-ban", in_person, identity)
    pdf = printing.form_pdf(form)
    text = _text(pdf, tmp_path)
    assert "Mẫu số 01" in text and "119/2021/TT-BCA" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "CÔNG AN HUYỆN KHÁNH SƠN" in text
    assert "BIÊN BẢN TIẾP NHẬN NGUỒN TIN VỀ TỘI PHẠM" in text
    for value in IDENTITY.values():
        assert value in text
    assert in_person.register_number in text
    assert "NGƯỜI CUNG CẤP NGUỒN TIN VỀ TỘI PHẠM" in text and "NGƯỜI TIẾP NHẬN" in text
    assert "I. NỘI DUNG NGUỒN TIN VỀ TỘI PHẠM" in text
    assert "II. CÁC TÀI LIỆU, ĐỒ VẬT GIAO NỘP KÈM THEO" in text
    assert len(_png(pdf, tmp_path, "bien-ban")) == 1
    docx = Document(io.BytesIO(printing.form_docx(form)))
    words = "\n".join(p.text for p in docx.paragraphs)
    assert "BIÊN BẢN TIẾP NHẬN NGUỒN TIN VỀ TỘI PHẠM" in words and IDENTITY["phone"] in words


def test_the_transfer_slip_is_form_03_addressed_to_the_agency_without_the_identity(
    transferred, tmp_path
):
    form = printing.build("phieu-chuyen", transferred, None)
    text = _text(printing.form_pdf(form), tmp_path)
    assert "Mẫu số 03" in text and "PHIẾU CHUYỂN NGUỒN TIN VỀ TỘI PHẠM" in text
    assert "Kính gửi: Công an huyện Cam Lâm" in text
    assert IDENTITY["name"] not in text and IDENTITY["phone"] not in text
    _png(printing.form_pdf(form), tmp_path, "phieu-chuyen")


def test_the_notices_say_the_outcome_and_only_the_informants_names_the_person(
    transferred, tmp_path
):
    identity, _anonymous = printing.identity_of(transferred)
    to_informant = _text(
        printing.form_pdf(printing.build("thong-bao-nguoi-bao-tin", transferred, identity)),
        tmp_path,
        "a",
    )
    assert f"Kính gửi: Ông/Bà {IDENTITY['name']}" in to_informant
    assert "Kết quả giải quyết: Chuyển nguồn tin đến cơ quan có thẩm quyền" in to_informant
    assert "chuyển đến Công an huyện Cam Lâm" in to_informant
    for slug in ("thong-bao-vks-tiep-nhan", "thong-bao-vks-ket-qua"):
        pdf = printing.form_pdf(printing.build(slug, transferred, None))
        text = _text(pdf, tmp_path, slug)
        assert "Kính gửi: Viện kiểm sát nhân dân huyện Khánh Sơn" in text
        assert IDENTITY["name"] not in text
        _png(pdf, tmp_path, slug)
    _png(
        printing.form_pdf(printing.build("thong-bao-nguoi-bao-tin", transferred, identity)),
        tmp_path,
        "thong-bao-nguoi-bao-tin",
    )


def test_an_anonymous_informant_gets_no_notice_and_a_phone_tip_no_receipt_record(
    officer, leader, son_binh
):
    tip = make_tip(by=officer, commune=son_binh)  # anonymous, by phone
    tip = services.tip_assign(tip=tip, by=leader, officer=officer)
    tip = services.tip_start_verification(tip=tip, by=officer)
    tip = services.tip_decide(
        tip=tip,
        by=leader,
        outcome=TipState.NOT_PROSECUTED,
        ground=NoProsecutionGround.NO_OFFENCE,
        number="3",
        date=timezone.localdate(),
        note="",
        transfer_agency="",
        merged_into=None,
    )
    slugs = printing.forms_for(tip, anonymous=True)
    assert "thong-bao-nguoi-bao-tin" not in slugs and "bien-ban" not in slugs
    assert "thong-bao-vks-ket-qua" in slugs


def test_the_printed_register_is_landscape_with_its_header_on_every_page(
    officer, son_binh, tmp_path
):
    start = timezone.localdate() - dt.timedelta(days=3)
    for index in range(45):
        make_tip(
            by=officer,
            commune=son_binh,
            summary=f"Nguồn tin thử số {index} về trộm cắp tài sản, nội dung đủ dài " * 2,
            received_at=timezone.now() - dt.timedelta(hours=2 + index),
        )
    from tips.models import Tip

    context = printing.register_context(
        Tip.objects.received_between(start, timezone.localdate()).order_by("year", "number"),
        start,
        timezone.localdate(),
    )
    pdf = printing.register_pdf(context)
    path = tmp_path / "so.pdf"
    path.write_bytes(pdf)
    info = _run("/usr/bin/pdfinfo", str(path))
    assert "841.89 x 595.27" in info  # A4 landscape, in points
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= 2
    for page in range(1, pages + 1):
        text = " ".join(
            _run("/usr/bin/pdftotext", "-f", str(page), "-l", str(page), str(path), "-").split()
        )
        assert "Số tiếp nhận" in text and f"Trang {page}/{pages}" in text
    assert len(_png(pdf, tmp_path, "so-tiep-nhan")) == pages
    word = Document(io.BytesIO(printing.register_docx(context)))
    assert word.sections[0].page_width > word.sections[0].page_height
    assert len(word.tables[-1].rows) == 2 + 45  # the names and numbers rows, a row a tip


# --- access and the log ------------------------------------------------------------------------


def _print(client, tip, slug, **data):
    return client.post(reverse("tips:print_form", args=[tip.pk, slug]), {"format": "pdf", **data})


def test_who_may_print_the_receipt_record(
    in_person, officer, other_officer, leader, personas, client_for
):
    allowed = {officer: True, leader: True, other_officer: False}
    for user, ok in allowed.items():
        response = _print(client_for(user), in_person, "bien-ban", reason="Ký biên bản")
        assert response.status_code == (200 if ok else 403), user
    for role in ("official_son_binh", "official_son_lam", "secretariat", "chairman", "outsider"):
        response = _print(client_for(personas[role]), in_person, "bien-ban", reason="x")
        assert response.status_code == 403, role


def test_the_assigned_officer_may_print_it_too(in_person, leader, other_officer, client_for):
    services.tip_assign(tip=in_person, by=leader, officer=other_officer)
    response = _print(client_for(other_officer), in_person, "bien-ban", reason="Bổ sung hồ sơ")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_each_print_of_the_receipt_record_is_logged_like_a_reveal_and_refusals_too(
    in_person, officer, other_officer, client_for, caplog
):
    with caplog.at_level(logging.INFO, logger="ban138.audit"):
        _print(client_for(officer), in_person, "bien-ban", reason="Ký với người báo tin")
        _print(client_for(other_officer), in_person, "bien-ban", reason="tò mò")
    rows = list(InformantReveal.objects.filter(tip=in_person).order_by("id"))
    assert [(r.username, r.kind, r.refused) for r in rows] == [
        (officer.username, RevealKind.PRINTED, False),
        (other_officer.username, RevealKind.PRINTED, True),
    ]
    assert "Ký với người báo tin" in rows[0].reason
    events = [json.loads(r.getMessage()) for r in caplog.records if r.name == "ban138.audit"]
    printed = [e for e in events if e["event"].startswith("informant_printed")]
    assert [e["event"] for e in printed] == ["informant_printed", "informant_printed_refused"]
    assert all(IDENTITY["name"] not in json.dumps(e, ensure_ascii=False) for e in events)


def test_a_print_with_the_identity_asks_for_a_reason(in_person, officer, client_for):
    response = _print(client_for(officer), in_person, "bien-ban")
    assert response.status_code == 400
    assert "Lý do in" in response.content.decode()
    assert not InformantReveal.objects.filter(tip=in_person).exists()


def test_notices_are_recorded_and_audited_and_commune_officials_never_print(
    transferred, officer, personas, client_for, caplog
):
    with caplog.at_level(logging.INFO, logger="ban138.audit"):
        response = _print(client_for(officer), transferred, "thong-bao-vks-ket-qua", format="docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert TipNotice.objects.filter(tip=transferred, kind=NoticeKind.PROCURACY_DECISION).exists()
    assert any("tip_notice_printed" in r.getMessage() for r in caplog.records)
    for role in ("official_son_binh", "secretariat", "chairman"):
        for slug in ("phieu-chuyen", "thong-bao-vks-tiep-nhan", "thong-bao-nguoi-bao-tin"):
            assert _print(client_for(personas[role]), transferred, slug).status_code == 403


def test_a_form_that_does_not_fit_the_tip_is_not_found(in_person, officer, client_for):
    assert _print(client_for(officer), in_person, "phieu-chuyen").status_code == 404
    assert _print(client_for(officer), in_person, "khong-co").status_code == 404


def test_the_register_print_page_and_its_access(officer, personas, client_for, son_binh):
    make_tip(by=officer, commune=son_binh)
    today = timezone.localdate()
    url = reverse("tips:print_register")
    params = {"date_from": today.isoformat(), "date_to": today.isoformat(), "format": "pdf"}
    response = client_for(officer).get(url, params)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client_for(officer).get(url).status_code == 200  # the period form
    bad = {**params, "date_from": (today + dt.timedelta(days=2)).isoformat()}
    assert "Ngày kết thúc" in client_for(officer).get(url, bad).content.decode()
    for role in ("official_son_binh", "secretariat", "chairman", "outsider"):
        assert client_for(personas[role]).get(url, params).status_code == 403


def test_the_detail_page_offers_only_the_forms_the_user_may_print(
    in_person, officer, other_officer, client_for
):
    page = client_for(officer).get(reverse("tips:detail", args=[in_person.pk])).content.decode()
    assert reverse("tips:print_form", args=[in_person.pk, "bien-ban"]) in page
    other = client_for(other_officer).get(reverse("tips:detail", args=[in_person.pk]))
    assert reverse("tips:print_form", args=[in_person.pk, "bien-ban"]) not in other.content.decode()
    assert "tips/print.css" in page


def test_every_form_prints_from_the_demo_data(demo, tmp_path):
    """seed_demo's tips: each form that fits one of them, and months of the register, as PDF
    and as DOCX opened in LibreOffice; both as page images (kept in $PRINT_PNG_DIR to be looked
    at), read back line by line as laid out."""
    from tips.models import Tip

    forms = {}  # the first tip each form fits
    for tip in Tip.objects.select_related("commune", "village", "registered_by", "assigned_to"):
        identity, anonymous = printing.identity_of(tip)
        for slug in printing.forms_for(tip, anonymous=anonymous):
            forms.setdefault(slug, printing.build(slug, tip, identity))
    assert set(forms) == set(printing.FORM_LABELS)
    first = Tip.objects.order_by("received_at").first()
    start = timezone.localdate(first.received_at)
    end = start + dt.timedelta(days=120)
    context = printing.register_context(
        Tip.objects.received_between(start, end).order_by("year", "number"), start, end
    )
    assert len(context["rows"]) > 10
    words = office.docx_files_as_pdf(
        {f"demo-{slug}": printing.form_docx(form) for slug, form in forms.items()}
        | {"demo-so-tiep-nhan": printing.register_docx(context)},
        tmp_path,
    )
    for slug, form in forms.items():
        pdf_path = tmp_path / f"demo-{slug}.pdf"
        pdf_path.write_bytes(printing.form_pdf(form))
        for rendered in (pdf_path, words[f"demo-{slug}"]):
            assert office.page_count(rendered) == 1, (slug, rendered)  # fits its page
            lines = office.layout_lines(rendered)
            # The Quốc hiệu on one line, the title, and the signer's role, as printed.
            assert any(printing.NATION in line for line in lines), (slug, rendered)
            assert any(form.title in line for line in lines), (slug, rendered)
            assert any(form.signatures[-1].role in line for line in lines), (slug, rendered)
            assert office.page_images(rendered, tmp_path, rendered.stem + rendered.parent.name)
    pdf_path = tmp_path / "demo-so-tiep-nhan.pdf"
    pdf_path.write_bytes(printing.register_pdf(context))
    for rendered in (pdf_path, words["demo-so-tiep-nhan"]):
        assert office.page_size_mm(rendered) == (297, 210), rendered  # A4 landscape
        pages = office.page_count(rendered)
        assert pages >= 2, rendered
        for page in range(1, pages + 1):
            text = office.page_text(rendered, page)
            # The column names and their numbers at the top of every page, and its number.
            assert "Số tiếp nhận" in text and "Kết quả giải quyết" in text, (rendered, page)
            assert "(1) (2) (3)" in " ".join(office.layout_lines(rendered, page)), (rendered, page)
            assert f"Trang {page}/{pages}" in text, (rendered, page)
        first_page = office.layout_lines(rendered, 1)
        assert any(printing.NATION in line for line in first_page)
        assert len(office.page_images(rendered, tmp_path, f"so-{rendered.parent.name}")) == pages
