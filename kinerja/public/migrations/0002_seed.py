"""The standard's public texts: the bureau's profile and the English texts of the three services."""

from django.db import migrations

from kinerja.public.texts import PROFILE, SERVICES


def seed(apps, schema_editor):
    PublicProfile = apps.get_model("public", "PublicProfile")
    ServiceStandard = apps.get_model("workflows", "ServiceStandard")
    ServiceText = apps.get_model("public", "ServiceText")
    PublicProfile.objects.get_or_create(pk=1, defaults=PROFILE)
    for standard in ServiceStandard.objects.filter(code__in=SERVICES):
        ServiceText.objects.get_or_create(standard=standard, defaults=SERVICES[standard.code])


class Migration(migrations.Migration):
    dependencies = [("public", "0001_initial"), ("workflows", "0002_standards")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
