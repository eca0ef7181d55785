"""The workflow of a crime tip — its states, its steps and who may take each — defined once.

Everything that knows a state or a step reads it from here: the services (``tips.services`` call
:func:`require` before writing), the detail page (one loop over :func:`allowed`), the action view
(one generic view that looks the step up by its slug), the timeline labels (``TipAction`` labels),
the demo data (``tips.demo``) and the data generator (``bench.datagen``). Adding a state or
changing who may take a step touches :data:`TRANSITIONS` and its tests, nothing else.

The legal texts each rule rests on are quoted, with their sources, in ``docs/LAW.md``.

This module imports nothing of ``tips`` at import time (``tips.models`` imports the choices from
here); forms and effects are named by dotted path and resolved on first use.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from ban138.roles import Role, has_role


class TipState(models.TextChoices):
    RECEIVED = "tiep_nhan", _("Tiếp nhận")
    ASSIGNED = "da_phan_cong", _("Đã phân công")
    VERIFYING = "dang_xac_minh", _("Đang xác minh")
    PROSECUTED = "khoi_to", _("Khởi tố vụ án")
    NOT_PROSECUTED = "khong_khoi_to", _("Không khởi tố vụ án")
    SUSPENDED = "tam_dinh_chi", _("Tạm đình chỉ")
    TRANSFERRED = "chuyen", _("Chuyển cơ quan có thẩm quyền")
    MERGED = "gop", _("Gộp vào nguồn tin khác")


# Still being settled: the clock runs (a suspended tip's clock is stopped, Art. 148).
OPEN_STATES = (TipState.RECEIVED, TipState.ASSIGNED, TipState.VERIFYING)
# A decision that settles the tip for the register's figures (merged duplicates are not counted
# at all: they are the same source as the tip they were merged into).
SETTLED_STATES = (
    TipState.PROSECUTED,
    TipState.NOT_PROSECUTED,
    TipState.SUSPENDED,
    TipState.TRANSFERRED,
)
DECISION_STATES = (*SETTLED_STATES, TipState.MERGED)
ALL_STATES = tuple(TipState)


class TipAction(models.TextChoices):
    """Every step a tip can take. The values of the first fourteen are those stored before the
    workflow became one table (``quyet_dinh_<state>`` for decisions), so old rows stay valid."""

    REGISTER = "tiep_nhan", _("Tiếp nhận, ghi vào sổ")
    ASSIGN = "phan_cong", _("Phân công cán bộ thụ lý")
    START = "bat_dau_xac_minh", _("Bắt đầu xác minh")
    PROGRESS = "ghi_tien_do", _("Ghi tiến độ xác minh")
    MARK_COMPLEX = "phuc_tap", _("Xác định vụ việc phức tạp (thời hạn 02 tháng)")
    EXTEND = "gia_han", _("Ghi nhận gia hạn của Viện kiểm sát")
    PROSECUTE = "quyet_dinh_khoi_to", _("Quyết định khởi tố vụ án hình sự")
    NOT_PROSECUTE = "quyet_dinh_khong_khoi_to", _("Quyết định không khởi tố vụ án hình sự")
    SUSPEND = "quyet_dinh_tam_dinh_chi", _("Quyết định tạm đình chỉ giải quyết nguồn tin")
    TRANSFER = "quyet_dinh_chuyen", _("Chuyển nguồn tin cho cơ quan có thẩm quyền")
    MERGE = "quyet_dinh_gop", _("Gộp vào nguồn tin khác")
    RESUME = "phuc_hoi", _("Phục hồi giải quyết nguồn tin")
    ALERT = "bao_co_quan_dieu_tra", _("Đã báo cơ quan điều tra (khẩn cấp)")
    EDIT = "sua_thong_tin", _("Sửa thông tin nguồn tin")
    CORRECT = "dinh_chinh", _("Đính chính thông tin nguồn tin đã có quyết định")
    CORRECT_RECEIPT = "dinh_chinh_tiep_nhan", _("Đính chính thời điểm tiếp nhận")
    PROCURACY_CANCEL = "vks_huy_quyet_dinh", _("Viện kiểm sát hủy bỏ quyết định")
    PROCURACY_PROSECUTE = (
        "vks_khoi_to",
        _("Viện kiểm sát hủy bỏ quyết định không khởi tố, khởi tố vụ án hình sự"),
    )
    UNDO_MERGE = "huy_gop", _("Hủy việc gộp nguồn tin")
    NOTICE_SENT = "da_gui_thong_bao", _("Đã gửi thông báo / quyết định")
    DEADLINE_MOVED = "doi_han", _("Hạn giải quyết thay đổi")
    ESCALATE = "nhac_khan", _("Nhắc khẩn: quá 1 giờ chưa ghi nhận đã báo cơ quan điều tra")


# History reason of the deadlines a calendar change moved; each such move also has its own
# DEADLINE_MOVED step saying from which date to which and why (the timeline shows that one).
DEADLINE_MOVED_REASON = "Hạn giải quyết đổi theo ngày nghỉ"

DECISION_ACTIONS = {
    TipState.PROSECUTED: TipAction.PROSECUTE,
    TipState.NOT_PROSECUTED: TipAction.NOT_PROSECUTE,
    TipState.SUSPENDED: TipAction.SUSPEND,
    TipState.TRANSFERRED: TipAction.TRANSFER,
    TipState.MERGED: TipAction.MERGE,
}


class SuspensionGround(models.TextChoices):
    """BLTTHS Art. 148(1) as amended by Luật 02/2021/QH15 — the only grounds for tạm đình chỉ."""

    EXPERT = (
        "148_1_a",
        _(
            "Điểm a khoản 1 Điều 148: đã trưng cầu giám định, yêu cầu định giá tài sản, yêu cầu "
            "nước ngoài tương trợ tư pháp nhưng chưa có kết quả"
        ),
    )
    DOCUMENTS = (
        "148_1_b",
        _(
            "Điểm b khoản 1 Điều 148: đã yêu cầu cơ quan, tổ chức, cá nhân cung cấp tài liệu, đồ "
            "vật quan trọng có ý nghĩa quyết định nhưng chưa có kết quả"
        ),
    )
    FORCE_MAJEURE = (
        "148_1_c",
        _(
            "Điểm c khoản 1 Điều 148: không thể kết thúc việc kiểm tra, xác minh vì lý do bất khả "
            "kháng do thiên tai, dịch bệnh"
        ),
    )


class NoProsecutionGround(models.TextChoices):
    """BLTTHS Art. 157: the grounds on which no criminal case may be opened."""

    NO_OFFENCE = "157_1", _("Khoản 1 Điều 157: không có sự việc phạm tội")
    NOT_A_CRIME = "157_2", _("Khoản 2 Điều 157: hành vi không cấu thành tội phạm")
    UNDER_AGE = (
        "157_3",
        _("Khoản 3 Điều 157: người thực hiện hành vi chưa đến tuổi chịu trách nhiệm hình sự"),
    )
    ALREADY_JUDGED = (
        "157_4",
        _("Khoản 4 Điều 157: đã có bản án hoặc quyết định đình chỉ vụ án có hiệu lực pháp luật"),
    )
    TIME_BARRED = "157_5", _("Khoản 5 Điều 157: đã hết thời hiệu truy cứu trách nhiệm hình sự")
    AMNESTY = "157_6", _("Khoản 6 Điều 157: tội phạm đã được đại xá")
    DEAD = "157_7", _("Khoản 7 Điều 157: người thực hiện hành vi nguy hiểm cho xã hội đã chết")
    NO_COMPLAINT = (
        "157_8",
        _(
            "Khoản 8 Điều 157: tội phạm thuộc khoản 1 các điều 134, 135, 136, 138, 139, 141, 143, "
            "155, 156 và 226 Bộ luật Hình sự mà bị hại không yêu cầu khởi tố"
        ),
    )


class ClockRule(models.TextChoices):
    """Which clause sets the running time limit (tips/deadlines.py computes it)."""

    RECEIPT = "147_1", _("20 ngày kể từ ngày tiếp nhận, Điều 147 khoản 1")
    RESUMED = "149_1", _("01 tháng kể từ ngày quyết định phục hồi, Điều 149 khoản 1")
    SUSPENSION_CANCELLED = (
        "148_2",
        _("01 tháng kể từ ngày nhận quyết định hủy bỏ quyết định tạm đình chỉ, Điều 148 khoản 2"),
    )
    # Set by no step any more: before the procuracy's cancellation of a không khởi tố decision
    # became the step PROCURACY_PROSECUTE (Art. 153(3)(a)), it reopened the tip with 20 days —
    # a clock no text gives. Kept so the tips reopened that way still read their deadline.
    NO_PROSECUTION_CANCELLED = (
        "147_1_lai",
        _(
            "20 ngày kể từ ngày nhận quyết định hủy bỏ quyết định không khởi tố (cách tính cũ, "
            "không có trong luật: Điều 153 khoản 3 điểm a — Viện kiểm sát khởi tố vụ án)"
        ),
    )


class DutyKind(models.TextChoices):
    """Notices the law makes the investigating body send, each with its own time limit."""

    RECEIPT_NOTICE = (
        "tb_tiep_nhan_vks",
        _("Thông báo bằng văn bản việc tiếp nhận cho Viện kiểm sát (03 ngày, Điều 146 khoản 5)"),
    )
    SUSPENSION_TO_PROCURACY = (
        "tdc_vks",
        _("Gửi quyết định tạm đình chỉ cho Viện kiểm sát (24 giờ, Điều 148 khoản 2)"),
    )
    SUSPENSION_TO_INFORMANT = (
        "tdc_nguoi_bao",
        _("Gửi quyết định tạm đình chỉ cho người tố giác, báo tin (24 giờ, Điều 148 khoản 2)"),
    )
    RESUME_TO_PROCURACY = (
        "ph_vks",
        _("Gửi quyết định phục hồi cho Viện kiểm sát (03 ngày, Điều 149 khoản 2)"),
    )
    RESUME_TO_INFORMANT = (
        "ph_nguoi_bao",
        _("Gửi quyết định phục hồi cho người tố giác, báo tin (03 ngày, Điều 149 khoản 2)"),
    )
    NO_PROSECUTION_TO_PROCURACY = (
        "kkt_vks",
        _("Gửi quyết định không khởi tố cho Viện kiểm sát (24 giờ, Điều 158 khoản 1)"),
    )
    NO_PROSECUTION_TO_INFORMANT = (
        "kkt_nguoi_bao",
        _(
            "Thông báo quyết định không khởi tố, rõ lý do, cho người tố giác, báo tin (03 ngày, "
            "Điều 158 khoản 1; Điều 14 khoản 3 TTLT 01/2017)"
        ),
    )


# duty -> (days to send, counted as the law counts days: tips.deadlines.days_after); 1 = a
# limit of "24 giờ" from a decision known by its date: due the next day, not moved off a day off.
# The texts (docs/LAW.md): BLTTHS Art. 146(5) as added by Luật 02/2021/QH15 — notice of receipt
# to the procuracy within 03 days (TTLT 01/2017 Art. 9(1) says the same of the assignment and
# its notice; its Art. 14(1) says 03 working days, the later and higher law is followed);
# Art. 148(2) — the suspension decision to the procuracy and the informant within 24 giờ;
# Art. 149(2) — the resume decision within 03 days; Art. 158(1) — the không khởi tố decision to
# the procuracy within 24 giờ; the informant is told the reason (Art. 158(1), no limit there)
# within 03 days of the end of the resolution (TTLT 01/2017 Art. 14(3)).
DUTY_DAYS = {
    DutyKind.RECEIPT_NOTICE: 3,
    DutyKind.SUSPENSION_TO_PROCURACY: 1,  # 24 giờ from a decision known by its date
    DutyKind.SUSPENSION_TO_INFORMANT: 1,
    DutyKind.RESUME_TO_PROCURACY: 3,
    DutyKind.RESUME_TO_INFORMANT: 3,
    DutyKind.NO_PROSECUTION_TO_PROCURACY: 1,
    DutyKind.NO_PROSECUTION_TO_INFORMANT: 3,
}
# the step whose decision creates the duties (informant duties only for a known informant)
DUTIES_OF = {
    TipAction.REGISTER: (DutyKind.RECEIPT_NOTICE,),
    TipAction.SUSPEND: (DutyKind.SUSPENSION_TO_PROCURACY, DutyKind.SUSPENSION_TO_INFORMANT),
    TipAction.RESUME: (DutyKind.RESUME_TO_PROCURACY, DutyKind.RESUME_TO_INFORMANT),
    TipAction.NOT_PROSECUTE: (
        DutyKind.NO_PROSECUTION_TO_PROCURACY,
        DutyKind.NO_PROSECUTION_TO_INFORMANT,
    ),
}
INFORMANT_DUTIES = {
    DutyKind.SUSPENSION_TO_INFORMANT,
    DutyKind.RESUME_TO_INFORMANT,
    DutyKind.NO_PROSECUTION_TO_INFORMANT,
}


# --- who may take a step ------------------------------------------------------------------------

LEADER = "lanh_dao"  # a police leader (Role.POLICE_LEADER)
ASSIGNED = "thu_ly"  # the officer the tip is assigned to
REGISTRAR = "nguoi_tiep_nhan"  # the officer who registered it (urgent alert only)
# The officer who registered it, while no one is assigned yet: fixes his own typos (each save is
# in the tip's history and timeline); once a leader assigns it, the assigned officer edits.
OWN_ENTRY = "nguoi_tiep_nhan_chua_phan_cong"


def _is(actor: str, user, tip) -> bool:
    if actor == LEADER:
        return has_role(user, Role.POLICE_LEADER)
    if actor == ASSIGNED:
        return has_role(user, Role.OFFICER) and tip.assigned_to_id == user.pk
    if actor == REGISTRAR:
        return has_role(user, Role.OFFICER) and tip.registered_by_id == user.pk
    if actor == OWN_ENTRY:
        return (
            has_role(user, Role.OFFICER)
            and tip.registered_by_id == user.pk
            and tip.assigned_to_id is None
        )
    return False


# --- the table ----------------------------------------------------------------------------------


class InvalidTransition(ValidationError):
    """A step the law (or this tip's state) does not allow; the message says why."""


@dataclass(frozen=True)
class Transition:
    action: TipAction
    slug: str  # in the URL: /nguon-tin/<pk>/thao-tac/<slug>/
    sources: tuple  # states it may be taken from
    target: str | None  # state after it; None = unchanged (or restored, for undo)
    actors: tuple  # LEADER / ASSIGNED / REGISTRAR
    form: str  # dotted path of the form class
    effect: str  # dotted path of the service function: effect(tip=, by=, **cleaned_data)
    law: str  # legal citation shown beside the step
    message: str  # success message; %(n)s = register number, other keys = form fields
    button: str
    # extra conditions, each (predicate(tip, today) -> bool, refusal message naming the rule)
    conditions: tuple = field(default=())
    confirm: bool = False  # show a confirmation page before writing
    offered: bool = True  # shown on the detail page (False: has its own page or button)

    @cached_property
    def form_class(self):
        return import_string(self.form)

    @cached_property
    def effect_function(self):
        return import_string(self.effect)

    @property
    def label(self):
        return self.action.label


def _clock_is_receipt(tip, today):
    return tip.clock_rule == ClockRule.RECEIPT


def _limit_has_run_out(tip, today):
    return tip.due_on is not None and today >= tip.due_on


C_NOT_COMPLEX = (
    lambda tip, today: not tip.is_complex,
    _("Nguồn tin này đã được xác định là phức tạp."),
)
C_RECEIPT_CLOCK_COMPLEX = (
    _clock_is_receipt,
    _(
        "Sau khi phục hồi hoặc Viện kiểm sát hủy quyết định, thời hạn là thời hạn của Điều 148 "
        "khoản 2 / Điều 149 khoản 1; không xác định phức tạp lại được."
    ),
)
C_RECEIPT_CLOCK_EXTEND = (
    _clock_is_receipt,
    _(
        "Sau khi phục hồi hoặc Viện kiểm sát hủy quyết định, không gia hạn lại được theo Điều 147 "
        "khoản 2."
    ),
)
C_COMPLEX = (
    lambda tip, today: tip.is_complex,
    _(
        "Điều 147 khoản 2: Viện kiểm sát chỉ gia hạn khi vụ việc phức tạp chưa thể kết thúc "
        "trong thời hạn 02 tháng; hãy xác định vụ việc phức tạp trước."
    ),
)
C_NO_EXTENSION_YET = (
    lambda tip, today: not tip.extension_months,
    _("Điều 147 khoản 2: Viện kiểm sát chỉ gia hạn một lần cho mỗi nguồn tin."),
)
C_NO_EXTENSION_FOR_COMPLEX = (
    lambda tip, today: not tip.extension_months,
    _("Đã có gia hạn của Viện kiểm sát; không thể đổi thời hạn gốc."),
)
C_LIMIT_RUN_OUT = (
    _limit_has_run_out,
    _(
        "Điều 148 khoản 1: chỉ tạm đình chỉ khi đã hết thời hạn giải quyết của Điều 147 "
        "(hạn hiện tại chưa hết)."
    ),
)
C_URGENT = (lambda tip, today: tip.urgent, _("Nguồn tin này không được đánh dấu khẩn cấp."))
C_NOT_ALERTED = (
    lambda tip, today: tip.urgent_alerted_at is None,
    _("Đã ghi nhận việc báo cơ quan điều tra."),
)
C_OPEN_DUTY = (
    lambda tip, today: tip.duties.filter(sent_on__isnull=True).exists(),
    _("Nguồn tin này không còn thông báo nào phải gửi."),
)

F = "tips.forms."
S = "tips.services."
DECIDED = (TipState.PROSECUTED, TipState.NOT_PROSECUTED, TipState.SUSPENDED, TipState.TRANSFERRED)

TRANSITIONS = (
    Transition(
        TipAction.ASSIGN,
        "phan-cong",
        OPEN_STATES,
        TipState.ASSIGNED,
        (LEADER,),
        F + "AssignForm",
        S + "tip_assign",
        _("Thông tư liên tịch 01/2017, Điều 9: thủ trưởng phân công người giải quyết"),
        _("Đã phân công nguồn tin số %(n)s cho %(officer)s."),
        _("Phân công"),
    ),
    Transition(
        TipAction.START,
        "bat-dau-xac-minh",
        (TipState.ASSIGNED,),
        TipState.VERIFYING,
        (LEADER, ASSIGNED),
        F + "NoteForm",
        S + "tip_start_verification",
        _("Điều 147 khoản 3: kiểm tra, xác minh nguồn tin"),
        _("Đã bắt đầu xác minh nguồn tin số %(n)s."),
        _("Bắt đầu xác minh"),
    ),
    Transition(
        TipAction.PROGRESS,
        "tien-do",
        (TipState.VERIFYING,),
        None,
        (LEADER, ASSIGNED),
        F + "ProgressForm",
        S + "tip_record_progress",
        _("Điều 147 khoản 3: kết quả kiểm tra, xác minh"),
        _("Đã ghi tiến độ xác minh nguồn tin số %(n)s."),
        _("Ghi tiến độ"),
    ),
    Transition(
        TipAction.MARK_COMPLEX,
        "phuc-tap",
        OPEN_STATES,
        None,
        (LEADER,),
        F + "NoteForm",
        S + "tip_mark_complex",
        _("Điều 147 khoản 2: vụ việc phức tạp, thời hạn không quá 02 tháng"),
        _("Đã xác định nguồn tin số %(n)s là vụ việc phức tạp; hạn mới %(due)s."),
        _("Xác định là phức tạp"),
        conditions=(C_NOT_COMPLEX, C_RECEIPT_CLOCK_COMPLEX, C_NO_EXTENSION_FOR_COMPLEX),
    ),
    Transition(
        TipAction.EXTEND,
        "gia-han",
        OPEN_STATES,
        None,
        (LEADER,),
        F + "ExtensionForm",
        S + "tip_record_extension",
        _("Điều 147 khoản 2: Viện trưởng Viện kiểm sát gia hạn một lần, không quá 02 tháng"),
        _("Đã ghi nhận gia hạn %(months)s của Viện kiểm sát (QĐ %(number)s); hạn mới %(due)s."),
        _("Ghi nhận gia hạn"),
        conditions=(C_RECEIPT_CLOCK_EXTEND, C_COMPLEX, C_NO_EXTENSION_YET),
    ),
    Transition(
        TipAction.PROSECUTE,
        "khoi-to",
        (TipState.VERIFYING,),
        TipState.PROSECUTED,
        (LEADER,),
        F + "ProsecuteForm",
        S + "tip_prosecute",
        _("Điều 153, Điều 154: quyết định khởi tố vụ án hình sự"),
        _("Đã ghi quyết định khởi tố vụ án số %(number)s; vụ án đã được mở."),
        _("Ghi quyết định khởi tố"),
    ),
    Transition(
        TipAction.NOT_PROSECUTE,
        "khong-khoi-to",
        (TipState.VERIFYING,),
        TipState.NOT_PROSECUTED,
        (LEADER,),
        F + "NotProsecuteForm",
        S + "tip_not_prosecute",
        _("Điều 157, Điều 158: quyết định không khởi tố vụ án hình sự"),
        _("Đã ghi quyết định không khởi tố số %(number)s (%(ground)s)."),
        _("Ghi quyết định không khởi tố"),
    ),
    Transition(
        TipAction.SUSPEND,
        "tam-dinh-chi",
        (TipState.VERIFYING,),
        TipState.SUSPENDED,
        (LEADER,),
        F + "SuspendForm",
        S + "tip_suspend",
        _("Điều 148 khoản 1 (sửa đổi bởi Luật 02/2021/QH15): tạm đình chỉ khi hết thời hạn"),
        _("Đã ghi quyết định tạm đình chỉ số %(number)s; thời hạn ngừng tính."),
        _("Ghi quyết định tạm đình chỉ"),
        conditions=(C_LIMIT_RUN_OUT,),
    ),
    Transition(
        TipAction.TRANSFER,
        "chuyen",
        OPEN_STATES,
        TipState.TRANSFERRED,
        (LEADER,),
        F + "TransferForm",
        S + "tip_transfer",
        _("Điều 146 khoản 2: chuyển ngay cho cơ quan có thẩm quyền"),
        _("Đã chuyển nguồn tin số %(n)s cho %(agency)s."),
        _("Ghi việc chuyển"),
    ),
    Transition(
        TipAction.MERGE,
        "gop",
        OPEN_STATES,
        TipState.MERGED,
        (LEADER,),
        F + "MergeForm",
        S + "tip_merge",
        _("Một nguồn tin được ghi sổ hai lần: gộp vào nguồn tin đang giải quyết"),
        _("Đã gộp nguồn tin số %(n)s vào nguồn tin số %(merged_into)s."),
        _("Gộp"),
        confirm=True,
    ),
    Transition(
        TipAction.RESUME,
        "phuc-hoi",
        (TipState.SUSPENDED,),
        TipState.VERIFYING,
        (LEADER,),
        F + "ResumeForm",
        S + "tip_resume",
        _("Điều 149 khoản 1: thời hạn tiếp không quá 01 tháng kể từ ngày quyết định phục hồi"),
        _("Đã phục hồi giải quyết nguồn tin số %(n)s (QĐ %(number)s); hạn mới %(due)s."),
        _("Phục hồi"),
    ),
    # The procuracy cancels a suspension "để tiếp tục giải quyết": verification goes on, at most
    # 01 month from the day the body receives the cancellation (Art. 148(2) as amended 2021).
    Transition(
        TipAction.PROCURACY_CANCEL,
        "vks-huy",
        (TipState.SUSPENDED,),
        TipState.VERIFYING,
        (LEADER,),
        F + "ProcuracyCancelForm",
        S + "tip_procuracy_cancel",
        _(
            "Điều 148 khoản 2, Điều 159 khoản 6: Viện kiểm sát hủy bỏ quyết định tạm đình chỉ; "
            "thời hạn tiếp không quá 01 tháng kể từ ngày nhận quyết định hủy bỏ"
        ),
        _("Đã ghi quyết định hủy bỏ số %(number)s của Viện kiểm sát; hạn mới %(due)s."),
        _("Ghi quyết định hủy bỏ của VKS"),
    ),
    # The procuracy cancels a không khởi tố decision: it opens the case itself (Art. 153(3)(a),
    # 161(1)(b) and (d); TTLT 04/2018 Art. 7(2)(c)) and sends its khởi tố decision to the body to
    # investigate within 24 giờ (Art. 154(2)). No verification clock: the tip is decided.
    Transition(
        TipAction.PROCURACY_PROSECUTE,
        "vks-khoi-to",
        (TipState.NOT_PROSECUTED,),
        TipState.PROSECUTED,
        (LEADER,),
        F + "ProcuracyProsecuteForm",
        S + "tip_procuracy_prosecute",
        _(
            "Điều 153 khoản 3 điểm a, Điều 161 khoản 1 điểm b: Viện kiểm sát hủy bỏ quyết định "
            "không khởi tố và ra quyết định khởi tố vụ án hình sự"
        ),
        _(
            "Đã ghi quyết định hủy bỏ số %(cancel_number)s và quyết định khởi tố vụ án số "
            "%(number)s của Viện kiểm sát; vụ án đã được mở."
        ),
        _("Ghi quyết định của VKS"),
    ),
    Transition(
        TipAction.UNDO_MERGE,
        "huy-gop",
        (TipState.MERGED,),
        None,  # back to the state it was merged from
        (LEADER,),
        F + "ReasonForm",
        S + "tip_undo_merge",
        _("Gộp nhầm: hủy việc gộp, nguồn tin trở lại như trước khi gộp"),
        _("Đã hủy việc gộp; nguồn tin số %(n)s trở lại giải quyết."),
        _("Hủy việc gộp"),
    ),
    Transition(
        TipAction.NOTICE_SENT,
        "da-gui-thong-bao",
        ALL_STATES,
        None,
        (LEADER, ASSIGNED),
        F + "NoticeForm",
        S + "tip_record_notice",
        _("Điều 146 khoản 1, Điều 148 khoản 2, Điều 149 khoản 2, Điều 158"),
        _("Đã ghi nhận: %(duty)s — văn bản số %(number)s ngày %(date)s."),
        _("Ghi nhận đã gửi"),
        conditions=(C_OPEN_DUTY,),
    ),
    Transition(
        TipAction.CORRECT_RECEIPT,
        "dinh-chinh-tiep-nhan",
        (*OPEN_STATES, *DECIDED),
        None,
        (LEADER,),
        F + "ReceiptCorrectionForm",
        S + "tip_correct_receipt",
        _("Điều 147 khoản 1: thời điểm tiếp nhận bắt đầu thời hạn giải quyết"),
        _("Đã đính chính thời điểm tiếp nhận thành %(received_at)s; hạn %(due)s."),
        _("Đính chính"),
    ),
    Transition(
        TipAction.EDIT,
        "sua",
        OPEN_STATES,
        None,
        (LEADER, ASSIGNED, OWN_ENTRY),
        F + "TipEditForm",
        S + "tip_update",
        _("Điều 146: sổ tiếp nhận ghi đầy đủ, chính xác"),
        _("Đã lưu thay đổi nguồn tin số %(n)s."),
        _("Lưu"),
        offered=False,  # the edit page
    ),
    Transition(
        TipAction.CORRECT,
        "dinh-chinh",
        DECIDED,
        None,
        (LEADER,),
        F + "TipEditForm",
        S + "tip_update",
        _("Nguồn tin đã có quyết định: chỉ đính chính, có ghi lý do"),
        _("Đã đính chính nguồn tin số %(n)s."),
        _("Lưu đính chính"),
        offered=False,  # the edit page, with a reason
    ),
    Transition(
        TipAction.ALERT,
        "da-bao-co-quan-dieu-tra",
        ALL_STATES,
        None,
        (LEADER, ASSIGNED, REGISTRAR),
        F + "NoteForm",
        S + "tip_record_alert",
        _("Thông tư 28/2020/TT-BCA: báo ngay bằng cách nhanh nhất"),
        _("Đã ghi nhận việc báo cơ quan điều tra."),
        _("Đã báo lúc này"),
        conditions=(C_URGENT, C_NOT_ALERTED),
        offered=False,  # a button beside the urgent mark
    ),
)

BY_ACTION = {t.action: t for t in TRANSITIONS}
BY_SLUG = {t.slug: t for t in TRANSITIONS}


def problem(transition: Transition, tip, user, today: dt.date | None = None):
    """Why ``user`` may not take ``transition`` on ``tip`` now: PermissionDenied (who), a
    message (state or condition), or None when the step is allowed."""
    if not any(_is(actor, user, tip) for actor in transition.actors):
        return PermissionDenied
    if tip.state not in transition.sources:
        return _("Bước “%(step)s” không thực hiện được khi nguồn tin ở trạng thái “%(state)s”.") % {
            "step": transition.label,
            "state": TipState(tip.state).label,
        }
    today = today or timezone.localdate()
    for predicate, message in transition.conditions:
        if not predicate(tip, today):
            return message
    return None


def require(action: TipAction, tip, user) -> Transition:
    """Raise unless ``user`` may take ``action`` on ``tip`` now (services call this first)."""
    transition = BY_ACTION[action]
    reason = problem(transition, tip, user)
    if reason is PermissionDenied:
        raise PermissionDenied
    if reason is not None:
        raise InvalidTransition(reason)
    return transition


def allowed(tip, user) -> list[Transition]:
    """The steps ``user`` may take on ``tip`` now — all the detail page offers."""
    today = timezone.localdate()
    return [t for t in TRANSITIONS if problem(t, tip, user, today) is None]


def label_of(action: str) -> str:
    try:
        return str(TipAction(action).label)
    except ValueError:
        return action


def path_to(state: str) -> list[tuple[TipAction, str, str]]:
    """The usual steps that bring a new tip to ``state`` — (step, from, to) each, every one a
    transition of the table — for the demo data and the data generator."""
    path = [(TipAction.REGISTER, "", TipState.RECEIVED)]
    if state == TipState.RECEIVED:
        return path
    if state == TipState.MERGED:
        steps = [TipAction.MERGE]
    else:
        steps = [TipAction.ASSIGN]
        if state != TipState.ASSIGNED:
            steps.append(TipAction.START)
        if state in DECISION_ACTIONS:
            steps.append(DECISION_ACTIONS[state])
    current = TipState.RECEIVED
    for action in steps:
        transition = BY_ACTION[action]
        assert current in transition.sources, (action, current)  # noqa: S101 - table invariant
        after = transition.target or current
        path.append((action, current, after))
        current = after
    return path
