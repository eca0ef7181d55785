"""Benchmark (make bench): compile time against hand-written SQL for the same headline figures,
and render time against WeasyPrint rendering the same HTML directly. Prints; asserts nothing."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from ban138.models import CommitteeProfile
from reports.compile import compile_report
from reports.document import DraftText
from reports.rendering import render_document_html, render_pdf
from reports.services import report_document_context
from tips.queries import MERGED_STATE, SETTLED_STATE_VALUES

# The tips figures of compile_report, written by hand: local-day bounds passed as aware datetimes.
# The state values come from the workflow definition (tips/workflow.py), as parameters.
SETTLED_IN = ", ".join(["%s"] * len(SETTLED_STATE_VALUES))
SQL = f"""
SELECT COUNT(*),
       SUM(CASE WHEN state IN ({SETTLED_IN}) THEN 1 ELSE 0 END)
FROM tips_tip WHERE received_at >= %s AND received_at < %s AND state <> %s
"""  # noqa: S608  # nosec B608 - placeholders only
CASES_SQL = "SELECT COUNT(*) FROM tips_case WHERE opened_on BETWEEN %s AND %s"


class Command(BaseCommand):
    help = "Đo thời gian tổng hợp và kết xuất báo cáo (so với SQL viết tay và WeasyPrint thuần)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2020)
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, year, runs, **options):
        profile = CommitteeProfile.current()
        if profile is None:
            raise CommandError("Chưa có dữ liệu: chạy seed_demo trước.")
        district = profile.district
        compile_s = self._time(runs, lambda: compile_report(year=year, unit=district))
        sql_s = self._time(runs, lambda: self._hand_sql(year))
        figures = compile_report(year=year, unit=district)
        context = report_document_context(figures=figures, draft=DraftText(number="1"))
        ours = self._time(
            runs, lambda: render_pdf("reports/document.html", {**context, **self._print_extra()})
        )
        html = render_document_html(context, for_print=True)
        bare = self._time(runs, lambda: self._weasyprint(html))
        self.stdout.write(
            f"compile_report  {compile_s * 1000:8.1f} ms   hand SQL {sql_s * 1000:8.1f} ms"
        )
        self.stdout.write(
            f"render_pdf      {ours * 1000:8.1f} ms   WeasyPrint {bare * 1000:8.1f} ms"
        )

    @staticmethod
    def _print_extra():
        from reports.rendering import stylesheet_file_url

        return {"stylesheet": stylesheet_file_url(), "for_print": True}

    @staticmethod
    def _time(runs, action) -> float:
        action()  # warm-up
        started = time.perf_counter()
        for _ in range(runs):
            action()
        return (time.perf_counter() - started) / runs

    @staticmethod
    def _hand_sql(year):
        zone = timezone.get_current_timezone()
        start = dt.datetime(year, 1, 1, tzinfo=zone)
        end = dt.datetime(year + 1, 1, 1, tzinfo=zone)
        with connection.cursor() as cursor:
            cursor.execute(SQL, [*SETTLED_STATE_VALUES, start, end, MERGED_STATE])
            tips = cursor.fetchone()
            cursor.execute(CASES_SQL, [dt.date(year, 1, 1), dt.date(year, 12, 31)])
            return tips, cursor.fetchone()

    @staticmethod
    def _weasyprint(html):
        from weasyprint import HTML

        from reports.rendering import stylesheet_file_url

        return HTML(string=html, base_url=stylesheet_file_url()).write_pdf()
