"""Tarakan's 2025 for the LKj workspace and the report documents: a signed PK with two indicators,
an entry in TW1, and helpers that write the draft through the services as the unit would."""

import datetime
from decimal import Decimal

from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Realisation
from kinerja.planning.models import Agreement, AgreementIndicator, AgreementSasaran
from kinerja.reports import services
from kinerja.reports.models import Section

YEAR = 2025
CODES = ("IK-02", "IK-03")


def tarakan():
    return OrgUnit.objects.get(code="PSDKP-TARAKAN")


def indicator(code="IK-02"):
    return Indicator.objects.get(unit__code="PSDKP-TARAKAN", code=code)


def build_agreement(unit=None, year=YEAR, status="signed", codes=CODES):
    unit = unit or tarakan()
    agreement = Agreement.objects.create(
        unit=unit,
        year=year,
        status=status,
        first_party_name="Kepala Stasiun Uji",
        first_party_title="Kepala Stasiun",
        second_party_name="Direktur Jenderal Uji",
        second_party_title="Direktur Jenderal PSDKP",
        place="Tarakan",
        signed_on=datetime.date(year, 1, 31) if status == "signed" else None,
    )
    for order, code in enumerate(codes):
        found = Indicator.objects.get(unit=unit, code=code)
        row, _created = AgreementSasaran.objects.get_or_create(agreement=agreement, sasaran=found.sasaran)
        AgreementIndicator.objects.create(
            agreement=agreement, sasaran_row=row, indicator=found, target=Decimal(85), sort_order=order
        )
    return agreement


def enter_tw1(unit=None, year=YEAR):
    """Something entered in TW1, so the quarter has a report."""
    return Realisation.objects.create(
        unit=unit or tarakan(),
        indicator=indicator(),
        year=year,
        period="TW1",
        state="value",
        inputs={},
        value=Decimal(80),
    )


def draft_for(actor, unit=None, year=YEAR):
    return services.lkj_draft_get_or_create(actor=actor, unit=unit or tarakan(), year=year)


def write_all(actor, draft):
    for section in Section.values:
        services.lkj_section_save(
            actor=actor, draft=draft, section=section, text=f"Teks {section}", expected_version=0
        )
    draft.refresh_from_db()
    return draft


def submitted(actors, unit=None, year=YEAR):
    draft = write_all(actors["operator_a"], draft_for(actors["operator_a"], unit, year))
    return services.lkj_draft_submit(
        actor=actors["operator_a"], draft=draft, expected_version=draft.row_version
    )
