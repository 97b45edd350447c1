"""Ship the LKE of PermenPANRB 88/2021, in force from the 2021 evaluations."""

from django.db import migrations


def ship(apps, schema_editor):
    from kinerja.evaluation.worksheet import MODEL_NAMES, shipped_data, worksheet_write

    data = shipped_data()
    Worksheet = apps.get_model("evaluation", "Worksheet")
    if not Worksheet.objects.filter(code=data["code"]).exists():
        worksheet_write(data, models={n: apps.get_model("evaluation", n) for n in MODEL_NAMES}, status="active")


def unship(apps, schema_editor):
    apps.get_model("evaluation", "Worksheet").objects.filter(code="permenpanrb-88-2021").delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
