from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ban138.backup import BackupError, inspect_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục CSDL và các tệp đã tải lên từ một bản sao lưu do lệnh backup tạo ra. GHI ĐÈ "
        "dữ liệu hiện có; tệp trong kho tệp mà bản sao lưu không có được chuyển ra thư mục "
        "BACKUP_DIR/orphans-<thời điểm>."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", type=Path, required=True, help="Tệp sao lưu.")
        parser.add_argument(
            "--yes", action="store_true", help="Xác nhận ghi đè dữ liệu hiện có (bắt buộc)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ kiểm tra tệp (pg_restore --list / PRAGMA integrity_check, mã băm từng tệp "
            "đính kèm), không ghi.",
        )

    def handle(self, *args, input, yes=False, dry_run=False, **options):
        try:
            if dry_run:
                manifest = inspect_backup(input)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Tệp {input} dùng được: CSDL {manifest.vendor} ({manifest.tables} bảng), "
                        f"{len(manifest.files)} tệp đính kèm. Không ghi gì."
                    )
                )
                return
            if not yes:
                raise CommandError("Khôi phục sẽ ghi đè dữ liệu hiện có: thêm --yes để xác nhận.")
            manifest, orphans = restore_backup(input)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục từ {input}: {len(manifest.files)} tệp đính kèm."
            )
        )
        if orphans:
            self.stdout.write(
                self.style.WARNING(f"Tệp không có trong bản sao lưu đã chuyển sang {orphans}.")
            )
