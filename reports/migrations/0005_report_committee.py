"""Issue 20.3: a report is its committee's; existing reports are the installation's committee's."""

import ban138.committees
import django.db.models.deletion
from django.db import migrations, models


def attach_to_the_committee(apps, schema_editor):
    """Rows of before several committees are the installation's one committee's."""
    committees = list(
        apps.get_model("ban138", "CommitteeProfile")
        .objects.order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(committees) != 1:
        return
    for name in ["reportdraft", "historicalreportdraft", "issuedreport"]:
        apps.get_model("reports", name).objects.filter(committee__isnull=True).update(
            committee_id=committees[0]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ban138", "0010_committees_attach_existing_rows"),
        ("reports", "0004_tong_ket_sections"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalreportdraft",
            name="committee",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="ban138.committeeprofile",
                verbose_name="Ban chỉ đạo",
            ),
        ),
        migrations.AddField(
            model_name="issuedreport",
            name="committee",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="ban138.committeeprofile",
                verbose_name="Ban chỉ đạo",
            ),
        ),
        migrations.AddField(
            model_name="reportdraft",
            name="committee",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="ban138.committeeprofile",
                verbose_name="Ban chỉ đạo",
            ),
        ),
        migrations.RunPython(attach_to_the_committee, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalreportdraft",
            name="committee",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                default=ban138.committees.default_committee_id,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="ban138.committeeprofile",
                verbose_name="Ban chỉ đạo",
            ),
        ),
        migrations.AlterField(
            model_name="issuedreport",
            name="committee",
            field=models.ForeignKey(
                blank=True,
                default=ban138.committees.default_committee_id,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="ban138.committeeprofile",
                verbose_name="Ban chỉ đạo",
            ),
        ),
        migrations.AlterField(
            model_name="reportdraft",
            name="committee",
            field=models.ForeignKey(
                blank=True,
                default=ban138.committees.default_committee_id,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="ban138.committeeprofile",
                verbose_name="Ban chỉ đạo",
            ),
        ),
    ]
