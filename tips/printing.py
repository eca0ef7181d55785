"""The intake desk's printed forms: one :class:`PrintedForm` per form, rendered to PDF (WeasyPrint,
``templates/tips/forms/``) and to DOCX (:mod:`tips.printing_docx`) from the same content.

Which form, which law (what was verified, and where, is in ``docs/FORMS.md``):

- **Mẫu số 01 — Biên bản tiếp nhận nguồn tin về tội phạm** (Thông tư 119/2021/TT-BCA of
  08/12/2021; BLTTHS 2015 Art. 146(1): a source received in person is recorded in a biên bản and
  entered in the sổ tiếp nhận). It carries the informant's particulars, so only the registering
  officer, the assigned officer and police leaders may print it, and each print is logged in the
  reveal log like a showing (:func:`may_print_identity`).
- **Mẫu số 03 — Phiếu chuyển nguồn tin về tội phạm** (same Thông tư; Art. 145(3), 146(2)(c): a
  source outside the body's competence is transferred to the competent body). No identity.
- **Thông báo kết quả giải quyết nguồn tin về tội phạm** to the informant (Art. 158(1), 148(2):
  whoever reported the tip is told the result and why). Holds the informant's name and address:
  printed like the biên bản, never for an anonymous informant.
- **Notices to the procuracy**: receipt (Art. 146(5): 03 days) and the decision (Art. 147(3),
  148(2), 158(1): within 24 hours). No identity.
- **Sổ tiếp nhận nguồn tin về tội phạm** for a period: A4 landscape, one line a tip. The
  informant column says only whether a person reported (protected) or which agency did: the
  identity never appears in a list (DESIGN.md, Informant).

The TT 119/2021 form numbers 01 and 03 are confirmed by a quoted source (docs/FORMS.md); the
notices' form numbers were not found, so they print without a number rather than a guessed one.
"""

import dataclasses
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138 import audit
from ban138.models import CommitteeProfile
from ban138.roles import Role, has_role
from ban138.text import format_date_long, person_name
from tips.models import (
    Channel,
    NoticeKind,
    RevealKind,
    Tip,
    TipKind,
    TipNotice,
    TipState,
)

BASIS_119 = "Ban hành kèm theo Thông tư số 119/2021/TT-BCA ngày 08/12/2021 của Bộ trưởng Bộ Công an"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
STYLESHEET = "tips/forms.css"
BLANK = "…………………………………………"
SHORT_BLANK = "……………………"  # a blank inside a sentence: the line must not wrap on it
DECIDED_STATES = (
    TipState.PROSECUTED,
    TipState.NOT_PROSECUTED,
    TipState.SUSPENDED,
    TipState.TRANSFERRED,
)
# Art. 147(1) decisions and what the notice says was decided.
OUTCOME_WORDING = {
    TipState.PROSECUTED: "Quyết định khởi tố vụ án hình sự",
    TipState.NOT_PROSECUTED: "Quyết định không khởi tố vụ án hình sự",
    TipState.SUSPENDED: "Quyết định tạm đình chỉ việc giải quyết nguồn tin về tội phạm",
    TipState.TRANSFERRED: "Chuyển nguồn tin đến cơ quan có thẩm quyền giải quyết",
}


@dataclasses.dataclass
class Line:
    """One line of the body: ``label: value`` (a dotted blank when the value is empty), or a
    paragraph when there is no label."""

    label: str = ""
    value: str = ""
    indent: bool = True
    bold: bool = False


@dataclasses.dataclass
class Signature:
    role: str
    note: str = "(Ký, ghi rõ họ tên)"
    name: str = ""


@dataclasses.dataclass
class PrintedForm:
    slug: str
    file_stem: str
    authority: str  # the body above the issuing body ("CÔNG AN TỈNH KHÁNH HÒA")
    issuer: str  # the issuing body ("CÔNG AN HUYỆN KHÁNH SƠN")
    title: str
    code: str = ""  # "Mẫu số 01"
    basis: str = ""
    number: str = ""
    place_date: str = ""
    subtitle: str = ""
    addressee: str = ""
    lines: list = dataclasses.field(default_factory=list)
    signatures: list = dataclasses.field(default_factory=list)
    recipients: list = dataclasses.field(default_factory=list)


# --- who may print -----------------------------------------------------------------------------


def may_print_identity(user, tip: Tip) -> bool:
    """The forms that carry the informant's identity (biên bản, notice to the informant): the
    officer who registered the tip (he took it down and signs the biên bản), the assigned
    officer and police leaders. Commune officials, the secretariat and the chairman never."""
    if has_role(user, Role.POLICE_LEADER):
        return True
    return has_role(user, Role.OFFICER) and user.pk in (tip.registered_by_id, tip.assigned_to_id)


def log_identity_print(*, tip: Tip, by, form: str, request=None, refused: bool = False) -> None:
    """A print of a form with the identity is logged like a reveal (tips.services.informant_log):
    one reveal-log row and one audit line, never the identity itself. Refused attempts too."""
    from tips.services import informant_log

    informant_log(tip, by, RevealKind.PRINTED, form, request=request, refused=refused)


def record_notice(*, tip: Tip, by, kind: str, request=None) -> TipNotice:
    notice = TipNotice.objects.create(tip=tip, kind=kind, printed_by=by)
    audit.record(
        "tip_notice_printed", request=request, tip_id=tip.pk, tip=tip.register_number, form=kind
    )
    return notice


# --- shared pieces -----------------------------------------------------------------------------


def _letterhead() -> tuple[str, str, str]:
    """(authority, issuer, place name) of the police body that keeps the register."""
    profile = CommitteeProfile.current()
    if profile is None:  # a fresh installation: no body named yet
        return "", "CÔNG AN", ""
    district = profile.district
    province = district.parent
    # The body above the committee's police: Công an tỉnh; above a province's, the Ministry.
    authority = f"CÔNG AN {province.full_name.upper()}" if province else "BỘ CÔNG AN"
    return authority, f"CÔNG AN {district.full_name.upper()}", profile.place_name


def _body_name() -> str:
    """ "Công an huyện Khánh Sơn", "Công an xã Tây Khánh Sơn" — the body as a sentence names it."""
    profile = CommitteeProfile.current()
    if profile is None:
        return "Cơ quan Công an"
    district = profile.district
    return f"Công an {district.get_kind_display().lower()} {district.name}"


def _place_date(place: str, day: dt.date) -> str:
    return f"{place}, {format_date_long(day)}" if place else format_date_long(day).capitalize()


def _place_of(tip: Tip) -> str:
    units = [u for u in (tip.village, tip.commune) if u is not None]
    parts = [tip.address, *(f"{u.get_kind_display().lower()} {u.name}" for u in units)]
    text = ", ".join(p for p in parts if p)
    return text[:1].upper() + text[1:]


def _when(value: dt.datetime | None, approximate: bool = False) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    text = f"{local:%H} giờ {local:%M} phút, {format_date_long(local)}"
    return f"khoảng {text}" if approximate else text


def _source_of(tip: Tip) -> str:
    """Who reported, without the identity of a person."""
    if tip.sender_agency:
        document = ""
        if tip.sender_document_number:
            document = f" (văn bản số {tip.sender_document_number}"
            if tip.sender_document_date:
                document += f" ngày {tip.sender_document_date:%d/%m/%Y}"
            document += ")"
        return f"{tip.sender_agency}{document}"
    if tip.kind == TipKind.DENUNCIATION:
        return "Cá nhân tố giác (danh tính được bảo mật)"
    return "Chưa ghi cơ quan, tổ chức báo tin"


def _outcome(tip: Tip) -> str:
    wording = OUTCOME_WORDING.get(tip.state, tip.get_state_display())
    if tip.decision_number:
        wording += f" số {tip.decision_number}"
    if tip.decision_date:
        wording += f" {format_date_long(tip.decision_date)}"
    if tip.state == TipState.TRANSFERRED and tip.transfer_agency:
        wording += f", chuyển đến {tip.transfer_agency}"
    return wording


def _procuracy(_place: str = "") -> str:
    """The procuracy to notify, by the committee's level (ban138/committee.py)."""
    profile = CommitteeProfile.current()
    return profile.wording.procuracy if profile else "Viện kiểm sát nhân dân cùng cấp"


def _head(slug, stem, title, **kwargs) -> PrintedForm:
    authority, issuer, place = _letterhead()
    kwargs.setdefault("place_date", _place_date(place, timezone.localdate()))
    return PrintedForm(
        slug=slug, file_stem=stem, authority=authority, issuer=issuer, title=title, **kwargs
    )


# --- the forms ---------------------------------------------------------------------------------


def bien_ban(tip: Tip, identity: dict | None) -> PrintedForm:
    """Mẫu số 01, TT 119/2021/TT-BCA: the receipt record of a source given in person."""
    identity = identity or {}
    _authority, _issuer, place = _letterhead()
    received = timezone.localtime(tip.received_at)
    officer = person_name(tip.registered_by)
    form = _head(
        "bien-ban",
        f"bien-ban-tiep-nhan-{tip.number}-{tip.year}",
        "BIÊN BẢN TIẾP NHẬN NGUỒN TIN VỀ TỘI PHẠM",
        code="Mẫu số 01",
        basis=BASIS_119,
        place_date=_place_date(place, received.date()),
    )
    form.lines = [
        Line(value=f"Hồi {_when(tip.received_at)}, tại trụ sở {_body_name()}."),
        # Rank and post are not in the product's user record: left for the officer to write.
        Line(value=f"Tôi: {officer}; cấp bậc, chức vụ: {SHORT_BLANK}; đơn vị: {_body_name()}."),
        Line(value="Tiến hành lập biên bản tiếp nhận nguồn tin về tội phạm của:"),
        Line("Họ và tên", identity.get("name", "")),
        Line(
            value=f"Số CCCD / CMND: {identity.get('id_number') or SHORT_BLANK}; "
            f"số điện thoại: {identity.get('phone') or SHORT_BLANK}"
        ),
        Line("Nơi cư trú", identity.get("address", "")),
        Line(
            value="Là người đại diện của cơ quan, tổ chức (nếu có): "
            f"{tip.sender_agency or SHORT_BLANK}"
        ),
        # The two headed parts, the closing sentences and the signers' titles as the biên bản
        # tiếp nhận of the procuracy's form set words them (docs/FORMS.md: the text of TT 119's
        # Mẫu 01 itself was not found).
        Line(value="I. NỘI DUNG NGUỒN TIN VỀ TỘI PHẠM:", bold=True),
        Line(value=tip.summary),
        Line("Thời gian xảy ra", _when(tip.incident_at, tip.incident_time_approximate)),
        Line("Địa điểm xảy ra", _place_of(tip)),
        Line(value="II. CÁC TÀI LIỆU, ĐỒ VẬT GIAO NỘP KÈM THEO (nếu có):", bold=True),
        Line(value=", ".join(a.original_name for a in tip.attachments.all()) or "Không có."),
        Line(
            value="Ngoài nguồn tin về tội phạm và tài liệu, đồ vật có liên quan đã nhận nêu trên, "
            "chúng tôi không giao, nhận thêm bất cứ tài liệu, đồ vật nào khác."
        ),
        Line("Vào sổ tiếp nhận số", tip.register_number),
        Line(
            value="Việc tiếp nhận nguồn tin về tội phạm kết thúc hồi ……… giờ ……… phút cùng ngày. "
            "Biên bản này đã được đọc lại cho những người có tên trên nghe, công nhận đúng và "
            "cùng ký tên xác nhận dưới đây. Biên bản này được lập thành 02 bản, mỗi bên giữ 01 "
            "bản./."
        ),
    ]
    form.signatures = [
        Signature("NGƯỜI CUNG CẤP NGUỒN TIN VỀ TỘI PHẠM", name=identity.get("name", "")),
        Signature("NGƯỜI TIẾP NHẬN", name=officer),
    ]
    return form


def phieu_chuyen(tip: Tip) -> PrintedForm:
    """Mẫu số 03, TT 119/2021/TT-BCA: the slip that sends a source to the competent body."""
    _authority, _issuer, place = _letterhead()
    form = _head(
        "phieu-chuyen",
        f"phieu-chuyen-{tip.number}-{tip.year}",
        "PHIẾU CHUYỂN NGUỒN TIN VỀ TỘI PHẠM",
        code="Mẫu số 03",
        basis=BASIS_119,
        number="Số: ………/PC",
        addressee=tip.transfer_agency or BLANK,
    )
    form.lines = [
        Line(value="Căn cứ Điều 145 và Điều 146 Bộ luật Tố tụng hình sự;"),
        Line(
            value=f"{_body_name()} chuyển đến {tip.transfer_agency or BLANK} nguồn tin về tội "
            f"phạm số {tip.register_number}, tiếp nhận hồi {_when(tip.received_at)}:"
        ),
        Line("Loại nguồn tin", tip.get_kind_display()),
        Line("Nguồn tin do", _source_of(tip)),
        Line("Nội dung", tip.summary),
        Line("Địa điểm xảy ra", _place_of(tip)),
        Line(
            "Tài liệu kèm theo",
            f"{tip.attachments.count()} tài liệu" if tip.attachments.exists() else "Không",
        ),
        Line(
            value=f"Đề nghị {tip.transfer_agency or BLANK} tiếp nhận, giải quyết theo thẩm quyền "
            f"và thông báo kết quả cho {_body_name()} biết."
        ),
    ]
    form.recipients = ["Như trên;", f"{_procuracy(place)} (để kiểm sát);", "Lưu: hồ sơ."]
    form.signatures = [Signature("THỦ TRƯỞNG ĐƠN VỊ", note="(Ký tên, đóng dấu)")]
    return form


def thong_bao_nguoi_bao_tin(tip: Tip, identity: dict) -> PrintedForm:
    """The result, told to the person who reported (Art. 158(1), 148(2))."""
    _authority, _issuer, _place = _letterhead()
    form = _head(
        "thong-bao-nguoi-bao-tin",
        f"thong-bao-ket-qua-{tip.number}-{tip.year}",
        "THÔNG BÁO",
        subtitle="Kết quả giải quyết nguồn tin về tội phạm",
        number="Số: ………/TB",
        addressee=f"Ông/Bà {identity.get('name') or BLANK}",
    )
    form.lines = [
        Line("Địa chỉ", identity.get("address", "")),
        Line(
            value=f"{_body_name()} đã tiếp nhận nguồn tin về tội phạm của Ông/Bà hồi "
            f"{_when(tip.received_at)} (sổ tiếp nhận số {tip.register_number}), nội dung: "
            f"{tip.summary}"
        ),
        Line(value=f"Kết quả giải quyết: {_outcome(tip)}."),
        Line(
            value="Căn cứ Bộ luật Tố tụng hình sự, nếu không đồng ý với kết quả giải quyết, "
            "Ông/Bà có quyền khiếu nại theo quy định tại Chương XXXIII Bộ luật Tố tụng hình sự."
        ),
        Line(value=f"{_body_name()} thông báo để Ông/Bà biết."),
    ]
    form.recipients = ["Ông/Bà (như trên);", f"{_procuracy()} (để kiểm sát);", "Lưu: hồ sơ."]
    form.signatures = [Signature("THỦ TRƯỞNG ĐƠN VỊ", note="(Ký tên, đóng dấu)")]
    return form


def thong_bao_vks(tip: Tip, kind: str) -> PrintedForm:
    """The written notice to the procuracy: of a source received (Art. 146(5)) or of its
    decision (Art. 147(3), 148(2), 158(1))."""
    _authority, _issuer, place = _letterhead()
    procuracy = _procuracy(place)
    receipt = kind == NoticeKind.PROCURACY_RECEIPT
    form = _head(
        "thong-bao-vks-tiep-nhan" if receipt else "thong-bao-vks-ket-qua",
        f"thong-bao-vks-{'tiep-nhan' if receipt else 'ket-qua'}-{tip.number}-{tip.year}",
        "THÔNG BÁO",
        subtitle=(
            "Về việc tiếp nhận nguồn tin về tội phạm"
            if receipt
            else "Kết quả giải quyết nguồn tin về tội phạm"
        ),
        number="Số: ………/TB",
        addressee=procuracy,
    )
    form.lines = [
        Line(
            value=f"{_body_name()} thông báo: hồi {_when(tip.received_at)} đã tiếp nhận "
            f"nguồn tin về tội phạm, vào sổ tiếp nhận số {tip.register_number}."
        ),
        Line("Loại nguồn tin", tip.get_kind_display()),
        Line("Hình thức tiếp nhận", tip.get_channel_display()),
        Line("Nguồn tin do", _source_of(tip)),
        Line("Nội dung", tip.summary),
        Line("Địa điểm xảy ra", _place_of(tip)),
    ]
    if receipt:
        form.lines.append(Line("Cán bộ thụ lý", person_name(tip.assigned_to) or "Chưa phân công"))
        form.lines.append(Line("Hạn giải quyết", tip.due_on.strftime("%d/%m/%Y")))
    else:
        form.lines.append(Line("Kết quả giải quyết", _outcome(tip)))
    form.lines.append(
        Line(value=f"{_body_name()} thông báo để {procuracy} biết, thực hiện việc kiểm sát.")
    )
    form.recipients = [f"{procuracy};", "Lưu: hồ sơ."]
    form.signatures = [Signature("THỦ TRƯỞNG ĐƠN VỊ", note="(Ký tên, đóng dấu)")]
    return form


# --- which forms a tip can have ----------------------------------------------------------------

FORM_LABELS = {
    "bien-ban": _("Biên bản tiếp nhận (Mẫu số 01)"),
    "phieu-chuyen": _("Phiếu chuyển nguồn tin (Mẫu số 03)"),
    "thong-bao-nguoi-bao-tin": _("Thông báo kết quả cho người tố giác, báo tin"),
    "thong-bao-vks-tiep-nhan": _("Thông báo Viện kiểm sát: tiếp nhận"),
    "thong-bao-vks-ket-qua": _("Thông báo Viện kiểm sát: kết quả giải quyết"),
}
IDENTITY_FORMS = frozenset({"bien-ban", "thong-bao-nguoi-bao-tin"})
NOTICE_OF_FORM = {
    "phieu-chuyen": NoticeKind.TRANSFER,
    "thong-bao-nguoi-bao-tin": NoticeKind.INFORMANT_RESULT,
    "thong-bao-vks-tiep-nhan": NoticeKind.PROCURACY_RECEIPT,
    "thong-bao-vks-ket-qua": NoticeKind.PROCURACY_DECISION,
}


def forms_for(tip: Tip, *, anonymous: bool) -> list[str]:
    """The forms that fit this tip now (an in-person tip's biên bản, a transfer's slip, …)."""
    slugs = []
    if tip.channel == Channel.IN_PERSON:
        slugs.append("bien-ban")
    slugs.append("thong-bao-vks-tiep-nhan")
    if tip.state in DECIDED_STATES:
        slugs.append("thong-bao-vks-ket-qua")
        # Art. 158(1): whoever reported — a person who tố giác or báo tin — is told the result.
        if not anonymous:
            slugs.append("thong-bao-nguoi-bao-tin")
    if tip.state == TipState.TRANSFERRED:
        slugs.append("phieu-chuyen")
    return slugs


def build(slug: str, tip: Tip, identity: dict | None) -> PrintedForm:
    if slug == "bien-ban":
        return bien_ban(tip, identity)
    if slug == "phieu-chuyen":
        return phieu_chuyen(tip)
    if slug == "thong-bao-nguoi-bao-tin":
        return thong_bao_nguoi_bao_tin(tip, identity or {})
    return thong_bao_vks(tip, NOTICE_OF_FORM[slug])


# --- the register ------------------------------------------------------------------------------

# The printed register's columns: one definition, read by the PDF and the DOCX.
REGISTER_COLUMNS = [
    ("Số tiếp nhận", 17),
    ("Ngày, giờ tiếp nhận", 23),
    ("Hình thức", 18),
    ("Loại nguồn tin", 20),
    ("Người, cơ quan báo tin", 28),
    ("Nội dung tóm tắt", 84),
    ("Địa bàn", 32),
    ("Cán bộ tiếp nhận", 23),
    ("Cán bộ thụ lý", 23),
    ("Kết quả giải quyết", 36),
]


def register_row(tip: Tip) -> list[str]:
    received = timezone.localtime(tip.received_at)
    result = tip.get_state_display()
    if tip.decision_number:
        result += f" — QĐ {tip.decision_number}"
    if tip.decision_date:
        result += f" ngày {tip.decision_date:%d/%m/%Y}"
    if tip.transfer_agency:
        result += f" — {tip.transfer_agency}"
    if tip.merged_into_id:
        result += f" — {tip.merged_into.register_number}"
    return [
        tip.register_number,
        f"{received:%H:%M} {received:%d/%m/%Y}",
        tip.get_channel_display(),
        tip.get_kind_display(),
        _source_of(tip),
        tip.summary,
        _place_of(tip),
        person_name(tip.registered_by),
        person_name(tip.assigned_to),
        result,
    ]


def register_context(tips, start: dt.date, end: dt.date) -> dict:
    authority, issuer, place = _letterhead()
    return {
        "authority": authority,
        "issuer": issuer,
        "title": "SỔ TIẾP NHẬN NGUỒN TIN VỀ TỘI PHẠM",
        "period": f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}",
        "columns": [name for name, _width in REGISTER_COLUMNS],
        "widths": [
            round(100 * width / sum(w for _n, w in REGISTER_COLUMNS), 1)
            for _name, width in REGISTER_COLUMNS
        ],
        "rows": [register_row(t) for t in tips],
        "printed": _place_date(place, timezone.localdate()),
    }


# --- rendering ---------------------------------------------------------------------------------

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def form_pdf(form: PrintedForm) -> bytes:
    from ban138.pdf import render_pdf

    return render_pdf(
        "tips/forms/form.html",
        {"form": form, "nation": NATION, "motto": MOTTO, "blank": BLANK},
        stylesheet=STYLESHEET,
    )


def register_pdf(context: dict) -> bytes:
    from ban138.pdf import render_pdf

    return render_pdf(
        "tips/forms/register.html",
        {**context, "nation": NATION, "motto": MOTTO},
        stylesheet=STYLESHEET,
    )


def form_docx(form: PrintedForm) -> bytes:
    from tips.printing_docx import write_form

    return write_form(form)


def register_docx(context: dict) -> bytes:
    from tips.printing_docx import write_register

    return write_register(context, widths=[width for _name, width in REGISTER_COLUMNS])


def identity_of(tip: Tip) -> tuple[dict | None, bool]:
    """(the decrypted identity or None, anonymous?) — for the forms that carry it."""
    from tips import crypto
    from tips.models import Informant

    record = Informant.objects.filter(tip=tip).first()
    if record is None or record.anonymous or not record.ciphertext:
        return None, True
    return crypto.decrypt(record.ciphertext, tip_id=tip.pk), False


def is_anonymous(tip: Tip) -> bool:
    from tips.models import Informant

    record = Informant.objects.filter(tip=tip).only("anonymous", "ciphertext").first()
    return record is None or record.anonymous or not record.ciphertext
