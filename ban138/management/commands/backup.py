from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ban138.backup import BackupError, backup_dir, create_backup, record_status


class Command(BaseCommand):
    help = (
        "Sao lưu CSDL (pg_dump -Fc trên PostgreSQL, API sao lưu trực tuyến của SQLite) và các tệp "
        "đã tải lên (qua kho tệp STORAGES: MEDIA_ROOT hoặc S3) vào một tệp lưu trữ chỉ chủ sở "
        "hữu đọc được. Không có phiên đăng nhập; danh tính người tố giác vẫn ở dạng mã hóa; "
        "khóa mã hóa không nằm trong đó. "
        "Thất bại: mã thoát khác 0, thư cho ADMIN_EMAILS và trạng thái trên /suc-khoe/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Tệp đích (mặc định BACKUP_DIR/ban138-<thời điểm>.tar).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ in tệp đích, không sao lưu."
        )

    def handle(self, *args, output=None, dry_run=False, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        output = output or backup_dir() / f"ban138-{stamp}.tar"
        if dry_run:
            self.stdout.write(f"Sẽ sao lưu vào {output}")
            return
        try:
            manifest = create_backup(output)
        except (BackupError, OSError) as exc:
            message = str(exc) or exc.__class__.__name__
            record_status(ok=False, message=message, path=output)
            raise CommandError(f"Sao lưu thất bại: {message}") from exc
        record_status(ok=True, message="", path=output)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {output}: CSDL {manifest.vendor} ({manifest.tables} bảng), "
                f"{len(manifest.files)} tệp đính kèm."
            )
        )
