"""The Excel round trip: the template is read access to the unit, the upload is change access."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.matrix.common import unit_a_change, unit_a_view

QUARTER_A = {"code": "PSDKP-TARAKAN", "year": 2026, "quarter": "TW1"}

ROUTES = {
    "performance:excel_template": (QUARTER_A, {"GET": unit_a_view()}),
    "performance:excel_upload": (QUARTER_A, {"GET": unit_a_change(), "POST": unit_a_change()}),
}


def _template():
    from kinerja.accounts.models import User
    from kinerja.organization.models import OrgUnit
    from kinerja.performance.excel import template_build

    data = template_build(
        unit=OrgUnit.objects.get(code="PSDKP-TARAKAN"),
        year=2026,
        quarter="TW1",
        user=User.objects.get(username="admin"),
    )
    return {"file": SimpleUploadedFile("realisasi.xlsx", data)}


POST_DATA = {"performance:excel_upload": _template}


def prepare(actors):
    """Unit A's 2026 PK with one indicator, so the template has a row to read back."""
    from kinerja.catalog.models import Indicator
    from kinerja.planning.models import Agreement, AgreementIndicator, AgreementSasaran

    indicator = Indicator.objects.get(unit__code="PSDKP-TARAKAN", code="IK-09")
    agreement, _created = Agreement.objects.get_or_create(unit=indicator.unit, year=2026)
    row, _created = AgreementSasaran.objects.get_or_create(agreement=agreement, sasaran=indicator.sasaran)
    AgreementIndicator.objects.get_or_create(
        agreement=agreement,
        indicator=indicator,
        defaults={"sasaran_row": row, "target": Decimal(100), "period_targets": {"TW1": "100"}},
    )
