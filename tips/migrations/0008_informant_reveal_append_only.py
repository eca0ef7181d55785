# The reveal log is an audit record: on PostgreSQL a trigger refuses UPDATE and DELETE of its rows
# whoever connects (issue 15.7); the ORM and the admin refuse on every database.

from django.db import migrations

from ban138.models import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("tips", "0007_attachment_identifies_informant"),
    ]

    operations = [append_only_trigger("tips_informantreveal")]
