"""A performance year for Stasiun PSDKP Tarakan: 2026 open, default windows, a PK with IK-02 and IK-09."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from kinerja.planning.models import (
    Agreement,
    AgreementBudget,
    AgreementIndicator,
    AgreementSasaran,
    PeriodWindow,
    PlanningYear,
)
from kinerja.planning.schedule import default_windows

# The worked example of indicators.md: one vessel, TW1 → 87.67.
# Inside TW1's entry window (1 January – 15 April 2026).
IN_TW1 = datetime.date(2026, 4, 10)
AFTER_TW1 = datetime.date(2026, 4, 20)


def open_year(year=2026, status="open"):
    planning_year = PlanningYear.objects.create(year=year, status=status)
    for quarter, (opens, closes, review) in default_windows(year).items():
        PeriodWindow.objects.create(
            year=planning_year, quarter=quarter, entry_opens=opens, entry_closes=closes, review_closes=review
        )
    return planning_year


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2026, 4, 10, 10, 0, tzinfo=datetime.UTC), tick=False) as t:
        yield t


@pytest.fixture
def plan(catalog, org, actors):
    unit = org["PSDKP-TARAKAN"]
    planning_year = open_year()
    agreement = Agreement.objects.create(unit=unit, year=2026)
    ik02, ik09 = catalog[("PSDKP-TARAKAN", "IK-02")], catalog[("PSDKP-TARAKAN", "IK-09")]
    row = AgreementSasaran.objects.create(agreement=agreement, sasaran=ik02.sasaran)
    AgreementIndicator.objects.create(
        agreement=agreement,
        sasaran_row=row,
        indicator=ik02,
        target=Decimal(90),
        period_targets={"TW1": "80", "TW2": "80", "TW3": "85", "TW4": "90"},
    )
    other = AgreementSasaran.objects.create(agreement=agreement, sasaran=ik09.sasaran)
    AgreementIndicator.objects.create(
        agreement=agreement,
        sasaran_row=other,
        indicator=ik09,
        target=Decimal(100),
        period_targets={"TW1": "100"},
    )
    budget = AgreementBudget.objects.create(
        agreement=agreement,
        programme_code="WA",
        programme_name="Program Pengawasan",
        ceiling=Decimal("1000000"),
    )
    return {
        "unit": unit,
        "year": planning_year,
        "agreement": agreement,
        "ik02": ik02,
        "ik09": ik09,
        "budget": budget,
    }


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""
