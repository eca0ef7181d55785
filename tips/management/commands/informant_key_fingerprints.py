import hashlib

from django.core.management.base import BaseCommand, CommandError

from tips import crypto
from tips.checks import key_problems


class Command(BaseCommand):
    help = (
        "In dấu vân tay (SHA-256, 16 ký tự đầu) của từng khoá người tố giác đang cấu hình — không "
        "in khoá — để so với dấu vân tay ghi trên bản thứ hai của khoá; rồi thử giải mã một bản "
        "ghi cho mỗi khoá đang được dùng trong CSDL."
    )

    def handle(self, *args, **options):
        keys = crypto.configured_keys()
        active = crypto.active_key_id()
        for kid, key in keys.items():
            mark = " (đang dùng)" if kid == active else ""
            fingerprint = hashlib.sha256(key).hexdigest()[:16]
            self.stdout.write(f"{kid}: {fingerprint}{mark}")
        problems = key_problems()
        if problems:
            raise CommandError(" ".join(problems))
        self.stdout.write(
            self.style.SUCCESS("Mọi dữ liệu mã hoá trong CSDL mở được bằng các khoá này.")
        )
