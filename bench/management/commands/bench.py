"""``make bench``: server time and query counts of the main pages at several data sizes, each beside
a baseline measured in the same run, printed as one table and written to docs/PERFORMANCE.md.

PostgreSQL only (the hand SQL uses FILTER and GROUPING SETS; the trigram index exists only
there). For each size N it uses the database ``ban138_bench_<N>`` on the server given by
``--pg-url``, creating and filling it with ``generate_data`` when it is missing (``--rebuild``
starts over). Timings come from ``django.test.Client`` inside this process, with
``CaptureQueriesContext`` counting queries; throughput from gunicorn (2 workers, 127.0.0.1 only)
loaded by ``wrk`` for a bounded time, or by a small Python loop if wrk is not installed.
Asserts nothing: tests assert query counts, this prints times and ratios."""

import datetime as dt
import http.client
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, reverse
from django.utils import timezone

from ban138 import caching
from ban138.dbswitch import use_database
from ban138.roles import Role

# The report's rules (tips/queries.py): a period is local dates [1 January, end], end = 31
# December or today; the previous period ends on the same day a year before; merged duplicates
# are not counted (the merged state is the workflow's, tips.workflow.TipState.MERGED); overdue =
# still open and past the deadline as of the period's own end; from the public = no sending
# agency and not a kiến nghị khởi tố, valuable = of those, prosecuted. Cases by the commune of
# their tip: opened in the period (their suspects, arrests, deaths, injuries, damage, class and
# the grave ones), solved in it, and of those opened, solved by its end. Models: established by
# 31/12 and not stopped on the eve of the year, their places, teams and members as the latest
# check by 31/12 recorded them (else as entered).
SQL_TIPS = """
SELECT EXTRACT(YEAR FROM received_at AT TIME ZONE %(zone)s)::int AS y, commune_id, kind,
       crime_group_id, COUNT(*),
       COUNT(*) FILTER (WHERE state IN %(settled)s),
       COUNT(*) FILTER (WHERE state IN %(settled)s AND decision_date <= due_on),
       COUNT(*) FILTER (WHERE state IN %(open)s AND due_on < CASE
           WHEN received_at >= %(start)s THEN %(d2)s::date ELSE %(p2)s::date END),
       COUNT(*) FILTER (WHERE sender_agency = '' AND kind <> %(request)s),
       COUNT(*) FILTER (WHERE sender_agency = '' AND kind <> %(request)s
                        AND state IN %(valuable)s)
FROM tips_tip
WHERE ((received_at >= %(start)s AND received_at < %(end)s)
       OR (received_at >= %(prev_start)s AND received_at < %(prev_end)s))
  AND state <> %(merged)s
GROUP BY GROUPING SETS ((1), (1, commune_id), (1, kind), (1, crime_group_id))
"""
SQL_CASES = """
SELECT GROUPING(t.commune_id, c.severity), t.commune_id, c.severity,
       COUNT(*) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s),
       COUNT(*) FILTER (WHERE c.solved_on BETWEEN %(d1)s AND %(d2)s),
       SUM(c.suspects) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s),
       SUM(c.arrested) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s),
       COUNT(*) FILTER (WHERE c.opened_on BETWEEN %(p1)s AND %(p2)s),
       COUNT(*) FILTER (WHERE c.solved_on BETWEEN %(p1)s AND %(p2)s),
       SUM(c.suspects) FILTER (WHERE c.opened_on BETWEEN %(p1)s AND %(p2)s),
       SUM(c.arrested) FILTER (WHERE c.opened_on BETWEEN %(p1)s AND %(p2)s),
       COUNT(*) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s AND c.solved_on <= %(d2)s),
       SUM(c.deaths) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s),
       SUM(c.injuries) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s),
       SUM(c.damage) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s),
       COUNT(*) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s AND c.severity IN %(grave)s),
       COUNT(*) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s AND c.severity IN %(grave)s
                        AND c.solved_on <= %(d2)s)
FROM tips_case c JOIN tips_tip t ON t.id = c.tip_id
WHERE c.opened_on BETWEEN %(p1)s AND %(d2)s OR c.solved_on BETWEEN %(p1)s AND %(d2)s
GROUP BY GROUPING SETS ((), (t.commune_id), (c.severity))
"""
SQL_MODELS = """
SELECT m.commune_id, COUNT(*),
       COUNT(*) FILTER (WHERE m.established_on >= %(d1)s),
       SUM(COALESCE(e.places, m.places)), SUM(COALESCE(e.teams, m.teams)),
       SUM(COALESCE(e.members, m.members))
FROM models_registry_securitymodel m
LEFT JOIN LATERAL (SELECT status FROM models_registry_statuscheck
                   WHERE model_id = m.id AND checked_on < %(d1)s
                   ORDER BY checked_on DESC, id DESC LIMIT 1) b ON true
LEFT JOIN LATERAL (SELECT places, teams, members FROM models_registry_statuscheck
                   WHERE model_id = m.id AND checked_on <= %(year_end)s
                   ORDER BY checked_on DESC, id DESC LIMIT 1) e ON true
WHERE m.established_on <= %(year_end)s AND b.status IS DISTINCT FROM %(stopped)s
GROUP BY GROUPING SETS ((), (m.commune_id))
"""
# GROUPING(commune, severity) of a cases row: 3 the total, 1 a commune's, 2 a class's.
CASES_TOTAL, CASES_BY_SEVERITY = 3, 2

# (label, query, has matches): 2, 3 and 8 letters, with and without a match (bench.datagen's
# vocabulary; "khỉ đột" is in one tip in 5,000).
SEARCHES = [
    ("2 letters, found", "xe", True),
    ("2 letters, none", "qz", False),
    ("3 letters, found", "mất", True),
    ("3 letters, none", "qzx", False),
    ("8 letters, found", "xuất cảnh", True),
    ("8 letters, none", "zyxwvuts", False),
    ("rare word", "khỉ đột", True),
    ("register number", "49", True),
]
ROLES = {
    Role.CHAIRMAN: "truongban",
    Role.POLICE_LEADER: "lanhdao",
    Role.SECRETARIAT: "thuongtruc",
    Role.OFFICER: "tiepnhan",
    Role.COMMUNE_OFFICIAL: "canbo_sonbinh",
}
PORT = 8301
# The issue's case: six report downloads at once took the login page from 0.03 s to 6.5 s.
RENDERED_REPORTS = 6
RENDER_LIMIT_S = 600
BUSY_YEAR = 1_000


def parse_size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def label_of(size: int) -> str:
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size >= 1_000 and size % 1_000 == 0:
        return f"{size // 1_000}k"
    return str(size)


@dataclass
class Sample:
    p50: float
    p95: float
    queries: int
    # Median CPU time of this process per run (ms): what the Python side costs, much less
    # disturbed than wall time when other work shares the machine (the database's own CPU is not
    # in it). None for figures that are not times (req/s, MB).
    cpu: float | None = None

    @classmethod
    def of(cls, times: list[float], queries: list[int], cpu: list[float] | None = None):
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return cls(
            statistics.median(ordered), p95, max(queries), statistics.median(cpu) if cpu else None
        )


@dataclass
class Row:
    size: str
    check: str
    ours: Sample | None
    baseline_name: str = ""
    baseline: Sample | None = None
    note: str = ""

    def ratio(self) -> float:
        if self.ours and self.baseline and self.baseline.p50:
            return self.ours.p50 / self.baseline.p50
        return 0.0

    def cells(self) -> list[str]:
        def fmt(sample, attr):
            return "" if sample is None else f"{getattr(sample, attr):.1f}"

        def cpu(sample):
            return "" if sample is None or sample.cpu is None else f"{sample.cpu:.1f}"

        ratio = cpu_ratio = ""
        if self.ours and self.baseline and self.baseline.p50:
            ratio = f"{self.ours.p50 / self.baseline.p50:.2f}×"
        if self.ours and self.baseline and self.ours.cpu and self.baseline.cpu:
            cpu_ratio = f"{self.ours.cpu / self.baseline.cpu:.2f}×"
        return [
            self.size,
            self.check,
            fmt(self.ours, "p50"),
            fmt(self.ours, "p95"),
            cpu(self.ours),
            "" if self.ours is None else str(self.ours.queries),
            self.baseline_name,
            fmt(self.baseline, "p50"),
            fmt(self.baseline, "p95"),
            cpu(self.baseline),
            "" if self.baseline is None else str(self.baseline.queries),
            ratio,
            cpu_ratio,
            self.note,
        ]


HEADER = [
    "size",
    "check",
    "p50 ms",
    "p95 ms",
    "cpu ms",
    "queries",
    "baseline",
    "base p50",
    "base p95",
    "base cpu",
    "base q",
    "ratio p50",
    "ratio cpu",
    "note",
]


def measure(action, runs: int, warmup: int = 2, before_each=None) -> Sample:
    for _ in range(warmup):
        action()
    times, counts, cpu = [], [], []
    for _ in range(runs):
        if before_each:
            before_each()
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            action()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        counts.append(len(captured.captured_queries))
    return Sample.of(times, counts, cpu)


class Command(BaseCommand):
    help = "Đo hiệu năng các trang chính ở nhiều quy mô dữ liệu, kèm mốc so sánh (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="1k,100k,1m", help="ví dụ 1k,100k")
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--runs", type=int, default=15)
        parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
        parser.add_argument("--rebuild", action="store_true", help="tạo lại cơ sở dữ liệu đo")
        parser.add_argument(
            "--db-prefix", default="ban138_bench_", help="tên CSDL đo = tiền tố + số nguồn tin"
        )
        parser.add_argument(
            "--communes",
            type=int,
            default=0,
            help="số xã khi tạo CSDL đo (0: 8 dưới 50.000 nguồn tin, nếu không N/2.500)",
        )
        parser.add_argument("--load-seconds", type=int, default=10)
        parser.add_argument("--no-load", action="store_true", help="bỏ phần đo thông lượng")
        parser.add_argument(
            "--no-render-load",
            action="store_true",
            help="bỏ phần đo trang đăng nhập trong lúc worker kết xuất báo cáo",
        )
        parser.add_argument(
            "--render-reports",
            type=int,
            default=RENDERED_REPORTS,
            help=f"số báo cáo worker kết xuất khi đo trang đăng nhập (mặc định {RENDERED_REPORTS})",
        )
        parser.add_argument(
            "--memory-minutes",
            type=float,
            default=10,
            help="thời gian tải hỗn hợp khi đo bộ nhớ worker (phút; 0 = bỏ qua)",
        )
        parser.add_argument("--output", default="", help="ghi bảng vào tệp Markdown này")

    def handle(self, *args, **opts):
        if not opts["pg_url"].startswith("postgres"):
            raise CommandError("make bench chạy trên PostgreSQL (--pg-url postgres://…).")
        if opts["render_reports"] < 1:
            raise CommandError(
                "--render-reports phải từ 1 trở lên; bỏ phần đo này: --no-render-load."
            )
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # The baselines (bench/views.py) are served in-process too, through the same middleware.
        if settings.ROOT_URLCONF != "bench.urls":
            settings.ROOT_URLCONF = "bench.urls"
            clear_url_caches()
        rows: list[Row] = []
        for size in [parse_size(s) for s in opts["sizes"].split(",") if s.strip()]:
            url = self._database(opts["pg_url"], size, opts)
            use_database(url)
            label = label_of(size)
            if opts["communes"]:
                label += f", {opts['communes']} communes"
            self.stderr.write(f"== {label}: đo trên {url.rsplit('/', 1)[-1]}")
            rows += self._bench_size(label, opts["runs"])
            if not opts["no_load"]:
                rows += self._throughput(label, url, opts["load_seconds"])
            if not opts["no_render_load"]:
                rows += self._responsiveness(label, url, opts["render_reports"])
            if opts["memory_minutes"] > 0:
                rows += self._memory(label, url, opts["memory_minutes"])
        table = render_table(rows)
        self.stdout.write(table)
        if opts["output"]:
            Path(opts["output"]).write_text(machine_description() + "\n" + table + "\n")
            self.stderr.write(f"đã ghi {opts['output']}")

    # --- databases -------------------------------------------------------------------------

    def _database(self, server: str, size: int, opts) -> str:
        if not re.fullmatch(r"[a-z0-9_]{1,40}", opts["db_prefix"]):
            raise CommandError("--db-prefix chỉ gồm chữ thường, số và dấu gạch dưới.")
        name = f"{opts['db_prefix']}{size}"
        admin = psycopg2.connect(f"{server}/postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            exists = cursor.fetchone() is not None
            if exists and opts["rebuild"]:
                cursor.execute(f'DROP DATABASE "{name}"')
                exists = False
            if not exists:
                cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        url = f"{server}/{name}"
        if exists:  # built by an earlier run: bring its schema up to this code's migrations
            use_database(url)
            call_command("migrate", verbosity=0, interactive=False)
        else:
            communes = opts["communes"] or (8 if size < 50_000 else max(8, size // 2_500))
            call_command(
                "generate_data",
                tips=size,
                years=opts["years"],
                communes=communes,
                database_url=url,
                stdout=self.stderr,
            )
        return url

    # --- one size --------------------------------------------------------------------------

    def _bench_size(self, size: str, runs: int) -> list[Row]:
        from campaigns.models import Campaign
        from tips.models import Tip

        users = {role: self._user(name) for role, name in ROLES.items()}
        admin_user = self._admin()
        clients = {role: self._client(user) for role, user in users.items()}
        admin_client = self._client(admin_user)
        leader, chairman = clients[Role.POLICE_LEADER], clients[Role.CHAIRMAN]
        rows = []
        for role, client in clients.items():
            rows.append(
                Row(
                    size,
                    f"landing /trang-chu/{role}/",
                    self._get(client, f"/trang-chu/{role}/", runs),
                    "same, first after a write",
                    self._get(client, f"/trang-chu/{role}/", runs, after_write=True),
                    note="baseline = cold cache",
                )
            )
        changelist = self._get(admin_client, "/quan-tri/tips/tip/", runs)
        warm = self._get(leader, "/nguon-tin/", runs)
        rows.append(Row(size, "tip list, page 1", warm, "admin changelist", changelist))
        # The floor of the register's first page: the same rows by hand SQL, a minimal template,
        # no cache (bench/views.py), through the same middleware.
        bare = self._get(leader, "/bench/keyset/", runs)
        writer = self._writer()
        cold = self._get(leader, "/nguon-tin/", runs, before_each=writer)
        rows.append(
            Row(
                size,
                "tip list, page 1, first after another user's write",
                cold,
                "bare keyset page (hand SQL, minimal template)",
                bare,
                note="target ≤ 1.5×; a real progress note by another session before each",
            )
        )
        rows.append(
            Row(
                size,
                "tip list, page 1, warm cache (ratio = what the page cache saves)",
                warm,
                "same, first after another user's write",
                cold,
            )
        )
        last = Tip.objects.order_by("-pk").first()
        cursor = self._second_cursor(leader)
        if cursor:
            rows.append(
                Row(
                    size,
                    "tip list, next page",
                    self._get(leader, f"/nguon-tin/?sau={cursor}", runs),
                )
            )
        filtered = f"/nguon-tin/?state=dang_xac_minh&commune={last.commune_id}"
        rows.append(
            Row(
                size,
                "tip list, filtered",
                self._get(leader, filtered, runs),
                "admin changelist filtered",
                self._get(admin_client, "/quan-tri/tips/tip/?state__exact=dang_xac_minh", runs),
            )
        )
        rows.append(
            Row(
                size,
                "tip list, filtered, first after a write",
                self._get(leader, filtered, runs, before_each=caching.bump),
            )
        )
        # Searches on the first request after a write (the one that runs the query), each beside
        # the bare keyset page: bounded means flat from size to size, whatever the word.
        for label, word, found in SEARCHES:
            path = f"/nguon-tin/?q={urllib.parse.quote(word)}"
            rows.append(
                Row(
                    size,
                    f"tip search, {label} “{word}”, first after a write",
                    self._get(leader, path, runs, before_each=caching.bump, rows=found),
                    "bare keyset page",
                    bare,
                )
            )
        rows.append(Row(size, "tip detail", self._get(leader, f"/nguon-tin/{last.pk}/", runs)))
        rows.append(Row(size, "model registry list", self._get(chairman, "/mo-hinh/", runs)))
        campaign = Campaign.objects.order_by("-start").first()
        if campaign:
            rows.append(
                Row(
                    size,
                    "campaign page",
                    self._get(chairman, f"/dot-cao-diem/{campaign.pk}/", runs),
                )
            )
        rows += self._report_rows(size, runs, chairman)
        return rows

    def _report_rows(self, size: str, runs: int, chairman) -> list[Row]:
        from ban138.models import CommitteeProfile
        from reports.compile import compile_report
        from reports.document import DraftText
        from reports.rendering import render_document_html, render_report_pdf, stylesheet_file_url
        from reports.services import report_document_context

        district = CommitteeProfile.current().district
        rows, busy_rows = [], []
        for year in data_years():
            figures = compile_report(year=year, unit=district)
            differences = compare_figures(figures, hand_sql(year))
            if differences:
                raise CommandError(
                    f"{year}: SQL viết tay và báo cáo cho số liệu khác nhau: {differences}"
                )
            row = Row(
                size,
                f"report compile {year}",
                measure(lambda y=year: compile_report(year=y, unit=district), runs),
                "hand SQL (GROUPING SETS), same figures (checked)",
                measure(lambda y=year: hand_sql(y), runs),
                note=f"{figures.tips_received.current:,} tips in the year",
            )
            rows.append(row)
            if figures.tips_received.current >= BUSY_YEAR:
                busy_rows.append(row)
        # A year with a handful of tips (the demo's) measures the 26 queries' fixed cost, not the
        # data: the worst is taken over the years with at least BUSY_YEAR tips, if there are any.
        if rows:
            worst = max(busy_rows or rows, key=Row.ratio)
            rows.append(
                Row(
                    size,
                    f"report compile, worst year ({worst.check[-4:]})",
                    worst.ours,
                    worst.baseline_name,
                    worst.baseline,
                    note=(
                        f"over the years of ≥ {BUSY_YEAR:,} tips"
                        if busy_rows
                        else f"no year of {BUSY_YEAR:,} tips: over every year"
                    ),
                )
            )
        year = timezone.localdate().year - 1
        figures = compile_report(year=year, unit=district)
        context = report_document_context(figures=figures, draft=DraftText(number="1"))
        pdf_runs = min(runs, max(3, runs // 3))  # --runs 1 (a smoke run): one PDF each
        render_report_pdf(context)  # warm-up (fonts, stylesheet)
        with RssPeak() as memory:
            cpu_started = time.process_time()
            ours = measure(lambda: render_report_pdf(context), pdf_runs, warmup=0)
            cpu = (time.process_time() - cpu_started) / pdf_runs
        html = render_document_html(context, for_print=True)

        def bare():
            from weasyprint import HTML

            return HTML(string=html, base_url=stylesheet_file_url()).write_pdf()

        rows.append(
            Row(
                size,
                f"report PDF render {year}",
                ours,
                "bare WeasyPrint",
                measure(bare, pdf_runs, 1),
                note=(
                    f"CPU {cpu:.2f} s a PDF; this process's RSS {memory.before:.0f} MB → peak "
                    f"{memory.peak:.0f} → after {memory.after:.0f} MB"
                ),
            )
        )
        issued = self._issued_report(district, year)
        rows.append(
            Row(
                size,
                "issued report download",
                self._get(chairman, f"/bao-cao/da-ban-hanh/{issued.pk}/tep.pdf", runs),
            )
        )
        return rows

    def _issued_report(self, district, year):
        from reports.models import IssuedReport, ReportDraft
        from reports.services import report_draft_create, report_issue

        issued = IssuedReport.objects.filter(unit=district).order_by("-pk").first()
        if issued:
            return issued
        chairman = self._user("truongban")
        draft = ReportDraft.objects.filter(unit=district, year=year, is_issued=False).first()
        if draft is None:
            draft = report_draft_create(
                year=year, unit=district, created_by=self._user("thuongtruc")
            )
        # Issuing needs sections II and III written (reports.services.report_issue).
        ReportDraft.objects.filter(pk=draft.pk).update(
            number="99",
            document_date=dt.date(year + 1, 1, 15),
            shortcomings=draft.shortcomings or "Còn một số hạn chế trong nắm tình hình.",
            tasks=draft.tasks or "Tiếp tục triển khai đồng bộ các giải pháp.",
        )
        draft.refresh_from_db()
        return report_issue(draft=draft, user=chairman)

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _user(username):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Thiếu tài khoản mẫu {username}: chạy seed_demo.")
        return user

    @staticmethod
    def _admin():
        user, _ = get_user_model().objects.get_or_create(
            username="bench_admin", defaults={"is_staff": True, "is_superuser": True}
        )
        return user

    @staticmethod
    def _client(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def _get(
        self, client, path: str, runs: int, after_write: bool = False, before_each=None, rows=True
    ) -> Sample:
        """Requests to ``path``; with ``after_write`` each one follows a new cache generation,
        as the first request after any write does (ban138/caching.py); ``before_each`` runs
        before each timed request, untimed (another session's real write)."""
        response = client.get(path)
        if response.status_code != 200:
            raise CommandError(f"{path}: HTTP {response.status_code}")
        listing = path.startswith("/nguon-tin/?")
        if listing and ("Không có nguồn tin nào" in response.text) == rows:
            expected = "không có dòng nào" if rows else "có dòng, không mong đợi"
            raise CommandError(f"{path}: {expected} — phép đo sẽ không đo đúng điều cần đo")
        if after_write:
            before_each = caching.bump
        return measure(lambda: client.get(path), runs, before_each=before_each)

    def _writer(self):
        """Another user's session that writes for real before each timed request: the officer
        records a progress note on a tip assigned to him, over HTTP, in its own client."""
        from tips.models import Tip, TipState

        officer = self._user("tiepnhan")
        tip = (
            Tip.objects.filter(state=TipState.VERIFYING, assigned_to=officer)
            .order_by("-pk")
            .first()
        )
        if tip is None:
            raise CommandError("Không có nguồn tin đang xác minh của tiepnhan để ghi tiến độ.")
        client = self._client(officer)
        path = f"/nguon-tin/{tip.pk}/thao-tac/tien-do/"

        def write():
            response = client.post(path, {"note": "Đã làm việc với người liên quan (bench)."})
            if response.status_code != 302:
                raise CommandError(f"{path}: HTTP {response.status_code} — ghi không thành")

        return write

    @staticmethod
    def _second_cursor(client):
        found = re.search(r"sau=(\d+-\d+)", client.get("/nguon-tin/").content.decode())
        return found.group(1) if found else None

    # --- throughput ------------------------------------------------------------------------

    def _throughput(self, size: str, url: str, seconds: int) -> list[Row]:
        cookie = self._session_cookie(self._user("lanhdao"))
        rows = []
        results = {}
        for conn_max_age in ("60", "0"):
            with gunicorn(url, conn_max_age):
                results[conn_max_age] = (
                    load("/nguon-tin/", cookie, seconds),
                    load("/bench/bare/", cookie, seconds),
                )
        for age, note in (("60", "DB_CONN_MAX_AGE=60"), ("0", "DB_CONN_MAX_AGE=0")):
            listing, bare = results[age]
            rows.append(
                Row(
                    size,
                    "gunicorn 2w: tip list req/s",
                    Sample(listing, listing, 0),
                    "bare view req/s",
                    Sample(bare, bare, 0),
                    note + f", {load_tool()} {seconds}s c8",
                )
            )
        return rows

    def _responsiveness(self, size: str, url: str, reports: int = RENDERED_REPORTS) -> list[Row]:
        """The login page, served by gunicorn (2 workers), while ``reports`` per-commune report
        PDFs render in the task worker as deployed (one ``db_worker``, nice 10 as
        ban138-worker.service), beside the same page with the worker idle, in this run.
        Target (issue 18): within 1.5× of idle. Every file must render, or the run stops."""
        from django_tasks import TaskResultStatus

        from ban138.models import AdministrativeUnit
        from reports.background import render_report_file

        chairman = self._user("truongban")
        communes = list(AdministrativeUnit.objects.communes().order_by("pk")[:reports])
        if not communes:
            raise CommandError("Không có xã nào để kết xuất báo cáo.")
        year = timezone.localdate().year - 1
        path = reverse("login")

        def timed_get() -> float:
            started = time.perf_counter()
            status = get(path, "")
            if status != 200:
                raise CommandError(f"{path}: HTTP {status}")
            return (time.perf_counter() - started) * 1000

        with gunicorn(url, "60") as server:
            for _ in range(10):  # both workers warm
                timed_get()
            idle = [timed_get() for _ in range(40)]
            jobs = [
                render_report_file.enqueue(
                    user_id=chairman.pk, kind="commune", pk=communes[i % len(communes)].pk,
                    year=year, fmt="pdf",
                )
                for i in range(reports)
            ]
            worker = subprocess.Popen(  # our own manage.py, fixed arguments
                [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay",
                 "--interval", "1"],
                preexec_fn=lambda: os.nice(10),  # as the unit's Nice=10
                env=server.env,
                cwd=settings.BASE_DIR,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            started, busy = time.monotonic(), []
            try:
                while worker.poll() is None and time.monotonic() - started < RENDER_LIMIT_S:
                    busy.append(timed_get())
                    time.sleep(0.05)
            finally:
                if worker.poll() is None:
                    worker.terminate()
                    worker.wait(timeout=30)
            took = time.monotonic() - started
        for job in jobs:
            job.refresh()
        done = sum(job.status == TaskResultStatus.SUCCESSFUL for job in jobs)
        if done != reports or not busy:
            raise CommandError(
                f"Worker kết xuất {done}/{reports} báo cáo trong {took:.0f} s: phép đo không "
                "hợp lệ."
            )
        return [
            Row(
                size,
                f"login page while {reports} reports render",
                Sample.of(busy, [0]),
                "login page, worker idle",
                Sample.of(idle, [0]),
                note=(
                    f"gunicorn 2w + 1 db_worker (nice 10): {reports} commune PDFs {year} in "
                    f"{took:.0f} s, {len(busy)} requests meanwhile; target ≤ 1.5×"
                ),
            )
        ]

    def _memory(self, size: str, url: str, minutes: float) -> list[Row]:
        """Resident memory of the 2 gunicorn workers under ``minutes`` of mixed load (the list,
        its next pages, searches of many words, tip details, landings), while this process writes
        a progress note every second; then one report PDF rendered by a worker."""
        import random

        from reports.models import ReportDraft
        from tips.access import tip_policy
        from tips.models import Tip

        leader_user = self._user("lanhdao")
        leader = self._session_cookie(leader_user)
        secretariat = self._session_cookie(self._user("thuongtruc"))
        rng = random.Random(21)  # noqa: S311 — load pattern, not security
        top = Tip.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
        # The details the leader may open among the newest 5,000: on a small database these are
        # the demo's, some of them another committee's (a 404 for him, issue 20.3).
        details = list(
            tip_policy.visible(leader_user, Tip.objects.filter(pk__gt=top - 5_000))
            .values_list("pk", flat=True)
        )
        words = ["xe", "mat", "trom", "tai san", "ma tuy", "son binh", "thon", "khi dot", "49"]

        def next_path():
            roll = rng.random()
            if roll < 0.3:
                return "/nguon-tin/"
            if roll < 0.55:
                return f"/nguon-tin/?q={urllib.parse.quote(rng.choice(words))}+{rng.randint(1, 40)}"
            if roll < 0.8:
                return f"/nguon-tin/{rng.choice(details)}/"
            if roll < 0.9:
                return f"/nguon-tin/?sau=2-{rng.randint(max(1, top - 50_000), top)}"
            return "/trang-chu/lanh_dao_cong_an/"

        writer = self._writer()
        draft = ReportDraft.objects.filter(is_issued=False).order_by("-pk").first()
        seconds = minutes * 60
        with gunicorn(url, "60") as server:
            load(next_path(), leader, 0, warm_only=True)
            start = server.worker_rss()
            samples, served = mixed_load(next_path, leader, seconds, writer)
            end = server.worker_rss()
            pdf_before = pdf_after = None
            if draft is not None:
                pdf_before = server.worker_rss()
                get(f"/bao-cao/du-thao/{draft.pk}/tep.pdf", secretariat, timeout=600)
                time.sleep(1)
                pdf_after = server.worker_rss()
        half = [total for at, total in samples if at >= seconds / 2]
        growth = (max(half) - min(half)) if half else 0.0
        rows = [
            Row(
                size,
                f"gunicorn 2 workers: RSS MB after {minutes:g} min mixed load",
                Sample(sum(end), max([total for _at, total in samples] + [sum(end)]), 0),
                "RSS MB at start",
                Sample(sum(start), sum(start), 0),
                note=(
                    f"sum of 2 workers; p95 column = peak; second half varies {growth:.0f} MB; "
                    f"{served} requests; a write every second"
                ),
            )
        ]
        if pdf_before is not None:
            rows.append(
                Row(
                    size,
                    "gunicorn worker RSS MB after serving one report PDF",
                    Sample(max(pdf_after), max(pdf_after), 0),
                    "same worker pool before",
                    Sample(max(pdf_before), max(pdf_before), 0),
                    note="largest worker; the download queues the render for the task worker",
                )
            )
        return rows

    @staticmethod
    def _session_cookie(user) -> str:
        client = Client()
        client.force_login(user)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )


def hand_sql(year: int):
    """The report's figures for ``year`` by three hand-written GROUPING SETS queries, by the
    report's rules (tips/queries.py docstring; the period as reports.compile.report_period)."""
    from models_registry.models import Status
    from reports.compile import report_period, same_day_previous_year
    from tips.models import GRAVE_SEVERITIES, OPEN_STATES, SETTLED_STATES, TipKind, TipState
    from tips.queries import VALUABLE_STATES

    zone = timezone.get_current_timezone()
    start, end = report_period(year)
    prev_end = same_day_previous_year(end)

    def midnight(day):
        return dt.datetime(day.year, day.month, day.day, tzinfo=zone)

    params = {
        "zone": str(zone),
        "settled": tuple(str(s) for s in SETTLED_STATES),
        "open": tuple(str(s) for s in OPEN_STATES),
        "merged": str(TipState.MERGED),
        "start": midnight(start),
        "end": midnight(end + dt.timedelta(days=1)),
        "prev_start": midnight(dt.date(year - 1, 1, 1)),
        "prev_end": midnight(prev_end + dt.timedelta(days=1)),
        "d1": start,
        "d2": end,
        "p1": dt.date(year - 1, 1, 1),
        "p2": prev_end,
        "year_end": dt.date(year, 12, 31),
        "request": str(TipKind.PROSECUTION_REQUEST),
        "valuable": tuple(str(s) for s in VALUABLE_STATES),
        "grave": tuple(str(s) for s in GRAVE_SEVERITIES),
        "stopped": str(Status.STOPPED),
    }
    with connection.cursor() as cursor:
        cursor.execute(SQL_TIPS, params)
        tips = cursor.fetchall()
        cursor.execute(SQL_CASES, params)
        cases = cursor.fetchall()
        cursor.execute(SQL_MODELS, params)
        return tips, cases, cursor.fetchall()


def data_years() -> list[int]:
    """Every year the register has tips in, up to this one."""
    from tips.models import RegisterCounter

    this_year = timezone.localdate().year
    return sorted(
        set(
            RegisterCounter.objects.filter(year__lte=this_year, last_number__gt=0).values_list(
                "year", flat=True
            )
        )
    )


def compare_figures(figures, hand) -> dict:
    """Where the report's figures and the hand SQL's differ (empty when they agree): the tips of
    the year (totals, kinds, crime groups, from the public, valuable) and the year before, the
    cases of both (by class too) and the models."""
    tips, cases, models = hand
    year = figures.year
    totals = {r[0]: r for r in tips if r[1] is None and r[2] is None and r[3] is None}
    now = totals.get(year, (year, None, None, None) + (0,) * 6)
    before = totals.get(year - 1, (year - 1, None, None, None) + (0,) * 6)
    kinds = sorted(r[4] for r in tips if r[0] == year and r[2] is not None)
    groups = sorted(r[4] for r in tips if r[0] == year and r[3] is not None)
    case = next((r for r in cases if r[0] == CASES_TOTAL), (CASES_TOTAL, None, None) + (0,) * 14)
    case = [value or 0 for value in case]
    classes = sorted(
        (r[3], r[7]) for r in cases if r[0] == CASES_BY_SEVERITY and (r[3] or r[7])
    )
    model = next((r for r in models if r[0] is None), (None, 0, 0, 0, 0, 0))
    pairs = {
        "received": (figures.tips_received.current, now[4]),
        "received_previous": (figures.tips_received.previous, before[4]),
        "settled": (figures.tips_settled, now[5]),
        "settled_on_time": (figures.tips_settled_on_time, now[6]),
        "overdue": (figures.tips_overdue, now[7]),
        "from_public": (figures.tips_from_public.current, now[8]),
        "from_public_previous": (figures.tips_from_public.previous, before[8]),
        "valuable": (figures.tips_valuable, now[9]),
        "by_kind": (sorted(c.current for c in figures.tips_by_kind if c.current), kinds),
        "by_crime_group": (
            sorted(c.current for c in figures.tips_by_crime_group if c.current),
            groups,
        ),
        "cases_opened": (figures.cases_opened.current, case[3]),
        "cases_solved": (figures.cases_solved.current, case[4]),
        "suspects": (figures.suspects.current, case[5]),
        "arrested": (figures.arrested.current, case[6]),
        "cases_opened_previous": (figures.cases_opened.previous, case[7]),
        "cases_solved_previous": (figures.cases_solved.previous, case[8]),
        "suspects_previous": (figures.suspects.previous, case[9]),
        "arrested_previous": (figures.arrested.previous, case[10]),
        "cases_opened_solved": (figures.cases_opened_solved.current, case[11]),
        "crime_deaths": (figures.crime_deaths, case[12]),
        "crime_injuries": (figures.crime_injuries, case[13]),
        "crime_damage": (figures.crime_damage, case[14]),
        "grave_opened": (figures.grave_opened, case[15]),
        "grave_opened_solved": (figures.grave_opened_solved, case[16]),
        "crimes_by_severity": (
            sorted((c.current, c.previous or 0) for c in figures.crimes_by_severity),
            classes,
        ),
        "models_total": (figures.models_total, model[1]),
        "models_new": (figures.models_new, model[2]),
        "models_places": (figures.models_places, model[3] or 0),
        "models_teams": (figures.models_teams, model[4] or 0),
        "models_members": (figures.models_members, model[5] or 0),
    }
    return {name: pair for name, pair in pairs.items() if pair[0] != pair[1]}


class gunicorn:
    """gunicorn on 127.0.0.1:8301 with 2 workers and the bench settings, for the ``with`` body."""

    def __init__(self, url: str, conn_max_age: str):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": url,
            "DB_CONN_MAX_AGE": conn_max_age,
            # The session cookie is signed in this process: the workers must check it with the
            # same key (outside production each process otherwise draws a random one).
            "SECRET_KEY": settings.SECRET_KEY,
        }

    def __enter__(self):
        _current_server[0] = self
        binary = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603 — fixed arguments, loopback only
            [str(binary), "ban138.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
            env=self.env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/bare/", timeout=2)  # nosec B310 — loopback only
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise CommandError("gunicorn không khởi động được trên 127.0.0.1:8301")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def worker_rss(self) -> list[float]:
        """Resident memory (MB) of each worker process of this server."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return [rss_mb(int(pid)) for pid in children]


class RssPeak:
    """This process's resident memory before, at its peak (sampled every 20 ms) and after the
    ``with`` body (after a garbage collection)."""

    def __enter__(self):
        import threading

        self.before = self.peak = rss_mb(os.getpid())
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb(os.getpid()))

    def __exit__(self, *exc):
        import gc

        self._stop.set()
        self._thread.join()
        gc.collect()
        self.after = rss_mb(os.getpid())


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def get(path: str, cookie: str, timeout: float = 10) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def mixed_load(next_path, cookie: str, seconds: float, write, threads: int = 4):
    """``threads`` clients requesting ``next_path()`` for ``seconds`` while this thread writes
    once a second; returns the workers' summed RSS sampled over time and the request count."""
    import threading

    server = _current_server[0]
    stop = time.monotonic() + seconds
    done = [0] * threads
    failures: list[str] = []
    lock = threading.Lock()

    def client(index):
        while time.monotonic() < stop and not failures:
            with lock:
                path = next_path()
            try:
                status = get(path, cookie)
            except OSError as error:  # a timeout or a refused connection
                failures.append(f"{path}: {error} trong lúc tải hỗn hợp")
                return
            if status != 200:
                failures.append(f"{path}: HTTP {status} trong lúc tải hỗn hợp")
                return
            done[index] += 1

    workers = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(threads)]
    for thread in workers:
        thread.start()
    began, samples, every = time.monotonic(), [], max(2.0, seconds / 30)
    next_sample = began
    while time.monotonic() < stop:
        write()
        if time.monotonic() >= next_sample:
            samples.append((time.monotonic() - began, sum(server.worker_rss())))
            next_sample += every
        time.sleep(1)
    for thread in workers:
        thread.join(timeout=30)
    if failures:  # a refused request measures nothing: the row would be a lie
        raise CommandError(failures[0])
    return samples, sum(done)


_current_server: list = [None]


def load_tool() -> str:
    return "wrk" if shutil.which("wrk") else "python loop"


def load(path: str, cookie: str, seconds: int, warm_only: bool = False) -> float:
    """Requests per second on 127.0.0.1:8301, 8 connections, bounded by ``seconds``."""
    url = f"http://127.0.0.1:{PORT}{path}"
    # Warm both workers (imports, first connection) outside the measured window, and make sure
    # the page itself is served: a redirect to the login page would be counted as a success by
    # wrk and measure nothing.
    for _ in range(20):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise CommandError(
                f"{path}: HTTP {response.status} trên gunicorn (phiên không hợp lệ?)"
            )
    if warm_only:
        return 0.0
    if shutil.which("wrk"):
        output = subprocess.run(  # noqa: S603
            ["wrk", "-t2", "-c8", f"-d{seconds}s", "-H", f"Cookie: {cookie}", url],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        ).stdout
        # wrk counts 3xx as successes; the warm-up above already refused a redirect.
        non_2xx = [line for line in output.splitlines() if "Non-2xx" in line]
        if non_2xx:
            raise CommandError(f"{path}: {non_2xx[0].strip()}")
        line = next(line for line in output.splitlines() if line.startswith("Requests/sec"))
        return float(line.split()[1])
    return python_load(url, cookie, seconds)


def python_load(url: str, cookie: str, seconds: int, threads: int = 8) -> float:
    import threading

    done = [0] * threads
    stop = time.monotonic() + seconds

    def worker(index):
        request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
        while time.monotonic() < stop:
            urllib.request.urlopen(request, timeout=10).read()  # noqa: S310  # nosec B310
            done[index] += 1

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return sum(done) / seconds


def render_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def machine_description() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    load_1, load_5, _ = os.getloadavg()
    return (
        f"Machine: {os.cpu_count()} CPUs (nproc), {memory:.0f} GiB RAM, PostgreSQL {pg}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"settings {os.environ.get('DJANGO_SETTINGS_MODULE')} (DEBUG={settings.DEBUG}); "
        f"load average at the end {load_1:.1f} / {load_5:.1f} (1 / 5 min); "
        f"run {timezone.localtime():%Y-%m-%d %H:%M}."
    )
