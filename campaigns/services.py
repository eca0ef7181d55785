"""Everything that writes campaigns: each function validates (full_clean) before it saves and
refuses, with a Vietnamese message, what the plan's state does not allow."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ban138 import documents
from ban138.concurrency import claim_token
from ban138.models import AdministrativeUnit, DocumentKind
from campaigns.models import (
    Campaign,
    CommuneResult,
    Outreach,
    SeizedItem,
    State,
    Target,
    Task,
    Transition,
)

LOCKED = _("Kế hoạch đã được phê duyệt nên không sửa được nữa; chỉ cập nhật nhiệm vụ và kết quả.")
CLOSED = _("Đợt cao điểm đã kết thúc; không thay đổi được nữa.")


def _require_draft(campaign: Campaign) -> None:
    if campaign.state != State.DRAFT:
        raise ValidationError(LOCKED)


def _require_open(campaign: Campaign) -> None:
    if campaign.state == State.CLOSED:
        raise ValidationError(CLOSED)


@transaction.atomic
def campaign_create(
    *,
    campaign: Campaign,
    communes: Iterable[AdministrativeUnit],
    focus_crime_groups: Iterable = (),
    by,
    token=None,
) -> Campaign:
    """Save a new draft plan (the form built ``campaign``) with its participating communes."""
    campaign.state = State.DRAFT
    campaign.created_by = by
    campaign.full_clean()
    communes = list(communes)
    campaign.check_communes(communes)
    campaign.save()
    campaign.communes.set(communes)
    campaign.focus_crime_groups.set(focus_crime_groups)
    if token is not None and not claim_token(token, campaign.pk):
        # Another request with the same form token won the race: undo this one.
        raise ValidationError(_("Biểu mẫu này đã được gửi; kế hoạch đã được tạo trước đó."))
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    communes: Iterable[AdministrativeUnit],
    focus_crime_groups: Iterable = (),
    expected_version: int,
) -> Campaign:
    """Save edits to a draft. Raises EditConflict if someone saved it since it was opened."""
    stored = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _require_draft(stored)
    campaign.state = stored.state
    campaign.full_clean()
    communes = list(communes)
    campaign.check_communes(communes)
    # New dates must still hold the communes of the targets already set.
    campaign.check_communes(_target_communes(campaign), field=None)
    campaign.save_if_unchanged(expected_version)
    campaign.communes.set(communes)
    campaign.focus_crime_groups.set(focus_crime_groups)
    return campaign


def target_set(
    *, campaign: Campaign, kind: str, value: Decimal, commune: AdministrativeUnit | None = None
) -> Target:
    """Add a target to a draft, or change the number of the same kind (and commune)."""
    _require_draft(campaign)
    if commune is not None and not campaign.includes_commune(commune.pk):
        raise ValidationError({"commune": _("Xã, thị trấn này không tham gia đợt cao điểm.")})
    target = Target.objects.filter(campaign=campaign, kind=kind, commune=commune).first()
    target = target or Target(campaign=campaign, kind=kind, commune=commune)
    target.value = value
    target.full_clean(validate_constraints=False)
    target.save()
    return target


def _target_communes(campaign: Campaign) -> list:
    targets = campaign.targets.filter(commune__isnull=False).select_related("commune")
    return [target.commune for target in targets]


def target_delete(*, target: Target) -> None:
    _require_draft(target.campaign)
    target.delete()


def _transition(campaign: Campaign, to_state: str, by, note: str = "") -> None:
    Transition.objects.create(
        campaign=campaign, from_state=campaign.state, to_state=to_state, by=by, note=note
    )
    campaign.state = to_state
    campaign._history_user = by
    campaign.version += 1
    campaign.save()


@transaction.atomic
def campaign_approve(*, campaign: Campaign, by, note: str = "") -> Campaign:
    """The chairman approves a draft: from now on the plan itself is locked."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _require_draft(campaign)
    if not campaign.targets.exists():
        raise ValidationError(_("Kế hoạch chưa có chỉ tiêu nào; chưa thể phê duyệt."))
    if not campaign.all_communes and not campaign.communes.exists():
        raise ValidationError(_("Kế hoạch chưa có xã, thị trấn tham gia; chưa thể phê duyệt."))
    campaign.full_clean()
    campaign.check_communes(campaign.communes.all())
    campaign.check_communes(_target_communes(campaign), field=None)
    _register_plan(campaign, by)
    _transition(campaign, State.APPROVED, by, note)
    return campaign


def _register_plan(campaign: Campaign, by) -> None:
    """Approval issues the plan: its number goes into the sổ văn bản đi of the committee (one
    series with its reports, NĐ 30/2020 Điều 15), dated as the plan. A used number is refused
    with the next free one proposed; the plan then prints the register's "05/KH-BCĐ138"."""
    number = documents.parse_number(campaign.number)
    if number is None:
        raise ValidationError(
            {"number": _("Số kế hoạch phải bắt đầu bằng số thứ tự, ví dụ 05/KH-BCĐ138.")}
        )
    document = documents.document_register(
        kind=DocumentKind.PLAN,
        title=campaign.title,
        document_date=campaign.plan_date,
        number=number,
        by=by,
        source=documents.source_key(campaign),
    )
    campaign.number = document.number_label


def interim_report_document(campaign: Campaign):
    """The sơ kết's line in the sổ văn bản đi (number and date), or None before closing."""
    source = documents.source_key(campaign)
    return documents.documents_of(source).filter(kind=DocumentKind.INTERIM_REPORT).first()


@transaction.atomic
def campaign_close(
    *,
    campaign: Campaign,
    by,
    summary_text: str,
    shortcomings_text: str = "",
    today: dt.date | None = None,
    report_date: dt.date | None = None,
) -> Campaign:
    """Close an approved campaign with its sơ kết. Not before it has started: a campaign that
    never ran has nothing to sum up. The sơ kết is a báo cáo of the committee: it takes the next
    free number of the sổ văn bản đi, dated ``report_date`` (the date the user sets; today by
    default), which its print carries."""
    today = today or timezone.localdate()
    report_date = report_date or today
    if report_date > today:
        raise ValidationError({"report_date": _("Ngày báo cáo sơ kết không được sau hôm nay.")})
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state != State.APPROVED:
        raise ValidationError(_("Chỉ kết thúc được đợt cao điểm đã được phê duyệt."))
    if today < campaign.start:
        raise ValidationError(_("Đợt cao điểm chưa bắt đầu nên chưa thể kết thúc."))
    campaign.summary_text = summary_text
    campaign.shortcomings_text = shortcomings_text
    campaign.full_clean()
    if not campaign.summary_text:
        raise ValidationError({"summary_text": _("Hãy nhập nội dung sơ kết.")})
    if report_date < campaign.start:
        raise ValidationError(
            {"report_date": _("Ngày báo cáo sơ kết không được trước ngày bắt đầu đợt.")}
        )
    documents.document_register(
        kind=DocumentKind.INTERIM_REPORT,
        title=f"Sơ kết {campaign.title}",
        document_date=report_date,
        by=by,
        source=documents.source_key(campaign),
    )
    _transition(campaign, State.CLOSED, by)
    return campaign


def task_add(*, task: Task) -> Task:
    _require_open(task.campaign)
    task.full_clean()
    task.save()
    return task


def task_update(*, task: Task, expected_version: int) -> Task:
    _require_open(task.campaign)
    task.full_clean()
    task.save_if_unchanged(expected_version)
    return task


@transaction.atomic
def commune_result_save(
    *, result: CommuneResult, items: list[SeizedItem], expected_version: int | None
) -> CommuneResult:
    """Save a commune's hand figures and replace its list of seized items in one go."""
    if result.campaign.state != State.APPROVED:
        raise ValidationError(_("Chỉ nhập kết quả cho đợt cao điểm đã phê duyệt, chưa kết thúc."))
    result.full_clean(validate_constraints=False)
    if result.pk is None:
        result.save()
    else:
        result.save_if_unchanged(expected_version)
    result.items.all().delete()
    for item in items:
        item.result = result
        item.full_clean()
        item.save()
    return result


@transaction.atomic
def outreach_record(*, outreach: Outreach, by, token=None) -> Outreach:
    if outreach.campaign_id and outreach.campaign.state != State.APPROVED:
        raise ValidationError(
            {"campaign": _("Chỉ ghi nhận vào đợt cao điểm đã phê duyệt, chưa kết thúc.")}
        )
    outreach.created_by = by
    outreach.full_clean()
    outreach.save()
    if token is not None and not claim_token(token, outreach.pk):
        raise ValidationError(_("Biểu mẫu này đã được gửi; buổi tuyên truyền đã được ghi nhận."))
    return outreach
