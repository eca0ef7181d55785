from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ban138.district_setup import (
    SetupError,
    import_units,
    read_config,
    read_unit_rows,
    setup_committee,
)


class Command(BaseCommand):
    help = (
        "Thiết lập một huyện thật: nhập danh mục đơn vị hành chính (CSV có mã quốc gia: "
        "ma,ten,cap,ma_cap_tren[,hieu_luc]), thông tin Ban chỉ đạo (tiêu đề văn bản, Trưởng ban) "
        "và các tài khoản đầu tiên từ một tệp JSON. Chạy lại không tạo trùng; mật khẩu chỉ in ra "
        "một lần, khi tài khoản vừa được tạo. Mẫu: ops/samples/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=Path, required=True, help="Danh mục đơn vị (CSV).")
        parser.add_argument(
            "--config", type=Path, help="Ban chỉ đạo và tài khoản (JSON); bỏ qua để chỉ nhập "
            "danh mục."
        )
        parser.add_argument(
            "--district-code",
            help="Mã của đơn vị mà Ban chỉ đạo phụ trách (bắt buộc với --config).",
        )

    def handle(self, *args, units, config=None, district_code=None, **options):
        try:
            result = import_units(read_unit_rows(units))
            self.stdout.write(
                f"Danh mục đơn vị: {result.created} mới, {result.updated} cập nhật, "
                f"{result.unchanged} không đổi."
            )
            if config is None:
                return
            if not district_code:
                raise SetupError("Cần --district-code: mã của huyện mà Ban chỉ đạo phụ trách.")
            profile, accounts = setup_committee(read_config(config), district_code)
        except SetupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Ban chỉ đạo: {profile}; Trưởng ban {profile.chairman_name}.")
        if accounts:
            self.stdout.write(
                "Tài khoản mới (mật khẩu chỉ in MỘT LẦN: trao tận tay, yêu cầu đổi khi đăng nhập):"
            )
            for username, role_label, password in accounts:
                self.stdout.write(f"  {username:<20} {role_label:<20} mật khẩu: {password}")
        self.stdout.write(self.style.SUCCESS("Đã thiết lập xong."))
