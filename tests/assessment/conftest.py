"""A unit whose own data passes every item of the self-assessment, at 2026 TW3 (10 August 2026).

Stasiun PSDKP Tarakan: the PK 2026 (signed) holds IK-13 (quarterly) and IK-16 (the assessment
itself); TW1 and TW2 are verified with their evidence, TW3 is being entered; 2025 has its PK,
four verified quarters, an LKj written in Kinerja and published on the portal afterwards.
Each test breaks one thing and reads the reason.
"""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.catalog.models import EvidenceRequirement
from kinerja.performance.models import Evidence, Realisation, Submission, SubmissionVersion
from kinerja.performance.results import results_recompute
from kinerja.performance.submissions import build_snapshot
from kinerja.planning.models import ActionStep, AgreementIndicator, FrozenDefinition
from kinerja.reports.models import LkjDraft, LkjIndicatorNote
from kinerja.transparency.models import Publication
from tests.dashboards.conftest import agreement_for, open_year

YEAR = 2026
TARGETS = {"TW1": "80", "TW2": "80", "TW3": "80", "TW4": "80"}
ENTRY = {"dokumen_dipenuhi": 8, "dokumen_wajib": 10}  # 80 against 80: 100 %


def enter(unit, indicator, year, period, inputs=ENTRY):
    return Realisation.objects.create(
        unit=unit,
        indicator=indicator,
        year=year,
        period=period,
        state="value",
        inputs=inputs,
        value=80,
        version=indicator.current_version,
    )


def add_evidence(unit, indicator, year, period):
    for requirement in EvidenceRequirement.objects.filter(indicator=indicator, required=True):
        Evidence.objects.create(
            unit=unit,
            indicator=indicator,
            year=year,
            period=period,
            requirement=requirement,
            requirement_name=requirement.name,
            kind="text",
            text="ada",
            description=requirement.name,
        )


def verify(unit, year, quarter, reviewed_at):
    submission = Submission.objects.create(
        unit=unit, year=year, quarter=quarter, status="verified", reviewed_at=reviewed_at
    )
    SubmissionVersion.objects.create(
        submission=submission,
        number=1,
        verified=True,
        snapshot=build_snapshot(unit=unit, year=year, quarter=quarter),
    )
    return submission


@pytest.fixture
def travel():
    with time_machine.travel(datetime.datetime(2026, 8, 10, 9, 0), tick=False):
        yield


@pytest.fixture
def unit_data(catalog, org, actors, travel):
    unit = org["PSDKP-TARAKAN"]
    ik13, ik16 = catalog[("PSDKP-TARAKAN", "IK-13")], catalog[("PSDKP-TARAKAN", "IK-16")]
    # 2025: the year the LKj reports on.
    open_year(2025)
    previous = agreement_for(unit, [(ik13, ik13.sasaran, 80, TARGETS)], year=2025)
    previous.status, previous.signed_on = "signed", datetime.date(2025, 1, 31)
    previous.save()
    for quarter in ("TW1", "TW2", "TW3", "TW4"):
        enter(unit, ik13, 2025, quarter)
        add_evidence(unit, ik13, 2025, quarter)
        verify(unit, 2025, quarter, timezone.make_aware(datetime.datetime(2026, 1, 20)))
    draft = LkjDraft.objects.create(unit=unit, year=2025, state="reviewed")
    LkjIndicatorNote.objects.create(draft=draft, indicator=ik13, analysis="Tercapai karena ...")
    publication = Publication.objects.create(
        unit=unit,
        kind="lkj",
        year=2025,
        title="LKj 2025",
        file=ContentFile(b"%PDF-1.4", name="lkj.pdf"),
        original_name="lkj.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
        status="published",
        uploaded_by=actors["unit_head"],
        published_at=timezone.make_aware(datetime.datetime(2026, 2, 1)),
    )
    # 2026: the year assessed.
    planning_year = open_year(YEAR)
    for indicator in (ik13, ik16):
        FrozenDefinition.objects.create(
            year=planning_year, indicator=indicator, version=indicator.current_version
        )
    agreement = agreement_for(
        unit, [(ik13, ik13.sasaran, 80, TARGETS), (ik16, ik16.sasaran, 80, {"TW3": "80"})]
    )
    agreement.status, agreement.signed_on = "signed", datetime.date(2026, 1, 31)
    agreement.save()
    row = AgreementIndicator.objects.get(agreement=agreement, indicator=ik13)
    for quarter in ("TW1", "TW2", "TW3", "TW4"):
        ActionStep.objects.create(agreement_indicator=row, quarter=quarter, description=f"Langkah {quarter}")
    for quarter in ("TW1", "TW2", "TW3"):
        enter(unit, ik13, YEAR, quarter)
        add_evidence(unit, ik13, YEAR, quarter)
    tw1 = verify(unit, YEAR, "TW1", timezone.make_aware(datetime.datetime(2026, 4, 20)))
    verify(unit, YEAR, "TW2", timezone.make_aware(datetime.datetime(2026, 7, 20)))
    for year in (2025, YEAR):
        results_recompute(unit_ids=[unit.pk], year=year, basis="working")
        results_recompute(unit_ids=[unit.pk], year=year, basis="verified")
    return {
        "unit": unit,
        "ik13": ik13,
        "ik16": ik16,
        "agreement": agreement,
        "previous": previous,
        "publication": publication,
        "draft": draft,
        "tw1": tw1,
    }
