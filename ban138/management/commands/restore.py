from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ban138.backup import BackupError, restore_database


class Command(BaseCommand):
    help = "Khôi phục CSDL từ một bản sao lưu do lệnh backup tạo ra. GHI ĐÈ dữ liệu hiện có."

    def add_arguments(self, parser):
        parser.add_argument("--input", type=Path, required=True, help="Tệp sao lưu.")
        parser.add_argument(
            "--yes", action="store_true", help="Xác nhận ghi đè dữ liệu hiện có (bắt buộc)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra tệp, không ghi.")

    def handle(self, *args, input, yes=False, dry_run=False, **options):
        if not input.exists():
            raise CommandError(f"Không tìm thấy tệp sao lưu {input}.")
        if dry_run:
            self.stdout.write(f"Tệp {input} tồn tại ({input.stat().st_size} byte); không ghi gì.")
            return
        if not yes:
            raise CommandError("Khôi phục sẽ ghi đè dữ liệu hiện có: thêm --yes để xác nhận.")
        try:
            restore_database(input)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã khôi phục từ {input}"))
