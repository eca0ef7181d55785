"""search_text becomes the space-padded folded words of summary, address, commune, village and
decision number (tips/search.py), so a tip of Sơn Bình is found by "son binh" and a two-letter
word is matched whole through the trigram index. Recomputed here for the tips already stored."""

from django.db import migrations

BATCH = 2_000


def refill(apps, schema_editor):
    from tips.search import search_text

    Tip = apps.get_model("tips", "Tip")
    Unit = apps.get_model("ban138", "AdministrativeUnit")
    names = dict(Unit.objects.values_list("pk", "name"))
    last = 0
    while True:
        rows = list(
            Tip.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "summary", "address", "commune_id", "village_id", "decision_number")[
                :BATCH
            ]
        )
        if not rows:
            return
        tips = [
            Tip(
                pk=pk,
                search_text=search_text(
                    summary, address, names.get(commune, ""), names.get(village, ""), decision
                ),
            )
            for pk, summary, address, commune, village, decision in rows
        ]
        Tip.objects.bulk_update(tips, ["search_text"])
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("tips", "0006_work_list_indexes"), ("ban138", "0001_initial")]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
