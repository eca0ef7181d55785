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
from django.utils import timezone

from ban138 import caching
from ban138.dbswitch import use_database

SQL_TIPS = """
SELECT EXTRACT(YEAR FROM received_at AT TIME ZONE %(zone)s)::int AS y, commune_id, kind,
       crime_group_id, COUNT(*),
       COUNT(*) FILTER (WHERE state IN %(settled)s),
       COUNT(*) FILTER (WHERE state IN %(settled)s AND decision_date <= due_on),
       COUNT(*) FILTER (WHERE state IN %(open)s AND due_on < %(today)s)
FROM tips_tip
WHERE received_at >= %(start)s AND received_at < %(end)s AND state <> 'gop'
GROUP BY GROUPING SETS ((1), (1, commune_id), (1, kind), (1, crime_group_id))
"""
SQL_CASES = """
SELECT t.commune_id,
       COUNT(*) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s),
       COUNT(*) FILTER (WHERE c.solved_on BETWEEN %(d1)s AND %(d2)s),
       SUM(c.suspects) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s),
       SUM(c.arrested) FILTER (WHERE c.opened_on BETWEEN %(d1)s AND %(d2)s),
       COUNT(*) FILTER (WHERE c.opened_on BETWEEN %(p1)s AND %(p2)s),
       COUNT(*) FILTER (WHERE c.solved_on BETWEEN %(p1)s AND %(p2)s)
FROM tips_case c JOIN tips_tip t ON t.id = c.tip_id
WHERE c.opened_on BETWEEN %(p1)s AND %(d2)s OR c.solved_on BETWEEN %(p1)s AND %(d2)s
GROUP BY GROUPING SETS ((), (t.commune_id))
"""
SQL_MODELS = """
SELECT commune_id, current_status, COUNT(*),
       COUNT(*) FILTER (WHERE established_on BETWEEN %(d1)s AND %(d2)s),
       SUM(places), SUM(teams), SUM(members)
FROM models_registry_securitymodel
GROUP BY GROUPING SETS ((), (current_status), (commune_id, current_status))
"""

ROLES = {
    "truong_ban": "truongban",
    "lanh_dao_cong_an": "lanhdao",
    "thuong_truc": "thuongtruc",
    "tiep_nhan": "tiepnhan",
    "can_bo_xa": "canbo_sonbinh",
}
PORT = 8301


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

    @classmethod
    def of(cls, times: list[float], queries: list[int]) -> "Sample":
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return cls(statistics.median(ordered), p95, max(queries))


@dataclass
class Row:
    size: str
    check: str
    ours: Sample | None
    baseline_name: str = ""
    baseline: Sample | None = None
    note: str = ""

    def cells(self) -> list[str]:
        def fmt(sample, attr):
            return "" if sample is None else f"{getattr(sample, attr):.1f}"

        ratio = ""
        if self.ours and self.baseline and self.baseline.p50:
            ratio = f"{self.ours.p50 / self.baseline.p50:.2f}×"
        return [
            self.size,
            self.check,
            fmt(self.ours, "p50"),
            fmt(self.ours, "p95"),
            "" if self.ours is None else str(self.ours.queries),
            self.baseline_name,
            fmt(self.baseline, "p50"),
            fmt(self.baseline, "p95"),
            "" if self.baseline is None else str(self.baseline.queries),
            ratio,
            self.note,
        ]


HEADER = [
    "size",
    "check",
    "p50 ms",
    "p95 ms",
    "queries",
    "baseline",
    "base p50",
    "base p95",
    "base q",
    "ratio p50",
    "note",
]


def measure(action, runs: int, warmup: int = 2, before_each=None) -> Sample:
    for _ in range(warmup):
        action()
    times, counts = [], []
    for _ in range(runs):
        if before_each:
            before_each()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            times.append((time.perf_counter() - started) * 1000)
        counts.append(len(captured.captured_queries))
    return Sample.of(times, counts)


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
        parser.add_argument("--load-seconds", type=int, default=10)
        parser.add_argument("--no-load", action="store_true", help="bỏ phần đo thông lượng")
        parser.add_argument("--output", default="", help="ghi bảng vào tệp Markdown này")

    def handle(self, *args, **opts):
        if not opts["pg_url"].startswith("postgres"):
            raise CommandError("make bench chạy trên PostgreSQL (--pg-url postgres://…).")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        rows: list[Row] = []
        for size in [parse_size(s) for s in opts["sizes"].split(",") if s.strip()]:
            url = self._database(opts["pg_url"], size, opts)
            use_database(url)
            self.stderr.write(f"== {label_of(size)}: đo trên {url.rsplit('/', 1)[-1]}")
            rows += self._bench_size(label_of(size), opts["runs"])
            if not opts["no_load"]:
                rows += self._throughput(label_of(size), url, opts["load_seconds"])
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
            communes = 8 if size < 50_000 else max(8, size // 2_500)
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
        leader, chairman = clients["lanh_dao_cong_an"], clients["truong_ban"]
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
        rows.append(
            Row(
                size,
                "tip list, page 1",
                self._get(leader, "/nguon-tin/", runs),
                "admin changelist",
                changelist,
            )
        )
        rows.append(
            Row(
                size,
                "tip list, page 1, first after a write",
                self._get(leader, "/nguon-tin/", runs, after_write=True),
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
                self._get(leader, filtered, runs, after_write=True),
            )
        )
        # Search is judged on the first request after a write: that one runs the trigram query.
        for label, word in (("rare word", "khi dot"), ("common word", "tai san")):
            path = f"/nguon-tin/?q={word}"
            rows.append(
                Row(
                    size,
                    f"tip search, {label}, first after a write",
                    self._get(leader, path, runs, after_write=True),
                    "same, repeated",
                    self._get(leader, path, runs),
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
        year = timezone.localdate().year - 1
        compile_sample = measure(lambda: compile_report(year=year, unit=district), runs)
        hand = measure(lambda: hand_sql(year), runs)
        rows = [
            Row(size, f"report compile {year}", compile_sample, "hand SQL (GROUPING SETS)", hand)
        ]
        figures = compile_report(year=year, unit=district)
        context = report_document_context(figures=figures, draft=DraftText(number="1"))
        pdf_runs = max(3, runs // 3)
        ours = measure(lambda: render_report_pdf(context), pdf_runs, warmup=1)
        html = render_document_html(context, for_print=True)

        def bare():
            from weasyprint import HTML

            return HTML(string=html, base_url=stylesheet_file_url()).write_pdf()

        rows.append(
            Row(size, "report PDF render", ours, "bare WeasyPrint", measure(bare, pdf_runs, 1))
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
        ReportDraft.objects.filter(pk=draft.pk).update(
            number="99", document_date=dt.date(year + 1, 1, 15)
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

    def _get(self, client, path: str, runs: int, after_write: bool = False) -> Sample:
        """Requests to ``path``; with ``after_write`` each one follows a new cache generation,
        as the first request after any write does (ban138/caching.py)."""
        response = client.get(path)
        if response.status_code != 200:
            raise CommandError(f"{path}: HTTP {response.status_code}")
        if path.startswith("/nguon-tin/?") and "Không có nguồn tin nào" in response.text:
            raise CommandError(f"{path}: không có dòng nào — phép đo sẽ không đo gì")
        if after_write:
            return measure(lambda: client.get(path), runs, before_each=caching.bump)
        return measure(lambda: client.get(path), runs)

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

    @staticmethod
    def _session_cookie(user) -> str:
        client = Client()
        client.force_login(user)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )


def hand_sql(year: int):
    from tips.models import OPEN_STATES, SETTLED_STATES

    zone = timezone.get_current_timezone()
    params = {
        "zone": str(zone),
        "settled": tuple(SETTLED_STATES),
        "open": tuple(OPEN_STATES),
        "today": timezone.localdate(),
        "start": dt.datetime(year - 1, 1, 1, tzinfo=zone),
        "end": dt.datetime(year + 1, 1, 1, tzinfo=zone),
        "d1": dt.date(year, 1, 1),
        "d2": dt.date(year, 12, 31),
        "p1": dt.date(year - 1, 1, 1),
        "p2": dt.date(year - 1, 12, 31),
    }
    with connection.cursor() as cursor:
        cursor.execute(SQL_TIPS, params)
        tips = cursor.fetchall()
        cursor.execute(SQL_CASES, params)
        cases = cursor.fetchall()
        cursor.execute(SQL_MODELS, params)
        return tips, cases, cursor.fetchall()


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


def load_tool() -> str:
    return "wrk" if shutil.which("wrk") else "python loop"


def load(path: str, cookie: str, seconds: int) -> float:
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
    return (
        f"Machine: {os.cpu_count()} CPUs (nproc), {memory:.0f} GiB RAM, PostgreSQL {pg}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"run {timezone.localtime():%Y-%m-%d %H:%M}."
    )
