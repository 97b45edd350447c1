"""A known data set: unit A's 2026 agreement with three indicators, entered and partly verified."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from kinerja.catalog.models import EvidenceRequirement, Sasaran
from kinerja.performance.models import Evidence, Realisation, Submission, SubmissionVersion
from kinerja.performance.results import results_recompute
from kinerja.planning.models import (
    Agreement,
    AgreementIndicator,
    AgreementSasaran,
    PeriodWindow,
    PlanningYear,
)
from kinerja.planning.schedule import default_windows
from tests.formula.helpers import WORKED_VESSEL as VESSEL  # the worked example of indicators.md

YEAR = 2026
TODAY = datetime.date(2026, 5, 10)  # TW1's entry has closed (15 April), TW2's closes on 15 July


def open_year(year=YEAR):
    planning_year = PlanningYear.objects.create(year=year, status="open")
    for quarter, (opens, closes, review) in default_windows(year).items():
        PeriodWindow.objects.create(
            year=planning_year, quarter=quarter, entry_opens=opens, entry_closes=closes, review_closes=review
        )
    return planning_year


def agreement_for(unit, indicators, year=YEAR):
    """A current PK: each (indicator, sasaran row key, annual target, period targets)."""
    agreement = Agreement.objects.create(unit=unit, year=year, is_current=True)
    rows = {}
    for order, (indicator, sasaran, annual, targets) in enumerate(indicators):
        if sasaran.pk not in rows:
            rows[sasaran.pk] = AgreementSasaran.objects.create(
                agreement=agreement, sasaran=sasaran, sort_order=len(rows)
            )
        AgreementIndicator.objects.create(
            agreement=agreement,
            sasaran_row=rows[sasaran.pk],
            indicator=indicator,
            target=Decimal(annual),
            period_targets=targets,
            sort_order=order,
        )
    return agreement


def enter(unit, indicator, period, inputs, year=YEAR):
    return Realisation.objects.create(
        unit=unit, indicator=indicator, year=year, period=period, state="value", inputs=inputs, value=0
    )


@pytest.fixture
def travel():
    with time_machine.travel(datetime.datetime(2026, 5, 10, 9, 0), tick=False):
        yield


@pytest.fixture
def dataset(catalog, org, travel):
    open_year()
    unit = org["PSDKP-TARAKAN"]
    ik02, ik09, ik13 = (catalog[("PSDKP-TARAKAN", code)] for code in ("IK-02", "IK-09", "IK-13"))
    other = Sasaran.objects.create(unit=unit, code="SK-X", name="Sasaran uji", kind="kegiatan")
    agreement_for(
        unit,
        [
            (ik02, ik02.sasaran, 90, {"TW1": "80", "TW2": "80", "TW3": "85", "TW4": "90"}),
            (ik13, ik02.sasaran, 90, {"TW1": "80", "TW2": "80", "TW3": "90", "TW4": "90"}),
            (ik09, other, 100, {"TW1": "100", "TW2": "100", "TW3": "100"}),
        ],
    )
    enter(unit, ik02, "TW1", {"kapal": [VESSEL]})  # 87.67 against 80: 109.58, green
    enter(unit, ik09, "TW1", {"sanksi_ditetapkan": 9, "kasus_ditangani": 10})  # 90 against 100: yellow
    enter(unit, ik13, "TW1", {"dokumen_dipenuhi": 5, "dokumen_wajib": 10})  # 50 against 80: red
    enter(unit, ik13, "TW2", {"dokumen_dipenuhi": 10, "dokumen_wajib": 10})  # reported 75: 93.75
    first = (
        EvidenceRequirement.objects.filter(indicator=ik02, required=True).order_by("sort_order", "pk").first()
    )
    Evidence.objects.create(
        unit=unit,
        indicator=ik02,
        year=YEAR,
        period="TW1",
        requirement=first,
        requirement_name=first.name if first else "",
        kind="text",
        text="Laporan operasi",
        description="Laporan operasi kapal",
    )
    submission = Submission.objects.create(unit=unit, year=YEAR, quarter="TW1", status="verified")
    snapshot = [
        {"indicator": ik02.pk, "period": "TW1", "state": "value", "inputs": {"kapal": [VESSEL]}},
        {
            "indicator": ik09.pk,
            "period": "TW1",
            "state": "value",
            "inputs": {"sanksi_ditetapkan": 5, "kasus_ditangani": 10},
        },
    ]
    SubmissionVersion.objects.create(
        submission=submission, number=1, verified=True, snapshot={"realisations": snapshot}
    )
    results_recompute(unit_ids=[unit.pk], year=YEAR, basis="working")
    results_recompute(unit_ids=[unit.pk], year=YEAR, basis="verified")
    return {
        "unit": unit,
        "ik02": ik02,
        "ik09": ik09,
        "ik13": ik13,
        "other": other,
        "first_requirement": first,
    }
