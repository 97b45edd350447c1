"""Permission matrix of the verification service. prepare() gives Tarakan a PK with IK-02 whose TW1
entry closed ten days ago, a submitted TW1, and a verification request in service whose line is
checked, so every officer's action would succeed; unit staff read, Biro Perencanaan acts."""

import datetime
from decimal import Decimal

from django.utils import timezone

from kinerja.catalog.models import EvidenceRequirement, Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Evidence, Realisation, Submission, SubmissionVersion
from kinerja.performance.submissions import build_snapshot
from kinerja.planning.models import (
    Agreement,
    AgreementIndicator,
    AgreementSasaran,
    PeriodWindow,
    PlanningYear,
)
from kinerja.signatures.services import certificate_demo_create
from kinerja.verification import services
from kinerja.verification.models import VerificationLine
from kinerja.workflows.models import ServiceRequest
from kinerja.workflows.services import invitation_send, request_submit
from tests.formula.helpers import WORKED_VESSEL as VESSEL

from .common import api, method_not_allowed, unit_a_view
from .workflows import serve

YEAR = timezone.localdate().year - 1


def prepare(actors):
    unit = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    ik02 = Indicator.objects.get(unit=unit, code="IK-02")
    today = timezone.localdate()
    year = PlanningYear.objects.create(year=YEAR, status="open")
    PeriodWindow.objects.create(
        year=year,
        quarter="TW1",
        entry_opens=today - datetime.timedelta(days=60),
        entry_closes=today - datetime.timedelta(days=10),
        review_closes=today + datetime.timedelta(days=10),
    )
    agreement = Agreement.objects.create(unit=unit, year=YEAR)
    sasaran = AgreementSasaran.objects.create(agreement=agreement, sasaran=ik02.sasaran)
    AgreementIndicator.objects.create(
        agreement=agreement,
        sasaran_row=sasaran,
        indicator=ik02,
        target=Decimal(80),
        period_targets={"TW1": "80"},
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
    submission = Submission.objects.create(
        unit=unit, year=YEAR, quarter="TW1", status="submitted", submitted_by=actors["operator_a"]
    )
    SubmissionVersion.objects.create(
        submission=submission, number=1, snapshot=build_snapshot(unit=unit, year=YEAR, quarter="TW1")
    )
    certificate_demo_create()
    invitation_send(
        actor=actors["planner"], kind="verifikasi", year=YEAR, quarter="TW1", units=[unit], title="Uji"
    )
    request = _request()
    request = request_submit(
        actor=actors["operator_a"], request=request, expected_version=request.row_version
    )
    for line in services.lines_build(actor=actors["planner"], request=request):
        services.line_check(
            actor=actors["planner"], line=line, verdict="sesuai", expected_version=line.row_version
        )


def _request():
    return ServiceRequest.objects.get(kind="verifikasi", year=YEAR, quarter="TW1")


def _line():
    return VerificationLine.objects.get(request=_request())


def _number(_ctx):
    return {"number": _request().number}


def _line_kwargs(_ctx):
    return {"number": _request().number, "pk": _line().pk}


def _line_pk(_ctx):
    return {"pk": _line().pk}


ROUTES = {
    "verification:session": (_number, {"GET": unit_a_view()}),
    "verification:line": (_line_kwargs, {"GET": unit_a_view(), "POST": serve(302)}),
    "verification:line_preview": (
        _line_kwargs,
        {"GET": method_not_allowed(unit_a_view()), "POST": serve(200)},
    ),
    "verification:line_check": (_line_kwargs, {"POST": serve(302)}),
    "verification:issue": (_number, {"POST": serve(302)}),
    "verification:return": (_number, {"POST": serve(302)}),
    "api:verification-request-lines": (_number, {"GET": api(unit_a_view())}),
    "api:verification-request-worksheet": (_number, {"POST": api(serve(200))}),
    "api:verification-request-return": (_number, {"POST": api(serve(200))}),
    "api:verification-line-detail": (_line_pk, {"GET": api(unit_a_view())}),
    "api:verification-line-check": (_line_pk, {"POST": api(serve(200))}),
}


def _sesuai():
    return {"verdict": "sesuai", "note": "Sesuai", "row_version": _line().row_version}


def _worksheet_web():
    from kinerja.accounts.models import User

    return {
        "row_version": _request().row_version,
        "verifiers": [User.objects.get(username="planner").pk, User.objects.get(username="admin").pk],
        "representative": User.objects.get(username="operator_a").pk,
    }


POST_DATA = {
    "verification:line": lambda: {**_sesuai(), "t-period": "TW1"},
    "verification:line_preview": lambda: {"t-period": "TW1", "t-row-kapal-0": "1"},
    "verification:line_check": _sesuai,
    "verification:issue": _worksheet_web,
    "verification:return": lambda: {"row_version": _request().row_version, "reason": "Lengkapi"},
    "api:verification-request-worksheet": lambda: {
        "verifiers": ["planner", "admin"],
        "representative": "operator_a",
        "row_version": _request().row_version,
    },
    "api:verification-request-return": lambda: {"reason": "Lengkapi", "row_version": _request().row_version},
    "api:verification-line-check": _sesuai,
}
