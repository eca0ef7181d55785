"""Deadline reminders, the administrator's list of officers without e-mail, and the escalation of
urgent tips whose alert to the investigating body was not recorded within the hour.

Urgent tips (TT 28/2020/TT-BCA as amended by TT 129/2021/TT-BCA: very serious crimes or a flight
risk are reported to the investigating body at once, by the fastest means): an urgent tip still
open with no alert recorded an hour after receipt is escalated once to the police leaders and
the officer who registered it, and the escalation is a step in the tip's timeline. Run it daily
for the deadlines and every 15 minutes with ``--urgent-only`` (docs/DEPLOY.md).

Mails carry register numbers, communes, deadlines and links — never informant data.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import mail_admins, send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from ban138.roles import Role
from ban138.text import person_name
from tips.models import Tip, TipDuty, TipStep
from tips.workflow import TipAction

ESCALATE_AFTER = dt.timedelta(hours=1)
ESCALATION_STEP = TipAction.ESCALATE


def tip_link(tip) -> str:
    return f"{settings.SITE_URL}{reverse('tips:detail', kwargs={'pk': tip.pk})}"


def _police():
    return (
        get_user_model()
        .objects.filter(
            is_active=True, groups__name__in=[Role.OFFICER.value, Role.POLICE_LEADER.value]
        )
        .distinct()
        .prefetch_related("groups")
    )


def _is_leader(user) -> bool:
    return any(g.name == Role.POLICE_LEADER.value for g in user.groups.all())


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc mỗi cán bộ tiếp nhận và lãnh đạo Công an các nguồn tin quá hạn hoặc đến hạn "
        "trong 5 ngày và các thông báo, quyết định phải gửi Viện kiểm sát, người tố giác chưa gửi "
        "(cán bộ: nguồn tin mình thụ lý; lãnh đạo: tất cả), kèm đường dẫn tới từng "
        "nguồn tin; báo quản trị viên những cán bộ chưa có địa chỉ thư; nhắc khẩn nguồn tin khẩn "
        "cấp quá 1 giờ chưa ghi nhận đã báo cơ quan điều tra. "
        "Thư không chứa thông tin người tố giác."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra, không gửi thư.")
        parser.add_argument(
            "--urgent-only",
            action="store_true",
            help="Chỉ nhắc khẩn nguồn tin khẩn cấp (chạy 15 phút một lần).",
        )

    def handle(self, *args, dry_run=False, urgent_only=False, **options):
        self.dry_run = dry_run
        self.sent = 0
        users = list(_police())
        self._escalate_urgent(users)
        if not urgent_only:
            self._deadlines(users, timezone.localdate())
            self._report_missing_addresses(users)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã gửi {self.sent} thư." if not dry_run else "Chạy thử: không gửi thư nào."
            )
        )

    def _send(self, subject, body, to):
        if self.dry_run:
            self.stdout.write(f"— {', '.join(to)}: {subject}")
            return
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
        self.sent += 1

    # --- deadlines ---

    def _deadlines(self, users, today):
        attention = list(
            Tip.objects.needs_attention(today).select_related("commune").order_by("due_on", "id")
        )
        duties = list(
            TipDuty.objects.needs_attention(today)
            .select_related("tip", "tip__commune")
            .order_by("due_on", "id")
        )
        for user in users:
            if not user.email:
                continue
            leader = _is_leader(user)
            tips = attention if leader else [t for t in attention if t.assigned_to_id == user.pk]
            own = duties if leader else [d for d in duties if d.tip.assigned_to_id == user.pk]
            if not tips and not own:
                continue
            subject = f"[BCĐ 138] {len(tips)} nguồn tin quá hạn hoặc sắp đến hạn"
            if own:
                subject += f", {len(own)} thông báo chưa gửi"
            body = self._body(user, tips, today) + self._duties_body(own, today)
            self._send(subject, body, [user.email])

    @staticmethod
    def _body(user, tips, today):
        lines = [
            f"Kính gửi {person_name(user)},",
            "",
            "Các nguồn tin sau đã quá hạn hoặc sẽ đến hạn giải quyết trong 5 ngày:",
            "",
        ]
        for tip in tips:
            left = (tip.due_on - today).days
            status = f"quá hạn {-left} ngày" if left < 0 else f"còn {left} ngày"
            lines.append(
                f"- Số {tip.register_number}, {tip.commune.full_name}: hạn "
                f"{tip.due_on:%d/%m/%Y} ({status})\n  {tip_link(tip)}"
            )
        return "\n".join(lines)

    @staticmethod
    def _duties_body(duties, today):
        if not duties:
            return ""
        lines = ["", "", "Thông báo, quyết định chưa gửi (mỗi việc có thời hạn riêng):", ""]
        for duty in duties:
            late = (today - duty.due_on).days
            status = f"quá hạn {late} ngày" if late > 0 else f"hạn {duty.due_on:%d/%m/%Y}"
            lines.append(
                f"- Số {duty.tip.register_number}: {duty.get_kind_display()} ({status})\n"
                f"  {tip_link(duty.tip)}"
            )
        return "\n".join(lines)

    # --- officers the reminders cannot reach ---

    def _report_missing_addresses(self, users):
        missing = [u for u in users if not u.email]
        if not missing:
            return
        names = "\n".join(f"- {person_name(u)} ({u.get_username()})" for u in missing)
        body = (
            "Các cán bộ sau chưa có địa chỉ thư điện tử nên không nhận được thư nhắc hạn giải "
            f"quyết nguồn tin:\n\n{names}\n\nHãy bổ sung địa chỉ trong trang quản trị."
        )
        subject = f"{len(missing)} cán bộ chưa có địa chỉ thư điện tử"
        if self.dry_run:
            self.stdout.write(f"— quản trị viên: {subject}")
            return
        if settings.ADMINS:
            mail_admins(subject, body)
            self.sent += 1
        else:
            self.stderr.write(f"{subject} (chưa đặt ADMIN_EMAILS):\n{names}")

    # --- urgent tips without a recorded alert ---

    def _escalate_urgent(self, users):
        cutoff = timezone.now() - ESCALATE_AFTER
        overdue_alerts = (
            Tip.objects.open()
            .filter(urgent=True, urgent_alerted_at__isnull=True, received_at__lte=cutoff)
            .exclude(steps__action=ESCALATION_STEP)
            .select_related("commune", "registered_by")
            .order_by("received_at")
        )
        leaders = [u.email for u in users if u.email and _is_leader(u)]
        for tip in overdue_alerts:
            to = sorted(
                {
                    *leaders,
                    *(
                        [tip.registered_by.email]
                        if tip.registered_by and tip.registered_by.email
                        else []
                    ),
                }
            )
            received = timezone.localtime(tip.received_at)
            subject = (
                f"[BCĐ 138] KHẨN: nguồn tin số {tip.register_number} chưa báo cơ quan điều tra"
            )
            body = (
                f"Nguồn tin khẩn cấp số {tip.register_number} ({tip.commune.full_name}) tiếp nhận "
                f"lúc {received:%H:%M %d/%m/%Y}, đã quá 1 giờ mà chưa ghi nhận đã báo cơ quan "
                "điều tra. Hãy báo ngay bằng cách nhanh nhất rồi ghi nhận trên trang nguồn tin:\n"
                f"{tip_link(tip)}"
            )
            if to:
                self._send(subject, body, to)
            if not self.dry_run:
                TipStep.objects.create(
                    tip=tip,
                    action=ESCALATION_STEP,
                    from_state=tip.state,
                    to_state=tip.state,
                    note=f"Đã gửi thư nhắc khẩn tới {len(to)} người (lãnh đạo, cán bộ tiếp nhận).",
                )
