"""The tips app's migrations 0001–0016 in one (``replaces``): the schema they leave, made in one
step from the models as they stand, then what they did besides the schema: the crime groups
(0002), the trigram index (0003, PostgreSQL) and the reveal log's append-only trigger (0008,
PostgreSQL). Their data steps for rows already stored — the search text refilled (0007), tips
attached to the committee's receiving body and its counters rebuilt (0016) — have nothing to do on
a new installation, which is the only one that runs this migration: one that has applied the old
ones records it as applied and runs nothing (docs/DEPLOY.md, section 11). The schema is checked to
be the old chain's, column for column and index for index (tests/core/test_squashed_migrations.py).
"""

import ban138.committees
import ban138.models
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
import tips.models
from django.conf import settings
from django.db import migrations, models

from ban138.models import append_only_trigger
from tips.reference import ensure_crime_groups, remove_unused_crime_groups
from tips.search import trigram_index_operation


def seed_crime_groups(apps, schema_editor):
    ensure_crime_groups(apps)


def remove_crime_groups(apps, schema_editor):
    remove_unused_crime_groups(apps)


class Migration(migrations.Migration):
    replaces = [
        ("tips", "0001_initial"),
        ("tips", "0002_seed_crime_groups"),
        ("tips", "0003_trigram_search_index"),
        ("tips", "0004_history_of_reference_lists"),
        ("tips", "0005_open_tips_list_index"),
        ("tips", "0006_work_list_indexes"),
        ("tips", "0007_attachment_identifies_informant"),
        ("tips", "0007_intake_sender_reveal_reason_notices"),
        ("tips", "0007_search_text_words_and_places"),
        ("tips", "0007_workflow_table_grounds_duties_working_days"),
        ("tips", "0008_informant_reveal_append_only"),
        ("tips", "0009_bounded_free_text"),
        ("tips", "0010_merge_security_workflow_intake_search"),
        ("tips", "0011_tipstep_action_escalation"),
        ("tips", "0012_duty_limits_as_the_texts_say"),
        ("tips", "0013_procuracy_prosecutes_after_cancelling_no_prosecution"),
        ("tips", "0014_case_severity_and_consequences"),
        ("tips", "0015_register_unalerted_index"),
        ("tips", "0016_tips_per_receiving_body"),
    ]

    initial = True

    dependencies = [
        ("ban138", "0010_committees_attach_existing_rows"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CrimeGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="mã")),
                ("name", models.CharField(max_length=120, verbose_name="tên nhóm tội phạm")),
                ("order", models.PositiveSmallIntegerField(default=100, verbose_name="thứ tự")),
                ("is_active", models.BooleanField(default=True, verbose_name="còn dùng")),
            ],
            options={
                "verbose_name": "nhóm tội phạm",
                "verbose_name_plural": "nhóm tội phạm",
                "ordering": ["order", "name"],
            },
        ),
        migrations.CreateModel(
            name="ExtraDayOff",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(unique=True, verbose_name="ngày nghỉ")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="ghi chú")),
            ],
            options={
                "verbose_name": "ngày nghỉ bổ sung",
                "verbose_name_plural": "ngày nghỉ bổ sung",
                "ordering": ["-date"],
            },
        ),
        migrations.CreateModel(
            name="ExtraWorkingDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(unique=True, verbose_name="ngày làm việc")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="ghi chú")),
            ],
            options={
                "verbose_name": "ngày làm việc bù / bỏ ngày nghỉ",
                "verbose_name_plural": "ngày làm việc bù / bỏ ngày nghỉ",
                "ordering": ["-date"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCrimeGroup",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(max_length=40, verbose_name="mã")),
                ("name", models.CharField(max_length=120, verbose_name="tên nhóm tội phạm")),
                ("order", models.PositiveSmallIntegerField(default=100, verbose_name="thứ tự")),
                ("is_active", models.BooleanField(default=True, verbose_name="còn dùng")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical nhóm tội phạm",
                "verbose_name_plural": "historical nhóm tội phạm",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalExtraDayOff",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(db_index=True, verbose_name="ngày nghỉ")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="ghi chú")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical ngày nghỉ bổ sung",
                "verbose_name_plural": "historical ngày nghỉ bổ sung",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalExtraWorkingDay",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(db_index=True, verbose_name="ngày làm việc")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="ghi chú")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical ngày làm việc bù / bỏ ngày nghỉ",
                "verbose_name_plural": "historical ngày làm việc bù / bỏ ngày nghỉ",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="RegisterCounter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("body", models.PositiveIntegerField(default=0, verbose_name="cơ quan tiếp nhận")),
                ("year", models.PositiveIntegerField(verbose_name="năm")),
                ("last_number", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "bộ đếm sổ tiếp nhận",
                "verbose_name_plural": "bộ đếm sổ tiếp nhận",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("body", "year"), name="register_counter_per_body_year"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Tip",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1, editable=False, verbose_name="phiên bản"
                    ),
                ),
                ("year", models.PositiveIntegerField(editable=False, verbose_name="năm sổ")),
                ("number", models.PositiveIntegerField(editable=False, verbose_name="số thứ tự")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("to_giac", "Tố giác về tội phạm"),
                            ("tin_bao", "Tin báo về tội phạm"),
                            ("kien_nghi", "Kiến nghị khởi tố"),
                        ],
                        max_length=16,
                        verbose_name="loại nguồn tin",
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("truc_tiep", "Trực tiếp"),
                            ("dien_thoai", "Điện thoại"),
                            ("don_thu", "Đơn thư"),
                            ("truc_tuyen", "Thư điện tử / trực tuyến"),
                            ("chuyen_den", "Chuyển đến từ cơ quan khác"),
                        ],
                        max_length=16,
                        verbose_name="hình thức tiếp nhận",
                    ),
                ),
                ("received_at", models.DateTimeField(verbose_name="thời điểm tiếp nhận")),
                (
                    "incident_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="thời điểm xảy ra vụ việc"
                    ),
                ),
                (
                    "incident_time_approximate",
                    models.BooleanField(
                        default=False, verbose_name="thời điểm xảy ra là ước lượng"
                    ),
                ),
                (
                    "address",
                    models.CharField(blank=True, max_length=255, verbose_name="địa chỉ nơi xảy ra"),
                ),
                (
                    "summary",
                    models.TextField(
                        max_length=4000,
                        validators=[django.core.validators.MaxLengthValidator(4000)],
                        verbose_name="tóm tắt nội dung",
                    ),
                ),
                ("search_text", models.TextField(default="", editable=False)),
                (
                    "urgent",
                    models.BooleanField(
                        default=False,
                        help_text="Tội phạm rất nghiêm trọng, đặc biệt nghiêm trọng hoặc đối tượng có thể bỏ trốn.",
                        verbose_name="khẩn cấp",
                    ),
                ),
                (
                    "urgent_alerted_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="đã báo cơ quan điều tra lúc"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("tiep_nhan", "Tiếp nhận"),
                            ("da_phan_cong", "Đã phân công"),
                            ("dang_xac_minh", "Đang xác minh"),
                            ("khoi_to", "Khởi tố vụ án"),
                            ("khong_khoi_to", "Không khởi tố vụ án"),
                            ("tam_dinh_chi", "Tạm đình chỉ"),
                            ("chuyen", "Chuyển cơ quan có thẩm quyền"),
                            ("gop", "Gộp vào nguồn tin khác"),
                        ],
                        db_index=True,
                        default="tiep_nhan",
                        max_length=16,
                        verbose_name="trạng thái",
                    ),
                ),
                (
                    "clock_start",
                    models.DateField(editable=False, verbose_name="ngày bắt đầu tính thời hạn"),
                ),
                (
                    "is_complex",
                    models.BooleanField(
                        default=False, verbose_name="vụ việc phức tạp (tối đa 2 tháng)"
                    ),
                ),
                (
                    "extension_months",
                    models.PositiveSmallIntegerField(default=0, verbose_name="số tháng gia hạn"),
                ),
                (
                    "extension_number",
                    models.CharField(
                        blank=True, max_length=60, verbose_name="số quyết định gia hạn của VKS"
                    ),
                ),
                (
                    "extension_date",
                    models.DateField(blank=True, null=True, verbose_name="ngày quyết định gia hạn"),
                ),
                (
                    "due_on",
                    models.DateField(db_index=True, editable=False, verbose_name="hạn giải quyết"),
                ),
                (
                    "clock_rule",
                    models.CharField(
                        choices=[
                            ("147_1", "20 ngày kể từ ngày tiếp nhận, Điều 147 khoản 1"),
                            ("149_1", "01 tháng kể từ ngày quyết định phục hồi, Điều 149 khoản 1"),
                            (
                                "148_2",
                                "01 tháng kể từ ngày nhận quyết định hủy bỏ quyết định tạm đình chỉ, Điều 148 khoản 2",
                            ),
                            (
                                "147_1_lai",
                                "20 ngày kể từ ngày nhận quyết định hủy bỏ quyết định không khởi tố (cách tính cũ, không có trong luật: Điều 153 khoản 3 điểm a — Viện kiểm sát khởi tố vụ án)",
                            ),
                        ],
                        default="147_1",
                        editable=False,
                        max_length=16,
                        verbose_name="căn cứ thời hạn",
                    ),
                ),
                (
                    "decision_number",
                    models.CharField(blank=True, max_length=60, verbose_name="số quyết định"),
                ),
                (
                    "decision_date",
                    models.DateField(blank=True, null=True, verbose_name="ngày quyết định"),
                ),
                (
                    "decision_ground",
                    models.CharField(blank=True, max_length=16, verbose_name="căn cứ quyết định"),
                ),
                (
                    "transfer_agency",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="cơ quan tiếp nhận chuyển đến"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "sender_agency",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        verbose_name="cơ quan, tổ chức báo tin / kiến nghị",
                    ),
                ),
                (
                    "sender_document_number",
                    models.CharField(blank=True, max_length=60, verbose_name="số văn bản báo tin"),
                ),
                (
                    "sender_document_date",
                    models.DateField(blank=True, null=True, verbose_name="ngày văn bản báo tin"),
                ),
                (
                    "assigned_to",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assigned_tips",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="cán bộ thụ lý",
                    ),
                ),
                (
                    "commune",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tips",
                        to="ban138.administrativeunit",
                        verbose_name="xã / thị trấn",
                    ),
                ),
                (
                    "crime_group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tips",
                        to="tips.crimegroup",
                        verbose_name="nhóm tội phạm",
                    ),
                ),
                (
                    "merged_into",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="merged_tips",
                        to="tips.tip",
                        verbose_name="gộp vào nguồn tin",
                    ),
                ),
                (
                    "receiving_body",
                    models.ForeignKey(
                        blank=True,
                        default=ban138.committees.default_receiving_body_id,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tips",
                        to="ban138.receivingbody",
                        verbose_name="cơ quan tiếp nhận",
                    ),
                ),
                (
                    "registered_by",
                    models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="registered_tips",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người tiếp nhận",
                    ),
                ),
                (
                    "suspected_duplicate_of",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="tips.tip",
                        verbose_name="có thể trùng với",
                    ),
                ),
                (
                    "village",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="village_tips",
                        to="ban138.administrativeunit",
                        verbose_name="thôn / tổ dân phố",
                    ),
                ),
            ],
            options={
                "verbose_name": "nguồn tin về tội phạm",
                "verbose_name_plural": "nguồn tin về tội phạm",
                "ordering": ["-id"],
            },
            bases=(ban138.models.FastChoiceDisplay, models.Model),
        ),
        migrations.CreateModel(
            name="InformantReveal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("username", models.CharField(max_length=150, verbose_name="người xem")),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("xem", "Xem thông tin"),
                            ("in_bien_ban", "In biên bản tiếp nhận"),
                            ("sua", "Sửa, bổ sung thông tin"),
                        ],
                        default="xem",
                        max_length=16,
                        verbose_name="thao tác",
                    ),
                ),
                ("reason", models.CharField(blank=True, max_length=300, verbose_name="lý do")),
                ("refused", models.BooleanField(default=False, verbose_name="bị từ chối")),
                (
                    "fields",
                    models.CharField(blank=True, max_length=120, verbose_name="thông tin đã sửa"),
                ),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "tip",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="informant_reveals",
                        to="tips.tip",
                    ),
                ),
            ],
            options={
                "verbose_name": "lượt xem thông tin người tố giác",
                "verbose_name_plural": "nhật ký xem thông tin người tố giác",
                "ordering": ["-at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Informant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "anonymous",
                    models.BooleanField(
                        default=False, verbose_name="giấu tên / không rõ danh tính"
                    ),
                ),
                ("ciphertext", models.TextField(blank=True, editable=False)),
                (
                    "tip",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="informant",
                        to="tips.tip",
                    ),
                ),
            ],
            options={
                "verbose_name": "người tố giác / báo tin",
                "verbose_name_plural": "người tố giác / báo tin",
            },
        ),
        migrations.CreateModel(
            name="HistoricalTip",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1, editable=False, verbose_name="phiên bản"
                    ),
                ),
                ("year", models.PositiveIntegerField(editable=False, verbose_name="năm sổ")),
                ("number", models.PositiveIntegerField(editable=False, verbose_name="số thứ tự")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("to_giac", "Tố giác về tội phạm"),
                            ("tin_bao", "Tin báo về tội phạm"),
                            ("kien_nghi", "Kiến nghị khởi tố"),
                        ],
                        max_length=16,
                        verbose_name="loại nguồn tin",
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("truc_tiep", "Trực tiếp"),
                            ("dien_thoai", "Điện thoại"),
                            ("don_thu", "Đơn thư"),
                            ("truc_tuyen", "Thư điện tử / trực tuyến"),
                            ("chuyen_den", "Chuyển đến từ cơ quan khác"),
                        ],
                        max_length=16,
                        verbose_name="hình thức tiếp nhận",
                    ),
                ),
                ("received_at", models.DateTimeField(verbose_name="thời điểm tiếp nhận")),
                (
                    "incident_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="thời điểm xảy ra vụ việc"
                    ),
                ),
                (
                    "incident_time_approximate",
                    models.BooleanField(
                        default=False, verbose_name="thời điểm xảy ra là ước lượng"
                    ),
                ),
                (
                    "address",
                    models.CharField(blank=True, max_length=255, verbose_name="địa chỉ nơi xảy ra"),
                ),
                (
                    "summary",
                    models.TextField(
                        max_length=4000,
                        validators=[django.core.validators.MaxLengthValidator(4000)],
                        verbose_name="tóm tắt nội dung",
                    ),
                ),
                (
                    "urgent",
                    models.BooleanField(
                        default=False,
                        help_text="Tội phạm rất nghiêm trọng, đặc biệt nghiêm trọng hoặc đối tượng có thể bỏ trốn.",
                        verbose_name="khẩn cấp",
                    ),
                ),
                (
                    "urgent_alerted_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="đã báo cơ quan điều tra lúc"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("tiep_nhan", "Tiếp nhận"),
                            ("da_phan_cong", "Đã phân công"),
                            ("dang_xac_minh", "Đang xác minh"),
                            ("khoi_to", "Khởi tố vụ án"),
                            ("khong_khoi_to", "Không khởi tố vụ án"),
                            ("tam_dinh_chi", "Tạm đình chỉ"),
                            ("chuyen", "Chuyển cơ quan có thẩm quyền"),
                            ("gop", "Gộp vào nguồn tin khác"),
                        ],
                        db_index=True,
                        default="tiep_nhan",
                        max_length=16,
                        verbose_name="trạng thái",
                    ),
                ),
                (
                    "clock_start",
                    models.DateField(editable=False, verbose_name="ngày bắt đầu tính thời hạn"),
                ),
                (
                    "is_complex",
                    models.BooleanField(
                        default=False, verbose_name="vụ việc phức tạp (tối đa 2 tháng)"
                    ),
                ),
                (
                    "extension_months",
                    models.PositiveSmallIntegerField(default=0, verbose_name="số tháng gia hạn"),
                ),
                (
                    "extension_number",
                    models.CharField(
                        blank=True, max_length=60, verbose_name="số quyết định gia hạn của VKS"
                    ),
                ),
                (
                    "extension_date",
                    models.DateField(blank=True, null=True, verbose_name="ngày quyết định gia hạn"),
                ),
                (
                    "due_on",
                    models.DateField(db_index=True, editable=False, verbose_name="hạn giải quyết"),
                ),
                (
                    "clock_rule",
                    models.CharField(
                        choices=[
                            ("147_1", "20 ngày kể từ ngày tiếp nhận, Điều 147 khoản 1"),
                            ("149_1", "01 tháng kể từ ngày quyết định phục hồi, Điều 149 khoản 1"),
                            (
                                "148_2",
                                "01 tháng kể từ ngày nhận quyết định hủy bỏ quyết định tạm đình chỉ, Điều 148 khoản 2",
                            ),
                            (
                                "147_1_lai",
                                "20 ngày kể từ ngày nhận quyết định hủy bỏ quyết định không khởi tố (cách tính cũ, không có trong luật: Điều 153 khoản 3 điểm a — Viện kiểm sát khởi tố vụ án)",
                            ),
                        ],
                        default="147_1",
                        editable=False,
                        max_length=16,
                        verbose_name="căn cứ thời hạn",
                    ),
                ),
                (
                    "decision_number",
                    models.CharField(blank=True, max_length=60, verbose_name="số quyết định"),
                ),
                (
                    "decision_date",
                    models.DateField(blank=True, null=True, verbose_name="ngày quyết định"),
                ),
                (
                    "decision_ground",
                    models.CharField(blank=True, max_length=16, verbose_name="căn cứ quyết định"),
                ),
                (
                    "transfer_agency",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="cơ quan tiếp nhận chuyển đến"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "sender_agency",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        verbose_name="cơ quan, tổ chức báo tin / kiến nghị",
                    ),
                ),
                (
                    "sender_document_number",
                    models.CharField(blank=True, max_length=60, verbose_name="số văn bản báo tin"),
                ),
                (
                    "sender_document_date",
                    models.DateField(blank=True, null=True, verbose_name="ngày văn bản báo tin"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "assigned_to",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="cán bộ thụ lý",
                    ),
                ),
                (
                    "commune",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="ban138.administrativeunit",
                        verbose_name="xã / thị trấn",
                    ),
                ),
                (
                    "crime_group",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tips.crimegroup",
                        verbose_name="nhóm tội phạm",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "receiving_body",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        default=ban138.committees.default_receiving_body_id,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="ban138.receivingbody",
                        verbose_name="cơ quan tiếp nhận",
                    ),
                ),
                (
                    "registered_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người tiếp nhận",
                    ),
                ),
                (
                    "village",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="ban138.administrativeunit",
                        verbose_name="thôn / tổ dân phố",
                    ),
                ),
                (
                    "merged_into",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tips.tip",
                        verbose_name="gộp vào nguồn tin",
                    ),
                ),
                (
                    "suspected_duplicate_of",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tips.tip",
                        verbose_name="có thể trùng với",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical nguồn tin về tội phạm",
                "verbose_name_plural": "historical nguồn tin về tội phạm",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalInformant",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "anonymous",
                    models.BooleanField(
                        default=False, verbose_name="giấu tên / không rõ danh tính"
                    ),
                ),
                ("ciphertext", models.TextField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "tip",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tips.tip",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical người tố giác / báo tin",
                "verbose_name_plural": "historical người tố giác / báo tin",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCase",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1, editable=False, verbose_name="phiên bản"
                    ),
                ),
                (
                    "number",
                    models.CharField(max_length=60, verbose_name="số quyết định khởi tố vụ án"),
                ),
                ("opened_on", models.DateField(verbose_name="ngày khởi tố")),
                ("suspects", models.PositiveIntegerField(default=0, verbose_name="số đối tượng")),
                (
                    "arrested",
                    models.PositiveIntegerField(default=0, verbose_name="số đối tượng bị bắt"),
                ),
                (
                    "solved_on",
                    models.DateField(blank=True, null=True, verbose_name="ngày điều tra khám phá"),
                ),
                (
                    "severity",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("it_nghiem_trong", "Ít nghiêm trọng"),
                            ("nghiem_trong", "Nghiêm trọng"),
                            ("rat_nghiem_trong", "Rất nghiêm trọng"),
                            ("dac_biet_nghiem_trong", "Đặc biệt nghiêm trọng"),
                        ],
                        max_length=24,
                        verbose_name="loại tội phạm (Điều 9 BLHS 2015)",
                    ),
                ),
                ("deaths", models.PositiveIntegerField(default=0, verbose_name="số người chết")),
                (
                    "injuries",
                    models.PositiveIntegerField(default=0, verbose_name="số người bị thương"),
                ),
                (
                    "damage",
                    models.PositiveBigIntegerField(
                        default=0, verbose_name="thiệt hại tài sản ước tính (đồng)"
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="ghi chú",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "crime_group",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tips.crimegroup",
                        verbose_name="nhóm tội phạm",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "tip",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tips.tip",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical vụ án",
                "verbose_name_plural": "historical vụ án",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAttachment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("file", models.TextField(max_length=100)),
                ("original_name", models.CharField(max_length=255, verbose_name="tên tệp")),
                ("kind", models.CharField(max_length=8)),
                (
                    "document_kind",
                    models.CharField(
                        choices=[
                            ("bien_ban", "Biên bản tiếp nhận"),
                            ("don_thu", "Đơn thư tố giác, tin báo"),
                            ("anh", "Ảnh chụp, hình ảnh"),
                            ("khac", "Tài liệu khác"),
                        ],
                        default="khac",
                        max_length=16,
                        verbose_name="loại tài liệu",
                    ),
                ),
                (
                    "identifies_informant",
                    models.BooleanField(
                        default=True, verbose_name="có thông tin nhận biết người tố giác"
                    ),
                ),
                ("size", models.PositiveIntegerField()),
                ("uploaded_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "tip",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tips.tip",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical tệp đính kèm",
                "verbose_name_plural": "historical tệp đính kèm",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Case",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1, editable=False, verbose_name="phiên bản"
                    ),
                ),
                (
                    "number",
                    models.CharField(max_length=60, verbose_name="số quyết định khởi tố vụ án"),
                ),
                ("opened_on", models.DateField(verbose_name="ngày khởi tố")),
                ("suspects", models.PositiveIntegerField(default=0, verbose_name="số đối tượng")),
                (
                    "arrested",
                    models.PositiveIntegerField(default=0, verbose_name="số đối tượng bị bắt"),
                ),
                (
                    "solved_on",
                    models.DateField(blank=True, null=True, verbose_name="ngày điều tra khám phá"),
                ),
                (
                    "severity",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("it_nghiem_trong", "Ít nghiêm trọng"),
                            ("nghiem_trong", "Nghiêm trọng"),
                            ("rat_nghiem_trong", "Rất nghiêm trọng"),
                            ("dac_biet_nghiem_trong", "Đặc biệt nghiêm trọng"),
                        ],
                        max_length=24,
                        verbose_name="loại tội phạm (Điều 9 BLHS 2015)",
                    ),
                ),
                ("deaths", models.PositiveIntegerField(default=0, verbose_name="số người chết")),
                (
                    "injuries",
                    models.PositiveIntegerField(default=0, verbose_name="số người bị thương"),
                ),
                (
                    "damage",
                    models.PositiveBigIntegerField(
                        default=0, verbose_name="thiệt hại tài sản ước tính (đồng)"
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="ghi chú",
                    ),
                ),
                (
                    "crime_group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cases",
                        to="tips.crimegroup",
                        verbose_name="nhóm tội phạm",
                    ),
                ),
                (
                    "tip",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="case",
                        to="tips.tip",
                    ),
                ),
            ],
            options={
                "verbose_name": "vụ án",
                "verbose_name_plural": "vụ án",
                "ordering": ["-opened_on", "-id"],
            },
            bases=(ban138.models.FastChoiceDisplay, models.Model),
        ),
        migrations.CreateModel(
            name="Attachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("file", models.FileField(upload_to=tips.models.attachment_path)),
                ("original_name", models.CharField(max_length=255, verbose_name="tên tệp")),
                ("kind", models.CharField(max_length=8)),
                (
                    "document_kind",
                    models.CharField(
                        choices=[
                            ("bien_ban", "Biên bản tiếp nhận"),
                            ("don_thu", "Đơn thư tố giác, tin báo"),
                            ("anh", "Ảnh chụp, hình ảnh"),
                            ("khac", "Tài liệu khác"),
                        ],
                        default="khac",
                        max_length=16,
                        verbose_name="loại tài liệu",
                    ),
                ),
                (
                    "identifies_informant",
                    models.BooleanField(
                        default=True, verbose_name="có thông tin nhận biết người tố giác"
                    ),
                ),
                ("size", models.PositiveIntegerField()),
                ("uploaded_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "tip",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="tips.tip",
                    ),
                ),
            ],
            options={
                "verbose_name": "tệp đính kèm",
                "verbose_name_plural": "tệp đính kèm",
                "ordering": ["uploaded_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="TipNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("vks_tiep_nhan", "Thông báo Viện kiểm sát việc tiếp nhận nguồn tin"),
                            ("vks_ket_qua", "Thông báo Viện kiểm sát kết quả giải quyết"),
                            ("nguoi_bao_tin", "Thông báo kết quả cho người tố giác, báo tin"),
                            ("phieu_chuyen", "Phiếu chuyển nguồn tin về tội phạm"),
                        ],
                        max_length=16,
                        verbose_name="văn bản",
                    ),
                ),
                (
                    "printed_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="lập lúc"),
                ),
                (
                    "printed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "tip",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notices",
                        to="tips.tip",
                    ),
                ),
            ],
            options={
                "verbose_name": "văn bản thông báo",
                "verbose_name_plural": "văn bản thông báo",
                "ordering": ["printed_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="TipStep",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("tiep_nhan", "Tiếp nhận, ghi vào sổ"),
                            ("phan_cong", "Phân công cán bộ thụ lý"),
                            ("bat_dau_xac_minh", "Bắt đầu xác minh"),
                            ("ghi_tien_do", "Ghi tiến độ xác minh"),
                            ("phuc_tap", "Xác định vụ việc phức tạp (thời hạn 02 tháng)"),
                            ("gia_han", "Ghi nhận gia hạn của Viện kiểm sát"),
                            ("quyet_dinh_khoi_to", "Quyết định khởi tố vụ án hình sự"),
                            ("quyet_dinh_khong_khoi_to", "Quyết định không khởi tố vụ án hình sự"),
                            (
                                "quyet_dinh_tam_dinh_chi",
                                "Quyết định tạm đình chỉ giải quyết nguồn tin",
                            ),
                            ("quyet_dinh_chuyen", "Chuyển nguồn tin cho cơ quan có thẩm quyền"),
                            ("quyet_dinh_gop", "Gộp vào nguồn tin khác"),
                            ("phuc_hoi", "Phục hồi giải quyết nguồn tin"),
                            ("bao_co_quan_dieu_tra", "Đã báo cơ quan điều tra (khẩn cấp)"),
                            ("sua_thong_tin", "Sửa thông tin nguồn tin"),
                            ("dinh_chinh", "Đính chính thông tin nguồn tin đã có quyết định"),
                            ("dinh_chinh_tiep_nhan", "Đính chính thời điểm tiếp nhận"),
                            ("vks_huy_quyet_dinh", "Viện kiểm sát hủy bỏ quyết định"),
                            (
                                "vks_khoi_to",
                                "Viện kiểm sát hủy bỏ quyết định không khởi tố, khởi tố vụ án hình sự",
                            ),
                            ("huy_gop", "Hủy việc gộp nguồn tin"),
                            ("da_gui_thong_bao", "Đã gửi thông báo / quyết định"),
                            ("doi_han", "Hạn giải quyết thay đổi"),
                            (
                                "nhac_khan",
                                "Nhắc khẩn: quá 1 giờ chưa ghi nhận đã báo cơ quan điều tra",
                            ),
                        ],
                        max_length=40,
                        verbose_name="thao tác",
                    ),
                ),
                (
                    "from_state",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("tiep_nhan", "Tiếp nhận"),
                            ("da_phan_cong", "Đã phân công"),
                            ("dang_xac_minh", "Đang xác minh"),
                            ("khoi_to", "Khởi tố vụ án"),
                            ("khong_khoi_to", "Không khởi tố vụ án"),
                            ("tam_dinh_chi", "Tạm đình chỉ"),
                            ("chuyen", "Chuyển cơ quan có thẩm quyền"),
                            ("gop", "Gộp vào nguồn tin khác"),
                        ],
                        max_length=16,
                        verbose_name="từ trạng thái",
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        choices=[
                            ("tiep_nhan", "Tiếp nhận"),
                            ("da_phan_cong", "Đã phân công"),
                            ("dang_xac_minh", "Đang xác minh"),
                            ("khoi_to", "Khởi tố vụ án"),
                            ("khong_khoi_to", "Không khởi tố vụ án"),
                            ("tam_dinh_chi", "Tạm đình chỉ"),
                            ("chuyen", "Chuyển cơ quan có thẩm quyền"),
                            ("gop", "Gộp vào nguồn tin khác"),
                        ],
                        max_length=16,
                        verbose_name="sang trạng thái",
                    ),
                ),
                ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="lúc")),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="ghi chú",
                    ),
                ),
                (
                    "number",
                    models.CharField(
                        blank=True, max_length=60, verbose_name="số quyết định / văn bản"
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        blank=True, null=True, verbose_name="ngày quyết định / văn bản"
                    ),
                ),
                ("ground", models.CharField(blank=True, max_length=16, verbose_name="căn cứ")),
                (
                    "clock_from",
                    models.DateField(blank=True, null=True, verbose_name="thời hạn tính từ ngày"),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người thực hiện",
                    ),
                ),
                (
                    "tip",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="tips.tip",
                    ),
                ),
            ],
            options={
                "verbose_name": "bước xử lý",
                "verbose_name_plural": "các bước xử lý",
                "ordering": ["at", "id"],
            },
        ),
        migrations.CreateModel(
            name="TipDuty",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            (
                                "tb_tiep_nhan_vks",
                                "Thông báo bằng văn bản việc tiếp nhận cho Viện kiểm sát (03 ngày, Điều 146 khoản 5)",
                            ),
                            (
                                "tdc_vks",
                                "Gửi quyết định tạm đình chỉ cho Viện kiểm sát (24 giờ, Điều 148 khoản 2)",
                            ),
                            (
                                "tdc_nguoi_bao",
                                "Gửi quyết định tạm đình chỉ cho người tố giác, báo tin (24 giờ, Điều 148 khoản 2)",
                            ),
                            (
                                "ph_vks",
                                "Gửi quyết định phục hồi cho Viện kiểm sát (03 ngày, Điều 149 khoản 2)",
                            ),
                            (
                                "ph_nguoi_bao",
                                "Gửi quyết định phục hồi cho người tố giác, báo tin (03 ngày, Điều 149 khoản 2)",
                            ),
                            (
                                "kkt_vks",
                                "Gửi quyết định không khởi tố cho Viện kiểm sát (24 giờ, Điều 158 khoản 1)",
                            ),
                            (
                                "kkt_nguoi_bao",
                                "Thông báo quyết định không khởi tố, rõ lý do, cho người tố giác, báo tin (03 ngày, Điều 158 khoản 1; Điều 14 khoản 3 TTLT 01/2017)",
                            ),
                        ],
                        max_length=16,
                        verbose_name="việc phải làm",
                    ),
                ),
                ("due_on", models.DateField(verbose_name="hạn gửi")),
                ("sent_on", models.DateField(blank=True, null=True, verbose_name="ngày gửi")),
                (
                    "sent_number",
                    models.CharField(blank=True, max_length=60, verbose_name="số văn bản"),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "tip",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="duties",
                        to="tips.tip",
                    ),
                ),
                (
                    "step",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="tips.tipstep",
                    ),
                ),
            ],
            options={
                "verbose_name": "thông báo phải gửi",
                "verbose_name_plural": "thông báo phải gửi",
                "ordering": ["due_on", "id"],
            },
        ),
        migrations.AddIndex(
            model_name="tip",
            index=models.Index(fields=["received_at"], name="tip_received_at_idx"),
        ),
        migrations.AddIndex(
            model_name="tip",
            index=models.Index(
                condition=models.Q(("state__in", ("tiep_nhan", "da_phan_cong", "dang_xac_minh"))),
                fields=["id", "due_on"],
                name="tip_open_id_due_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="tip",
            index=models.Index(
                condition=models.Q(("state__in", ("tiep_nhan", "da_phan_cong", "dang_xac_minh"))),
                fields=["due_on", "id"],
                name="tip_open_due_id_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="tip",
            index=models.Index(
                condition=models.Q(("state__in", ("tiep_nhan", "da_phan_cong", "dang_xac_minh"))),
                fields=["state", "due_on", "id"],
                name="tip_open_state_due_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="tip",
            index=models.Index(
                condition=models.Q(
                    ("state__in", ("tiep_nhan", "da_phan_cong", "dang_xac_minh")),
                    ("urgent", True),
                    ("urgent_alerted_at__isnull", True),
                ),
                fields=["due_on", "id"],
                name="tip_unalerted_due_id_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="tip",
            constraint=models.UniqueConstraint(
                fields=("receiving_body", "year", "number"), name="tip_number_unique_per_body_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="tip",
            constraint=models.UniqueConstraint(
                condition=models.Q(("receiving_body__isnull", True)),
                fields=("year", "number"),
                name="tip_number_unique_per_year_without_body",
            ),
        ),
        migrations.AddConstraint(
            model_name="tip",
            constraint=models.CheckConstraint(
                condition=models.Q(("extension_months__lte", 2)),
                name="tip_extension_at_most_two_months",
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(("arrested__lte", models.F("suspects"))),
                name="case_arrested_le_suspects",
            ),
        ),
        migrations.AddIndex(
            model_name="tipduty",
            index=models.Index(
                condition=models.Q(("sent_on__isnull", True)),
                fields=["due_on", "id"],
                name="tipduty_open_due_idx",
            ),
        ),
        migrations.RunPython(seed_crime_groups, remove_crime_groups),
        trigram_index_operation(),
        append_only_trigger("tips_informantreveal"),
    ]
