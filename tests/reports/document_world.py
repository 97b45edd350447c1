"""A small unit-year for the LKj and quarterly documents: Tarakan 2026 with three indicators (the
dashboards' known data set), TW1 verified, a verified 2025 to compare with, a Renstra, a budget with
spending frozen in the verified snapshot, and an LKj draft with some text written."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from kinerja.performance.models import Submission, SubmissionVersion
from kinerja.performance.results import results_recompute
from kinerja.planning.models import AgreementBudget, Renstra, RenstraIndicator
from kinerja.reports.models import LkjDraft, LkjIndicatorNote, LkjSection, Section
from tests.dashboards.conftest import agreement_for, open_year
from tests.formula.helpers import WORKED_VESSEL as VESSEL

YEAR = 2026
SCRIPT = "<script>alert('x')</script> Kinerja baik"


def verify(unit, year, quarter, realisations, budget=()):
    submission = Submission.objects.create(unit=unit, year=year, quarter=quarter, status="verified")
    SubmissionVersion.objects.create(
        submission=submission,
        number=1,
        verified=True,
        snapshot={"realisations": realisations, "evidence": [], "budget": list(budget)},
    )


@pytest.fixture(name="world")
def world_fixture(catalog, org):
    with time_machine.travel(datetime.datetime(2026, 5, 10, 9, 0), tick=False):
        unit = org["PSDKP-TARAKAN"]
        ik02, ik09, ik13 = (catalog[("PSDKP-TARAKAN", code)] for code in ("IK-02", "IK-09", "IK-13"))
        open_year(2025)
        open_year(YEAR)
        targets = {"TW1": "80", "TW2": "80", "TW3": "85", "TW4": "90"}
        agreement_for(unit, [(ik02, ik02.sasaran, 90, targets)], year=2025)
        agreement = agreement_for(
            unit,
            [
                (ik02, ik02.sasaran, 90, targets),
                (ik13, ik02.sasaran, 90, {"TW1": "80", "TW2": "80", "TW3": "90", "TW4": "90"}),
                (ik09, ik09.sasaran, 100, {"TW1": "100", "TW2": "100", "TW3": "100"}),
            ],
        )
        budget = AgreementBudget.objects.create(
            agreement=agreement,
            programme_code="DL",
            programme_name="Pengawasan SDKP",
            ceiling=Decimal(4000000),
        )
        renstra = Renstra.objects.create(
            unit=unit, title="Renstra uji", start_year=2025, end_year=2029, regulation="Permen KP uji"
        )
        RenstraIndicator.objects.create(
            renstra=renstra,
            indicator=ik02,
            baseline=Decimal("75.5"),
            baseline_year=2024,
            yearly_targets={"2025": "80", "2026": "85", "2029": "95"},
        )
        vessel = {"kapal": [VESSEL]}
        verify(
            unit, 2025, "TW1", [{"indicator": ik02.pk, "period": "TW1", "state": "value", "inputs": vessel}]
        )
        verify(
            unit,
            YEAR,
            "TW1",
            [
                {
                    "indicator": ik02.pk,
                    "period": "TW1",
                    "state": "value",
                    "inputs": vessel,
                    "progress": "Patroli berjalan",
                    "obstacles": "Cuaca buruk",
                    "follow_up": "Jadwal ulang",
                },
                {
                    "indicator": ik09.pk,
                    "period": "TW1",
                    "state": "value",
                    "inputs": {"sanksi_ditetapkan": 5, "kasus_ditangani": 10},
                    "obstacles": "Kasus menumpuk",
                    "follow_up": "Tambah penyidik",
                },
                {
                    "indicator": ik13.pk,
                    "period": "TW1",
                    "state": "value",
                    "inputs": {"dokumen_dipenuhi": 5, "dokumen_wajib": 10},
                },
            ],
            budget=[{"programme_code": "DL", "ceiling": "4000000.00", "spent": "1234567.50"}],
        )
        for year in (2025, YEAR):
            results_recompute(unit_ids=[unit.pk], year=year, basis="verified")
        draft = LkjDraft.objects.create(unit=unit, year=YEAR)
        LkjSection.objects.create(draft=draft, section=Section.EXECUTIVE_SUMMARY, text=SCRIPT)
        LkjIndicatorNote.objects.create(
            draft=draft,
            indicator=ik02,
            analysis="Armada siap",
            solutions="Tambah BBM",
            efficiency="",
            programmes="",
        )
        return {"unit": unit, "ik02": ik02, "ik09": ik09, "ik13": ik13, "budget": budget}
