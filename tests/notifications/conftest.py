"""A performance year 2026, open, with the default windows and a current PK for Tarakan and Bitung.

Built directly with the ORM so these tests depend on the models only, not on planning services.
"""

import datetime

import pytest

from kinerja.performance.models import Realisation, RealisationState
from kinerja.planning.models import (
    Agreement,
    AgreementIndicator,
    AgreementSasaran,
    PeriodWindow,
    PlanningYear,
    YearStatus,
)
from kinerja.planning.schedule import default_windows

YEAR = 2026
# TW1 2026 under the default schedule: entry opens on 1 January and closes on 15 April.
OPENS = datetime.date(2026, 1, 1)
CLOSES = datetime.date(2026, 4, 15)


def add_agreement(unit, indicators):
    agreement = Agreement.objects.create(unit=unit, year=YEAR, is_current=True, status="signed")
    rows = {}
    for order, indicator in enumerate(indicators):
        if indicator.sasaran_id not in rows:
            rows[indicator.sasaran_id] = AgreementSasaran.objects.create(
                agreement=agreement, sasaran=indicator.sasaran, sort_order=len(rows)
            )
        AgreementIndicator.objects.create(
            agreement=agreement,
            sasaran_row=rows[indicator.sasaran_id],
            indicator=indicator,
            target="80",
            sort_order=order,
        )
    return agreement


def fill(unit, indicator, period, *, computable=True):
    if computable:
        return Realisation.objects.create(
            unit=unit,
            indicator=indicator,
            year=YEAR,
            period=period,
            state=RealisationState.VALUE,
            inputs={},
            value="1",
        )
    return Realisation.objects.create(
        unit=unit,
        indicator=indicator,
        year=YEAR,
        period=period,
        state=RealisationState.NOT_COMPUTABLE,
        reason="Kapal dalam perbaikan",
    )


@pytest.fixture
def cycle(org, actors, catalog):
    """Tarakan's PK: IK-02 and IK-03 (quarterly), IK-01 (semester), IK-16 (assessed at TW3).
    Bitung's PK holds IK-02 and IK-03 as well (the ORM does not mind whose indicator it is)."""
    planning_year = PlanningYear.objects.create(year=YEAR, status=YearStatus.OPEN)
    for quarter, (opens, closes, review) in default_windows(YEAR).items():
        PeriodWindow.objects.create(
            year=planning_year, quarter=quarter, entry_opens=opens, entry_closes=closes, review_closes=review
        )
    ik = {code: catalog[("PSDKP-TARAKAN", code)] for code in ("IK-01", "IK-02", "IK-03", "IK-16")}
    tarakan, bitung = org["PSDKP-TARAKAN"], org["PSDKP-BITUNG"]
    add_agreement(tarakan, [ik["IK-02"], ik["IK-03"], ik["IK-01"], ik["IK-16"]])
    add_agreement(bitung, [ik["IK-02"], ik["IK-03"]])
    return {"year": planning_year, "tarakan": tarakan, "bitung": bitung, "ik": ik}
