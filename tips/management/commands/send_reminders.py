from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from ban138.roles import Role
from ban138.text import person_name
from tips.models import Tip, TipDuty


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc mỗi cán bộ tiếp nhận và lãnh đạo Công an các nguồn tin quá hạn hoặc đến hạn "
        "trong 5 ngày, và các thông báo, quyết định phải gửi Viện kiểm sát, người tố giác chưa gửi "
        "(cán bộ: nguồn tin mình thụ lý; lãnh đạo: tất cả). Chạy hằng ngày bằng cron. "
        "Thư không bao giờ chứa thông tin người tố giác."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra, không gửi thư.")

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        sent = 0
        for user, tips, duties in self._recipients(today):
            if not tips and not duties:
                continue
            subject = f"[BCĐ 138] {len(tips)} nguồn tin quá hạn hoặc sắp đến hạn"
            if duties:
                subject += f", {len(duties)} thông báo chưa gửi"
            body = self._body(user, tips, today) + self._duties_body(duties, today)
            if dry_run:
                self.stdout.write(f"— {user.get_username()} <{user.email}>: {subject}")
                continue
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã gửi {sent} thư nhắc." if not dry_run else "Chạy thử: không gửi thư nào."
            )
        )

    def _recipients(self, today):
        attention = Tip.objects.needs_attention(today).select_related("commune").order_by("due_on")
        users = (
            get_user_model()
            .objects.filter(
                is_active=True, groups__name__in=[Role.OFFICER.value, Role.POLICE_LEADER.value]
            )
            .exclude(email="")
            .distinct()
            .prefetch_related("groups")
        )
        all_tips = list(attention)
        all_duties = list(
            TipDuty.objects.needs_attention(today)
            .select_related("tip", "tip__commune")
            .order_by("due_on", "id")
        )
        for user in users:
            names = {g.name for g in user.groups.all()}
            if Role.POLICE_LEADER.value in names:
                yield user, all_tips, all_duties
            else:
                yield (
                    user,
                    [t for t in all_tips if t.assigned_to_id == user.pk],
                    [d for d in all_duties if d.tip.assigned_to_id == user.pk],
                )

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
                f"{tip.due_on:%d/%m/%Y} ({status})"
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
            lines.append(f"- Số {duty.tip.register_number}: {duty.get_kind_display()} ({status})")
        return "\n".join(lines)
