from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ban138.committees import acting_for
from ban138.models import AdministrativeUnit, CommitteeProfile
from ban138.text import fold
from reports import services
from reports.models import IssuedReport, ReportDraft


class Command(BaseCommand):
    help = (
        "In báo cáo tổng kết năm ra tệp PDF hoặc DOCX: bản dự thảo hiện tại (số liệu tổng hợp "
        "mới), hoặc với --issued là đúng tệp đã ban hành. Không ghi gì vào cơ sở dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Năm báo cáo, ví dụ 2020.")
        parser.add_argument(
            "--unit",
            default="",
            help="Tên xã/thị trấn (bỏ trống: cả địa bàn của Ban chỉ đạo), ví dụ 'Sơn Bình'.",
        )
        parser.add_argument(
            "--committee",
            default="",
            help="Địa bàn của Ban chỉ đạo khi cài đặt có nhiều Ban (bỏ trống: Ban đầu tiên), "
            "ví dụ 'Khánh Hòa', 'Tây Khánh Sơn'.",
        )
        parser.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        parser.add_argument("--issued", action="store_true", help="In tệp đã ban hành.")
        parser.add_argument("--output", required=True, help="Đường dẫn tệp ghi ra.")

    def handle(self, *args, year, unit, committee, format, issued, output, **options):
        with acting_for(self._committee(committee)):
            place = self._unit(unit)
            content = (
                self._issued(year, place, format) if issued else self._draft(year, place, format)
            )
        Path(output).write_bytes(content)
        self.stdout.write(f"Đã ghi {output} ({len(content)} byte).")

    def _committee(self, name: str) -> CommitteeProfile | None:
        """The committee named by its area (the letterhead and the area are then its own)."""
        if not name:
            return None
        wanted = fold(name)
        for profile in CommitteeProfile.objects.select_related("district"):
            if wanted in (fold(profile.district.name), fold(profile.district.full_name)):
                return profile
        raise CommandError(f"Không có Ban chỉ đạo nào của địa bàn '{name}'.")

    def _unit(self, name: str) -> AdministrativeUnit:
        profile = CommitteeProfile.current()
        if profile is None:
            raise CommandError(
                "Chưa có thông tin Ban chỉ đạo (chạy seed_demo hoặc nhập ở trang quản trị)."
            )
        if not name:
            return profile.district
        wanted = fold(name)
        for commune in AdministrativeUnit.objects.communes():
            if wanted in (fold(commune.name), fold(commune.full_name)):
                return commune
        raise CommandError(f"Không tìm thấy xã, thị trấn '{name}'.")

    def _issued(self, year, place, fmt) -> bytes:
        report = IssuedReport.objects.filter(year=year, unit=place).order_by("-issued_at").first()
        if report is None:
            raise CommandError(f"Chưa có báo cáo năm {year} nào được ban hành cho {place}.")
        return bytes(getattr(report, fmt))

    def _draft(self, year, place, fmt) -> bytes:
        draft = ReportDraft.objects.filter(year=year, unit=place, is_issued=False).first()
        try:
            if draft is not None:
                context = services.report_draft_context(draft=draft)
            else:
                # No draft written yet: the figures alone, still marked "DỰ THẢO" with number
                # and date blank, so the print cannot pass for an issued report.
                figures = services.compile_report(year=year, unit=place)
                unwritten = ReportDraft(year=year, unit=place)
                context = services.report_document_context(
                    figures=figures,
                    draft=services.DraftText(
                        is_draft=True, year_of_issue=services.expected_issue_year(unwritten)
                    ),
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return services.report_render(context=context, fmt=fmt)
