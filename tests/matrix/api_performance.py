"""Performance API in the permission matrix: realisations, evidence, results, submissions, spending.

`prepare()` opens 2026 with entry windows from 2000 to 2099 (so the matrix does not depend on the
day it runs) and a PK of PSDKP-TARAKAN with IK-09: TW1 complete but not submitted, TW2 submitted,
TW3 verified.
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.catalog.models import EvidenceRequirement, Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import (
    BudgetSpending,
    Evidence,
    Realisation,
    Result,
    SasaranScore,
    Submission,
    UnitScore,
)
from kinerja.planning.models import (
    Agreement,
    AgreementBudget,
    AgreementIndicator,
    AgreementSasaran,
    PeriodWindow,
    PlanningYear,
    YearStatus,
)
from kinerja.planning.schedule import default_windows

from .common import api, everyone, unit_a_change, unit_a_view

YEAR = 2026
UNIT = "PSDKP-TARAKAN"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
INPUTS = {"sanksi_ditetapkan": 3, "kasus_ditangani": 4}


def open_year(year=YEAR):
    """An open year whose windows span 2000–2099: entry is open whatever today is."""
    planning_year = PlanningYear.objects.create(year=year, status=YearStatus.OPEN)
    for quarter in default_windows(year):
        PeriodWindow.objects.create(
            year=planning_year,
            quarter=quarter,
            entry_opens=datetime.date(2000, 1, 1),
            entry_closes=datetime.date(2099, 12, 30),
            review_closes=datetime.date(2099, 12, 31),
        )
    return planning_year


def agreement_with_ik09(year=YEAR):
    unit = OrgUnit.objects.get(code=UNIT)
    ik09 = Indicator.objects.get(unit=unit, code="IK-09")
    agreement = Agreement.objects.create(unit=unit, year=year)
    row = AgreementSasaran.objects.create(agreement=agreement, sasaran=ik09.sasaran)
    AgreementIndicator.objects.create(
        agreement=agreement,
        sasaran_row=row,
        indicator=ik09,
        target=Decimal(100),
        period_targets=dict.fromkeys(("TW1", "TW2", "TW3", "TW4"), "100"),
    )
    AgreementBudget.objects.create(
        agreement=agreement,
        programme_code="WA",
        programme_name="Program Pengawasan",
        ceiling=Decimal(1000000),
    )
    return agreement


def complete_quarter(actor, quarter, year=YEAR):
    """IK-09 entered for the quarter, with a PDF for every required document."""
    from kinerja.performance import services

    unit = OrgUnit.objects.get(code=UNIT)
    ik09 = Indicator.objects.get(unit=unit, code="IK-09")
    services.realisation_save(
        actor=actor,
        unit=unit,
        indicator=ik09,
        year=year,
        period=quarter,
        inputs=INPUTS,
        expected_version=0,
    )
    for requirement in EvidenceRequirement.objects.filter(indicator=ik09, required=True):
        services.evidence_add(
            actor=actor,
            unit=unit,
            indicator=ik09,
            year=year,
            period=quarter,
            kind="file",
            description=requirement.name,
            requirement=requirement,
            upload=SimpleUploadedFile("bukti.pdf", PDF),
        )


def prepare(actors):
    from kinerja.performance import services, submissions

    open_year()
    agreement = agreement_with_ik09()
    operator, planner = actors["operator_a"], actors["planner"]
    unit = agreement.unit
    for quarter in ("TW1", "TW2", "TW3"):
        complete_quarter(operator, quarter)
    for quarter in ("TW2", "TW3"):
        submissions.submission_submit(
            actor=operator, unit=unit, year=YEAR, quarter=quarter, expected_version=0
        )
    tw3 = Submission.objects.get(unit=unit, year=YEAR, quarter="TW3")
    submissions.submission_verify(actor=planner, submission=tw3, expected_version=tw3.row_version)
    services.budget_spending_set(
        actor=operator,
        budget=agreement.budget_rows.get(),
        quarter="TW1",
        amount=Decimal(250000),
        expected_version=0,
    )


def _pk(model, **lookup):
    return lambda _ctx=None: {"pk": model.objects.filter(**lookup).order_by("pk").first().pk}


def _submission(quarter):
    return _pk(Submission, unit__code=UNIT, year=YEAR, quarter=quarter)


def _realisation_version(period="TW1"):
    return Realisation.objects.get(
        unit__code=UNIT, indicator__code="IK-09", year=YEAR, period=period
    ).row_version


KEY = {"unit": UNIT, "year": YEAR, "period": "TW1", "indicator": "IK-09"}
REVIEWERS = {**api(unit_a_change(403)), "planner": 200, "admin": 200}
READ_ALL = api(everyone(200))
READ_A = api(unit_a_view())

ROUTES = {
    "api:realisation-list": ({}, {"GET": READ_ALL}),
    "api:realisation-detail": (
        _pk(Realisation, unit__code=UNIT, period="TW1"),
        {"GET": READ_A},
    ),
    "api:realisation-save": ({}, {"POST": api(unit_a_change(200))}),
    "api:realisation-preview": ({}, {"POST": READ_A}),
    "api:realisation-by-key": (KEY, {"GET": READ_A, "PUT": api(unit_a_change(200))}),
    "api:evidence-list": ({}, {"GET": READ_ALL, "POST": api(unit_a_change(201))}),
    "api:evidence-detail": (_pk(Evidence, unit__code=UNIT, period="TW1"), {"GET": READ_A}),
    "api:evidence-download": (_pk(Evidence, unit__code=UNIT, period="TW1"), {"GET": READ_A}),
    "api:result-list": ({}, {"GET": READ_ALL}),
    "api:result-detail": (_pk(Result, unit__code=UNIT, period="TW1", basis="working"), {"GET": READ_A}),
    "api:npss-list": ({}, {"GET": READ_ALL}),
    "api:npss-detail": (_pk(SasaranScore, unit__code=UNIT, quarter="TW1"), {"GET": READ_A}),
    "api:nko-list": ({}, {"GET": READ_ALL}),
    "api:nko-detail": (_pk(UnitScore, unit__code=UNIT, quarter="TW1"), {"GET": READ_A}),
    "api:submission-list": ({}, {"GET": READ_ALL}),
    "api:submission-detail": (_submission("TW2"), {"GET": READ_A}),
    "api:submission-submit": ({}, {"POST": api(unit_a_change(200))}),
    "api:submission-return": (_submission("TW2"), {"POST": REVIEWERS}),
    "api:submission-verify": (_submission("TW2"), {"POST": REVIEWERS}),
    "api:submission-reopen": (_submission("TW3"), {"POST": REVIEWERS}),
    "api:submission-versions": (_submission("TW3"), {"GET": READ_A}),
    "api:budget-spending-list": ({}, {"GET": READ_ALL}),
    "api:budget-spending-detail": (_pk(BudgetSpending, quarter="TW1"), {"GET": READ_A}),
    "api:budget-spending-set": ({}, {"POST": api(unit_a_change(200))}),
}


def _entry():
    return {"inputs": {"sanksi_ditetapkan": 4, "kasus_ditangani": 4}, "row_version": _realisation_version()}


def _version(quarter):
    return Submission.objects.get(unit__code=UNIT, year=YEAR, quarter=quarter).row_version


POST_DATA = {
    "api:realisation-save": lambda: {**KEY, **_entry()},
    "api:realisation-preview": lambda: {**KEY, "inputs": INPUTS},
    "api:evidence-list": lambda: {
        **KEY,
        "text": "Berita acara rapat koordinasi",
        "description": "Catatan",
    },
    "api:submission-submit": lambda: {"unit": UNIT, "year": YEAR, "quarter": "TW1", "row_version": 0},
    "api:submission-return": lambda: {"reason": "Bukti kurang jelas", "row_version": _version("TW2")},
    "api:submission-verify": lambda: {"row_version": _version("TW2")},
    "api:submission-reopen": lambda: {"reason": "Koreksi data", "row_version": _version("TW3")},
    "api:budget-spending-set": lambda: {
        "unit": UNIT,
        "year": YEAR,
        "programme_code": "WA",
        "quarter": "TW1",
        "amount": "300000",
        "row_version": BudgetSpending.objects.get(quarter="TW1").row_version,
    },
}
PUT_DATA = {"api:realisation-by-key": _entry}
