import importlib
import inspect
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu huyện Khánh Sơn (địa bàn, Ban chỉ đạo, người dùng mẫu và dữ liệu của "
        "từng phân hệ). Chạy lại nhiều lần không tạo trùng; mật khẩu chỉ in ra khi vừa tạo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Đặt lại và in mật khẩu mới cho các tài khoản mẫu.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chạy thử rồi hoàn tác, không ghi gì."
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Cho phép chạy khi DJANGO_ENV=production (chỉ cho máy trình diễn, không bao giờ "
            "cho một huyện thật: dùng setup_district).",
        )

    def handle(self, *args, reset_passwords=False, dry_run=False, allow_production=False,
               **options):
        if settings.PRODUCTION and not allow_production:
            # Issue 15, point 14: demo accounts with printed passwords and invented tips have no
            # place on a district's server.
            raise CommandError(
                "Đang chạy production: seed_demo tạo tài khoản và nguồn tin mẫu, không dùng cho "
                "huyện thật. Thiết lập huyện bằng setup_district; chỉ thêm --allow-production "
                "trên máy trình diễn."
            )
        try:
            with transaction.atomic():
                for module in self._demo_modules():
                    self.stdout.write(f"Dữ liệu mẫu: {module.__name__}")
                    kwargs = {"stdout": self.stdout}
                    if "reset_passwords" in inspect.signature(module.seed).parameters:
                        kwargs["reset_passwords"] = reset_passwords
                    module.seed(**kwargs)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            self.stdout.write(self.style.WARNING("Chạy thử: đã hoàn tác, không ghi gì."))
            return
        self.stdout.write(self.style.SUCCESS("Đã tạo xong dữ liệu mẫu."))

    @staticmethod
    def _demo_modules():
        """Each local app may have a ``demo`` module with ``seed(stdout=...)``; they run in
        INSTALLED_APPS order, so an app's demo data may use what the apps before it made."""
        for app in settings.LOCAL_APPS:
            if find_spec(f"{app}.demo"):
                yield importlib.import_module(f"{app}.demo")
