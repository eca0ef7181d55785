"""Issue 20.3: a tip is entered in its receiving body's register; numbers run per body and year.

Existing tips are attached to the standing receiving body of the installation's committee (the
one committee an installation held before), and each body's counters are rebuilt from its tips,
so the next number follows the last one used."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Max

import ban138.committees


def attach_to_the_committee_body(apps, schema_editor):
    Tip = apps.get_model("tips", "Tip")
    HistoricalTip = apps.get_model("tips", "HistoricalTip")
    ReceivingBody = apps.get_model("ban138", "ReceivingBody")
    RegisterCounter = apps.get_model("tips", "RegisterCounter")
    bodies = list(ReceivingBody.objects.filter(is_standing=True).order_by("committee_id"))
    body = bodies[0] if len(bodies) == 1 else None
    if body is not None:
        Tip.objects.filter(receiving_body__isnull=True).update(receiving_body=body)
        HistoricalTip.objects.filter(receiving_body__isnull=True).update(receiving_body=body)
    rows = Tip.objects.values("receiving_body_id", "year").annotate(last=Max("number"))
    RegisterCounter.objects.bulk_create(
        [
            RegisterCounter(
                body=row["receiving_body_id"] or 0, year=row["year"], last_number=row["last"]
            )
            for row in rows
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ban138", "0010_committees_attach_existing_rows"),
        ("tips", "0015_register_unalerted_index"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="tip", name="tip_number_unique_per_year"),
        migrations.AddField(
            model_name="historicaltip",
            name="receiving_body",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="ban138.receivingbody",
                verbose_name="cơ quan tiếp nhận",
            ),
        ),
        migrations.AddField(
            model_name="tip",
            name="receiving_body",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="tips",
                to="ban138.receivingbody",
                verbose_name="cơ quan tiếp nhận",
            ),
        ),
        migrations.DeleteModel(name="RegisterCounter"),
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
        migrations.RunPython(attach_to_the_committee_body, migrations.RunPython.noop),
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
        migrations.AlterField(
            model_name="historicaltip",
            name="receiving_body",
            field=models.ForeignKey(
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
        migrations.AlterField(
            model_name="tip",
            name="receiving_body",
            field=models.ForeignKey(
                blank=True,
                default=ban138.committees.default_receiving_body_id,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="tips",
                to="ban138.receivingbody",
                verbose_name="cơ quan tiếp nhận",
            ),
        ),
    ]
