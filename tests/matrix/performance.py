"""The realisation entry's URLs. prepare() gives Tarakan a 2026 PK with IK-02 and windows open today:
TW1 a draft with a value and evidence, TW2 submitted, TW3 verified."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.catalog.models import EvidenceRequirement, Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Evidence, Realisation, Submission, SubmissionVersion
from kinerja.planning.models import (
    Agreement,
    AgreementBudget,
    AgreementIndicator,
    AgreementSasaran,
    PeriodWindow,
    PlanningYear,
)
from tests.formula.helpers import WORKED_VESSEL as VESSEL  # the worked example of indicators.md

from .common import ANON, LOGIN, everyone, method_not_allowed, unit_a_change, unit_a_view

YEAR = timezone.localdate().year


def _ik02():
    return Indicator.objects.get(unit__code="PSDKP-TARAKAN", code="IK-02")


def prepare(actors):
    unit = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    ik02 = _ik02()
    year = PlanningYear.objects.create(year=YEAR, status="open")
    today = timezone.localdate()
    for quarter in ("TW1", "TW2", "TW3", "TW4"):
        PeriodWindow.objects.create(
            year=year,
            quarter=quarter,
            entry_opens=today - datetime.timedelta(days=30),
            entry_closes=today + datetime.timedelta(days=30),
            review_closes=today + datetime.timedelta(days=60),
        )
    agreement = Agreement.objects.create(unit=unit, year=YEAR)
    sasaran = AgreementSasaran.objects.create(agreement=agreement, sasaran=ik02.sasaran)
    AgreementIndicator.objects.create(
        agreement=agreement,
        sasaran_row=sasaran,
        indicator=ik02,
        target=Decimal(80),
        period_targets={"TW1": "80", "TW2": "80", "TW3": "80", "TW4": "80"},
    )
    AgreementBudget.objects.create(
        agreement=agreement, programme_code="WA", programme_name="Uji", ceiling=100
    )
    EvidenceRequirement.objects.filter(indicator=ik02).update(required=False)
    Realisation.objects.create(
        unit=unit,
        indicator=ik02,
        year=YEAR,
        period="TW1",
        state="value",
        inputs={"kapal": [VESSEL]},
        value=Decimal("87.67"),
    )
    Evidence.objects.create(
        unit=unit, indicator=ik02, year=YEAR, period="TW1", kind="text", text="Catatan", description="Catatan"
    )
    evidence = Evidence(
        unit=unit,
        indicator=ik02,
        year=YEAR,
        period="TW1",
        kind="file",
        description="Laporan",
        original_name="laporan.pdf",
        content_type="application/pdf",
        size=9,
    )
    evidence.file.save("matrix.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    operator = actors["operator_a"]
    Submission.objects.create(unit=unit, year=YEAR, quarter="TW2", status="submitted", submitted_by=operator)
    verified = Submission.objects.create(
        unit=unit, year=YEAR, quarter="TW3", status="verified", submitted_by=operator
    )
    SubmissionVersion.objects.create(
        submission=verified, number=1, snapshot={"realisations": [], "evidence": []}, verified=True
    )


def _quarter(quarter):
    return lambda _ctx: {"code": "PSDKP-TARAKAN", "year": YEAR, "quarter": quarter}


def _entry(_ctx):
    return {"code": "PSDKP-TARAKAN", "year": YEAR, "period": "TW1", "indicator": _ik02().pk}


def _evidence(kind):
    return lambda _ctx: {"pk": Evidence.objects.get(kind=kind, indicator=_ik02()).pk}


def _budget(_ctx):
    return {"pk": AgreementBudget.objects.get(programme_code="WA").pk, "quarter": "TW1"}


def verify_only(ok=302):
    # Planners and administrators verify, return and reopen; the unit's own staff see but may not.
    return {
        ANON: LOGIN,
        "operator_a": 403,
        "operator_b": 404,
        "unit_head": 403,
        "planner": ok,
        "inspector": 403,
        "leadership": 403,
        "admin": ok,
    }


ROUTES = {
    "performance:index": ({}, {"GET": everyone(200)}),
    "performance:quarter": (_quarter("TW1"), {"GET": unit_a_view()}),
    "performance:realisation": (_entry, {"GET": unit_a_view(), "POST": unit_a_change(ok=302)}),
    "performance:preview": (_entry, {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_view()}),
    "performance:evidence_add": (_entry, {"POST": unit_a_change(ok=302)}),
    "performance:evidence_download": (_evidence("file"), {"GET": unit_a_view()}),
    "performance:evidence_delete": (_evidence("text"), {"POST": unit_a_change(ok=302)}),
    "performance:budget_set": (_budget, {"POST": unit_a_change(ok=302)}),
    "performance:submission_submit": (_quarter("TW1"), {"POST": unit_a_change(ok=302)}),
    "performance:submission_return": (_quarter("TW2"), {"POST": verify_only()}),
    "performance:submission_verify": (_quarter("TW2"), {"POST": verify_only()}),
    "performance:submission_reopen": (_quarter("TW3"), {"POST": verify_only()}),
}


def _vessel_post():
    realisation = Realisation.objects.get(indicator=_ik02(), period="TW1")
    data = {
        "t-period": "TW1",
        "t-row-kapal-0": "1",
        "row_version": realisation.row_version,
        "progress": "uji",
    }
    data.update({f"t-in-kapal-0-{name}": str(value) for name, value in VESSEL.items()})
    return data


def _budget_post():
    prefix = f"b{AgreementBudget.objects.get(programme_code='WA').pk}"
    return {f"{prefix}-amount": "50", f"{prefix}-row_version": "0"}


POST_DATA = {
    "performance:realisation": _vessel_post,
    "performance:preview": _vessel_post,
    "performance:evidence_add": lambda: {"kind": "text", "description": "Catatan", "text": "Isi catatan"},
    "performance:budget_set": _budget_post,
    "performance:submission_submit": lambda: {"row_version": 0},
    "performance:submission_return": lambda: {"row_version": 1, "reason": "Periksa lagi"},
    "performance:submission_verify": lambda: {"row_version": 1},
    "performance:submission_reopen": lambda: {"row_version": 1, "reason": "Koreksi"},
}
