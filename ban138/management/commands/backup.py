from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ban138.backup import BackupError, backup_database


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ CSDL (pg_dump -Fc trên PostgreSQL, API sao lưu trực tuyến của SQLite). "
        "Danh tính người tố giác vẫn ở dạng mã hóa; khóa mã hóa không nằm trong bản sao lưu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Tệp đích (mặc định var/backups/<thời điểm>.dump)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ in tệp đích, không sao lưu."
        )

    def handle(self, *args, output=None, dry_run=False, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        output = output or Path("var/backups") / f"ban138-{stamp}.dump"
        if dry_run:
            self.stdout.write(f"Sẽ sao lưu vào {output}")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            backup_database(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        output.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {output}"))
