from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tips.crypto import InformantDecryptionError
from tips.services import InformantKeyError, informants_reencrypt


class Command(BaseCommand):
    help = (
        "Mã hoá lại thông tin người tố giác (cả bảng lịch sử) bằng khoá đang dùng "
        "(INFORMANT_ACTIVE_KEY_ID) sau khi thay khoá. Giữ mọi khoá cũ trong INFORMANT_KEYS: "
        "các bản sao lưu trước đó vẫn cần chúng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không ghi.")

    def handle(self, *args, dry_run=False, **options):
        try:
            with transaction.atomic():
                count = informants_reencrypt(dry_run=dry_run)
        except InformantKeyError as exc:
            raise CommandError(f"Không mã hoá lại được, chưa ghi gì: {exc}") from exc
        except InformantDecryptionError as exc:
            raise CommandError(
                "Không mã hoá lại được, chưa ghi gì: có bản ghi không giải mã được bằng các khoá "
                "trong INFORMANT_KEYS (khoá sai hoặc dữ liệu bị sửa)."
            ) from exc
        verb = "Cần mã hoá lại" if dry_run else "Đã mã hoá lại"
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} bản ghi người tố giác."))
