"""Issue 20.3: an installation of one committee keeps working as it did — its committee gets
its standing receiving body ("Công an huyện Khánh Sơn"), and every existing user becomes a
member of it, so adding a second committee later takes nothing away from them."""

from django.conf import settings
from django.db import migrations

from ban138.models import UnitKind


def attach(apps, schema_editor):
    CommitteeProfile = apps.get_model("ban138", "CommitteeProfile")
    ReceivingBody = apps.get_model("ban138", "ReceivingBody")
    CommitteeMembership = apps.get_model("ban138", "CommitteeMembership")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    labels = dict(UnitKind.choices)
    committees = list(CommitteeProfile.objects.select_related("district").order_by("pk"))
    for committee in committees:
        if not ReceivingBody.objects.filter(committee=committee).exists():
            unit = committee.district
            kind = str(labels.get(unit.kind, unit.kind)).lower()
            ReceivingBody.objects.create(
                committee=committee, name=f"Công an {kind} {unit.name}", is_standing=True
            )
    if len(committees) == 1:
        CommitteeMembership.objects.bulk_create(
            [
                CommitteeMembership(user=user, committee=committees[0])
                for user in User.objects.filter(committee_membership__isnull=True)
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ban138", "0009_several_committees"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(attach, migrations.RunPython.noop)]
