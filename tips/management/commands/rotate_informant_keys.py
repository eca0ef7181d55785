from django.core.management.base import BaseCommand
from django.db import transaction

from tips.services import informants_reencrypt


class Command(BaseCommand):
    help = (
        "Mã hoá lại thông tin người tố giác bằng khoá đang dùng (INFORMANT_ACTIVE_KEY_ID) sau khi "
        "thay khoá. Giữ khoá cũ trong INFORMANT_KEYS cho tới khi lệnh này chạy xong."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không ghi.")

    @transaction.atomic
    def handle(self, *args, dry_run=False, **options):
        count = informants_reencrypt(dry_run=dry_run)
        verb = "Cần mã hoá lại" if dry_run else "Đã mã hoá lại"
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} bản ghi người tố giác."))
