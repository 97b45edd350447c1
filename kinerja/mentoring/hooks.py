"""What the mentoring service plugs into the common request: its requirements and its panel."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.workflows.hooks import Requirement
from kinerja.workflows.models import RequestStatus, ServiceRequest

from . import selectors
from .forms import WorksheetForm
from .models import UploadKind
from .services import WITH_THE_UNIT

DRAFT = "draft_lkj"
VERIFICATION = "verification_results"
ENDORSED = "evidence_endorsed"


def requirements(request: ServiceRequest) -> list[Requirement]:
    """The standard's requirements: the draft LKj, the verification results, endorsed evidence.

    The verification results are there when the unit uploaded them, or when Kinerja itself holds
    them: all four quarters of the year verified by Biro Perencanaan.
    """
    kinds = set(request.mentoring_uploads.values_list("kind", flat=True))
    quarters = selectors.verified_quarters(unit=request.unit, year=request.year)
    if UploadKind.VERIFICATION_RESULT in kinds:
        detail = _("Uploaded by the unit.")
    elif len(quarters) == 4:
        detail = _("All four quarters of %(year)s are verified in Kinerja.") % {"year": request.year}
    else:
        detail = _(
            "%(count)d of 4 quarters of %(year)s verified in Kinerja; upload the verification results "
            "or complete the verification."
        ) % {"count": len(quarters), "year": request.year}
    return [
        Requirement(
            DRAFT,
            _("Draft LKj uploaded"),
            UploadKind.DRAFT_LKJ in kinds,
            detail=""
            if UploadKind.DRAFT_LKJ in kinds
            else _("The unit uploads its draft performance report."),
        ),
        Requirement(
            VERIFICATION,
            _("Verification results available"),
            UploadKind.VERIFICATION_RESULT in kinds or len(quarters) == 4,
            detail=detail,
        ),
        Requirement(
            ENDORSED,
            _("Achievement data and evidence endorsed by the indicator's person in charge"),
            False,
            automatic=False,
            detail=_("Checked by the officer with the unit."),
        ),
    ]


def panel_context(request: ServiceRequest, user: Any) -> dict[str, Any]:
    """What the request page shows of the mentoring: the files, the findings, the worksheet form.

    The page itself shows the worksheet and its signers; the panel only leads to the mentoring pages.
    """
    uploads = list(selectors.upload_list(user=user, request=request))
    findings = list(selectors.finding_list(user=user, request=request))
    serving = can(user, Action.SERVE, request.unit)
    return {
        "mentoring_uploads": uploads,
        "mentoring_groups": selectors.findings_by_chapter(findings),
        "mentoring_finding_count": len(findings),
        "mentoring_can_upload": can(user, Action.CHANGE, request.unit) and request.status in WITH_THE_UNIT,
        "mentoring_can_find": serving and request.status == RequestStatus.IN_SERVICE,
        "mentoring_can_issue": serving and request.status == RequestStatus.IN_SERVICE and bool(findings),
        "mentoring_worksheet_form": WorksheetForm(
            initial={"row_version": request.row_version},
            people=selectors.representatives(request, timezone.localdate()),
        ),
    }
