"""How the verification plugs into the common request: when it may be opened, what it needs, its
panel on the request page, and its finish once the worksheet is signed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.organization.models import OrgUnit
from kinerja.performance import selectors as performance
from kinerja.performance.models import SubmissionStatus
from kinerja.planning.schedule import EntryState, entry_for
from kinerja.signatures.models import Signer
from kinerja.workflows.hooks import Requirement
from kinerja.workflows.models import RequestStatus, ServiceRequest

from . import selectors
from .services import submission_of


def check_period(unit: OrgUnit, year: int, quarter: str) -> None:
    """A unit is invited once its entry for the quarter has closed (its deadline, or extension, passed)."""
    entry = entry_for(unit=unit, year=year, quarter=quarter, today=timezone.localdate())
    if entry.state in (EntryState.CLOSED, EntryState.YEAR_CLOSED):
        return
    values = {"unit": unit.name, "quarter": quarter, "year": year}
    if entry.state == EntryState.NOT_SCHEDULED:
        message = _("Entry for %(quarter)s %(year)s has not been scheduled; there is nothing to verify yet.")
    elif entry.deadline is not None:
        values["date"] = entry.deadline.isoformat()
        message = _(
            "Entry for %(quarter)s %(year)s is open for %(unit)s until %(date)s; the verification "
            "starts once it has closed."
        )
    else:
        message = _("Entry for %(quarter)s %(year)s has not closed yet for %(unit)s.")
    raise ValidationError({"quarter": message % values})


def requirements(request: ServiceRequest) -> list[Requirement]:
    """The quarter is submitted, and nothing is missing: every achievement and its required evidence."""
    submission = submission_of(request)
    status = submission.status if submission is not None else SubmissionStatus.DRAFT
    submitted = status == SubmissionStatus.SUBMITTED
    if submitted:
        detail = ""
    elif status == SubmissionStatus.VERIFIED:
        detail = _("The quarter is already verified; reopen it to verify it again.")
    elif status == SubmissionStatus.RETURNED:
        detail = _("The quarter was returned to the unit; it must correct and submit it again.")
    else:
        detail = _("The unit has not submitted the quarter yet.")
    rows = performance.quarter_rows(unit=request.unit, year=request.year, quarter=request.quarter)
    missing = performance.missing_items(rows)
    if not rows:
        missing = [_("The unit has no Perjanjian Kinerja indicator for this quarter.")]
    return [
        Requirement(
            "submitted",
            _("The unit has entered its achievements for %(quarter)s %(year)s and submitted them")
            % {"quarter": request.quarter, "year": request.year},
            submitted,
            detail=detail,
        ),
        Requirement(
            "complete",
            _("Every achievement is entered and its required evidence uploaded"),
            not missing,
            detail="; ".join(missing),
        ),
    ]


def panel_context(request: ServiceRequest, user: Any) -> dict[str, Any]:
    counts = selectors.counts(request)
    signer = None
    if request.worksheet_id is not None and request.status == RequestStatus.SIGNING:
        signer = (
            Signer.objects.filter(document_id=request.worksheet_id, user=user, signed_at=None)
            .select_related("document")
            .first()
        )
    submission = submission_of(request)
    return {
        "verification_counts": counts,
        "verification_session_url": reverse("verification:session", kwargs={"number": request.number}),
        "verification_quarter_url": reverse(
            "performance:quarter",
            kwargs={"code": request.unit.code, "year": request.year, "quarter": request.quarter},
        ),
        "verification_submission": submission,
        "verification_signer": signer,
        "verification_can_serve": can(user, Action.SERVE, request.unit),
    }
