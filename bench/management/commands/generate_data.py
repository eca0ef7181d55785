"""Synthetic data for benchmarks: ``manage.py generate_data --tips 100000 --years 3``.

Runs ``migrate`` and ``seed_demo`` first when the database is empty, then adds N tips (COPY on
PostgreSQL, bulk_create on SQLite) with steps, informants and cases, security models with check
histories and campaigns. The rules the rows obey are listed in ``bench/datagen.py``."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ban138 import caching
from ban138.dbswitch import use_database
from bench import datagen


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu giả lập quy mô lớn (nguồn tin, vụ án, mô hình, đợt cao điểm) để đo hiệu năng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tips", type=int, required=True, help="số nguồn tin cần tạo")
        parser.add_argument("--years", type=int, default=3, help="trải đều trong N năm gần nhất")
        parser.add_argument(
            "--communes", type=int, default=0, help="bổ sung xã mẫu cho đủ K xã (quy mô tỉnh)"
        )
        parser.add_argument("--models-per-commune", type=int, default=3)
        parser.add_argument("--seed", type=int, default=138)
        parser.add_argument("--database-url", default="", help="ghi vào cơ sở dữ liệu này")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **opts):
        if opts["tips"] < 0 or opts["years"] < 1:
            raise CommandError("--tips phải ≥ 0 và --years phải ≥ 1.")
        if opts["database_url"]:
            use_database(opts["database_url"])
        started = time.perf_counter()
        if "tips_tip" not in connection.introspection.table_names():
            call_command("migrate", verbosity=0, interactive=False)
        district = datagen.district_of_profile()
        if district is None:
            call_command("seed_demo", stdout=self.stdout)
            district = datagen.district_of_profile()
        communes = datagen.ensure_communes(district, opts["communes"])
        ctx = datagen.build_context(seed=opts["seed"], communes=communes)
        if not ctx.groups or ctx.registrar is None:
            raise CommandError("Thiếu nhóm tội phạm hoặc cán bộ tiếp nhận: chạy seed_demo trước.")
        progress = None if opts["no_progress"] else datagen.Progress(opts["tips"], "nguồn tin")
        made = datagen.generate_tips(
            ctx, count=opts["tips"], years=opts["years"], progress=progress
        )
        if progress:
            progress.close()
        models = datagen.generate_models(
            ctx, per_commune=opts["models_per_commune"], years=opts["years"]
        )
        campaigns = datagen.generate_campaigns(ctx, years=opts["years"])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        # COPY and bulk_create send no post_save: drop cached figures and lists (new communes).
        caching.bump()
        caching.bump(caching.REFERENCE)
        self.stdout.write(
            f"{made['tips']:,} nguồn tin, {made['steps']:,} bước, {made['informants']:,} người "
            f"tố giác, {made['cases']:,} vụ án, {models:,} mô hình, {campaigns} đợt cao điểm, "
            f"{len(communes)} xã — {time.perf_counter() - started:.1f} s"
        )
