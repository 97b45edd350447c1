"""The standard's hours: Monday–Thursday 07:30–16:00, Friday 07:30–16:30 (WIB)."""

import datetime

from django.db import migrations

HOURS = [(day, datetime.time(7, 30), datetime.time(16, 0)) for day in range(4)] + [
    (4, datetime.time(7, 30), datetime.time(16, 30))
]


def seed(apps, schema_editor):
    ServiceHours = apps.get_model("service_calendar", "ServiceHours")
    for weekday, opens, closes in HOURS:
        ServiceHours.objects.get_or_create(weekday=weekday, defaults={"opens": opens, "closes": closes})


class Migration(migrations.Migration):
    dependencies = [("service_calendar", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
