"""A unit's quarter from draft to verified: submit, return with a reason, verify, reopen.

Submitting freezes the quarter's values, evidence, requirements in force and budget into a
`SubmissionVersion`; verifying copies that snapshot as a verified version, which is what the
verified results (reports, ministry dashboards) read. Unit staff cannot change a submitted or
verified quarter; deadlines bind units, so a planner may return, verify or reopen at any time.
"""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.accounts.models import Role, RoleAssignment
from kinerja.catalog.models import EvidenceRequirement
from kinerja.core.concurrency import ConcurrentEditError, update_versioned
from kinerja.organization.models import OrgUnit
from kinerja.planning import schedule
from kinerja.planning.models import YearStatus
from kinerja.planning.periods import QUARTERS, periods_in_quarter

from . import selectors
from .models import (
    Basis,
    BudgetSpending,
    Evidence,
    Realisation,
    RealisationState,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)
from .results import results_recompute


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _value(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


def build_snapshot(*, unit: OrgUnit, year: int, quarter: str) -> dict[str, Any]:
    """The quarter as submitted: plain JSON, so later catalogue or PK changes cannot alter it."""
    rows = selectors.quarter_rows(unit=unit, year=year, quarter=quarter)
    keys = {(row.indicator.pk, row.period) for row in rows if row.applicable}
    indicator_ids = sorted({indicator_id for indicator_id, _period in keys})
    realisations = [
        {
            "indicator": r.indicator_id,
            "code": r.indicator.code,
            "period": r.period,
            "state": r.state,
            "inputs": r.inputs,
            "value": _value(r.value),
            "reason": r.reason,
            "progress": r.progress,
            "obstacles": r.obstacles,
            "follow_up": r.follow_up,
        }
        for r in Realisation.objects.filter(unit=unit, year=year, period__in=periods_in_quarter(quarter))
        .select_related("indicator")
        .order_by("indicator__code", "period")
        if (r.indicator_id, r.period) in keys
    ]
    evidence = [
        {
            "id": e.pk,
            "requirement": e.requirement_id,
            "kind": e.kind,
            "description": e.description,
            "sha256": e.sha256,
        }
        for e in Evidence.objects.filter(
            unit=unit, year=year, period__in=periods_in_quarter(quarter)
        ).order_by("pk")
        if (e.indicator_id, e.period) in keys
    ]
    requirements = [
        {"indicator": r.indicator_id, "name": r.name, "kinds": list(r.kinds or []), "required": r.required}
        for r in EvidenceRequirement.objects.filter(indicator_id__in=indicator_ids).order_by(
            "indicator_id", "sort_order", "pk"
        )
    ]
    budget = []
    for item in selectors.budget_rows(unit=unit, year=year, quarter=quarter):
        spending: BudgetSpending | None = item["spending"]
        budget.append(
            {
                "programme_code": item["budget"].programme_code,
                "ceiling": _amount(item["budget"].ceiling),
                "spent": _amount(spending.amount if spending else None),
            }
        )
    return {
        "realisations": realisations,
        "evidence": evidence,
        "requirements": requirements,
        "budget": budget,
    }


def _submission(*, unit: OrgUnit, year: int, quarter: str) -> Submission:
    submission = selectors.submission_find(unit=unit, year=year, quarter=quarter)
    if submission is not None:
        return submission
    try:
        with transaction.atomic():
            return Submission.objects.create(unit=unit, year=year, quarter=quarter)
    except IntegrityError:
        return Submission.objects.get(unit=unit, year=year, quarter=quarter)


def _new_version(
    submission: Submission, *, snapshot: dict[str, Any], verified: bool, actor: Any
) -> SubmissionVersion:
    last = submission.versions.aggregate(n=Max("number"))["n"] or 0
    return SubmissionVersion.objects.create(
        submission=submission, number=last + 1, snapshot=snapshot, verified=verified, created_by=actor
    )


def _save(submission: Submission, *, actor: Any, expected_version: int, fields: dict[str, Any]) -> Submission:
    submission._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(submission, expected_version=expected_version, fields=fields)


def _notify(name: str, submission: Submission) -> None:
    """Tell the people concerned (notifications app), with a link to the quarter's page."""
    from kinerja.notifications import events

    url = reverse(
        "performance:quarter",
        kwargs={"code": submission.unit.code, "year": submission.year, "quarter": submission.quarter},
    )
    getattr(events, name)(submission, url=url)


@transaction.atomic
def submission_submit(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    quarter: str,
    expected_version: int,
    today: datetime.date | None = None,
) -> Submission:
    """Send the quarter for verification once nothing is missing; after the deadline it is marked late.

    `expected_version` is the submission's row_version as the page showed it (0: none yet).
    """
    if quarter not in QUARTERS:
        raise ValidationError({"quarter": _("Unknown quarter.")})
    if not can(actor, Action.CHANGE, unit):
        raise PermissionDenied
    day = today or selectors.today()
    submission = _submission(unit=unit, year=year, quarter=quarter)
    if expected_version and submission.row_version != expected_version:
        raise ConcurrentEditError()
    if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        raise ValidationError({"__all__": _("This quarter has already been submitted.")})
    entry = schedule.entry_for(unit=unit, year=year, quarter=quarter, today=day)
    reopened = submission.status == SubmissionStatus.RETURNED or bool(submission.reopen_reason)
    if entry.state in (schedule.EntryState.NOT_SCHEDULED, schedule.EntryState.NOT_YET) or (
        entry.state == schedule.EntryState.YEAR_CLOSED and not reopened
    ):
        raise ValidationError({"__all__": _("This quarter cannot be submitted now.")})
    missing = selectors.missing_items(selectors.quarter_rows(unit=unit, year=year, quarter=quarter))
    if missing:
        raise ValidationError({"__all__": [_("The quarter is not complete:"), *missing]})
    snapshot = build_snapshot(unit=unit, year=year, quarter=quarter)
    deadline = entry.deadline
    submission = _save(
        submission,
        actor=actor,
        expected_version=submission.row_version,
        fields={
            "status": SubmissionStatus.SUBMITTED,
            "submitted_at": timezone.now(),
            "submitted_by": actor,
            "late": deadline is not None and day > deadline,
        },
    )
    _new_version(submission, snapshot=snapshot, verified=False, actor=actor)
    transaction.on_commit(lambda: _notify("notify_submission_submitted", submission))
    return submission


def _require_verify(actor: Any, submission: Submission) -> None:
    if not can(actor, Action.VERIFY, submission.unit):
        raise PermissionDenied


@transaction.atomic
def submission_return(
    *, actor: Any, submission: Submission, reason: str, expected_version: int
) -> Submission:
    """Send a submitted quarter back to the unit with a reason; the unit may edit and resubmit."""
    _require_verify(actor, submission)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError({"__all__": _("Only a submitted quarter can be returned.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the quarter is returned.")})
    submission = _save(
        submission,
        actor=actor,
        expected_version=expected_version,
        fields={
            "status": SubmissionStatus.RETURNED,
            "return_reason": reason.strip(),
            "reviewed_at": timezone.now(),
            "reviewed_by": actor,
        },
    )
    transaction.on_commit(lambda: _notify("notify_submission_returned", submission))
    return submission


def single_planner(actor: Any, on: datetime.date) -> bool:
    """True when the actor holds the only active planner assignment of the whole ministry.

    Four eyes are the rule; a ministry with one planner could otherwise never verify what that
    planner submitted, so it is allowed there and flagged (`self_verified`) for the inspectors.
    """
    planners = list(
        RoleAssignment.objects.filter(
            role=Role.PLANNER, is_active=True, user__is_active=True, unit__is_active=True
        )
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=on))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .values_list("user_id", flat=True)
    )
    return planners == [actor.pk]


@transaction.atomic
def submission_verify(
    *, actor: Any, submission: Submission, expected_version: int, today: datetime.date | None = None
) -> Submission:
    """Accept the submitted values: they become the verified basis and the quarter stays locked."""
    _require_verify(actor, submission)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError({"__all__": _("Only a submitted quarter can be verified.")})
    self_verified = submission.submitted_by_id == actor.pk
    if self_verified and not single_planner(actor, today or selectors.today()):
        raise ValidationError({"__all__": _("You submitted this quarter; another planner must verify it.")})
    latest = submission.versions.order_by("-number").first()
    snapshot = (
        latest.snapshot
        if latest is not None
        else build_snapshot(unit=submission.unit, year=submission.year, quarter=submission.quarter)
    )
    submission = _save(
        submission,
        actor=actor,
        expected_version=expected_version,
        fields={
            "status": SubmissionStatus.VERIFIED,
            "reviewed_at": timezone.now(),
            "reviewed_by": actor,
            "self_verified": self_verified,
        },
    )
    _new_version(submission, snapshot=snapshot, verified=True, actor=actor)
    results_recompute(unit_ids=[submission.unit_id], year=submission.year, basis=Basis.VERIFIED)
    return submission


@transaction.atomic
def submission_reopen(
    *,
    actor: Any,
    submission: Submission,
    reason: str,
    expected_version: int,
    today: datetime.date | None = None,
) -> Submission:
    """Give a verified quarter back to the unit as a draft; a closed year needs a correction session."""
    _require_verify(actor, submission)
    if submission.status != SubmissionStatus.VERIFIED:
        raise ValidationError({"__all__": _("Only a verified quarter can be reopened.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the quarter is reopened.")})
    year = schedule.planning_year(submission.year)
    if year is not None and year.status == YearStatus.CLOSED:
        allows = getattr(schedule, "correction_allows", None)
        day = today or selectors.today()
        if allows is None or not allows(
            unit=submission.unit, year=submission.year, quarter=submission.quarter, today=day
        ):
            raise ValidationError(
                {"__all__": _("The year is closed; a correction session must cover this unit and quarter.")}
            )
    submission = _save(
        submission,
        actor=actor,
        expected_version=expected_version,
        fields={"status": SubmissionStatus.DRAFT, "reopen_reason": reason.strip(), "self_verified": False},
    )
    results_recompute(unit_ids=[submission.unit_id], year=submission.year, basis=Basis.VERIFIED)
    return submission


@transaction.atomic
def submission_verify_by_worksheet(
    *,
    actor: Any,
    submission: Submission,
    corrections: dict[tuple[int, str], dict[str, Any]],
    reference: str,
) -> Submission:
    """Verify a submitted quarter by a signed verification worksheet, with its corrections applied.

    `corrections` maps (indicator id, period) to {"inputs", "value", "note"} as the verifiers
    computed them. The latest submitted snapshot is copied as the verified version with each
    corrected realisation's inputs and value replaced; the unit's claim stays beside them
    ("claimed_inputs", "claimed_value", "claimed_state") with the note. The unit's working rows
    take the corrected values too, so its desk and the later quarters' cumulative figures do not
    keep a refuted claim. The four-eyes rule of `submission_verify` does not apply: the worksheet
    carries the signatures of several verifiers and of the unit.
    """
    _require_verify(actor, submission)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError({"__all__": _("Only a submitted quarter can be verified.")})
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": _("Name the worksheet that verifies the quarter.")})
    latest = submission.versions.order_by("-number").first()
    snapshot = copy.deepcopy(
        latest.snapshot
        if latest is not None
        else build_snapshot(unit=submission.unit, year=submission.year, quarter=submission.quarter)
    )
    items = {(item["indicator"], item["period"]): item for item in snapshot.get("realisations", [])}
    unknown = sorted(f"{indicator_id} {period}" for indicator_id, period in set(corrections) - set(items))
    if unknown:
        raise ValidationError(
            {"corrections": _("Not claimed in this quarter: %(items)s") % {"items": ", ".join(unknown)}}
        )
    for key, correction in corrections.items():
        item = items[key]
        value = Decimal(str(correction["value"]))
        item.update(
            claimed_state=item["state"],
            claimed_inputs=item.get("inputs"),
            claimed_value=item.get("value"),
            correction_note=str(correction.get("note", "")),
            state=RealisationState.VALUE,
            inputs=correction["inputs"],
            value=_value(value),
            reason="",
        )
        realisation = Realisation.objects.filter(
            unit=submission.unit, indicator_id=key[0], year=submission.year, period=key[1]
        ).first()
        if realisation is not None:
            realisation._history_user = actor  # type: ignore[attr-defined]
            update_versioned(
                realisation,
                expected_version=realisation.row_version,
                fields={
                    "state": RealisationState.VALUE,
                    "inputs": correction["inputs"],
                    "value": value,
                    "reason": "",
                    "updated_by": actor,
                },
            )
    snapshot["worksheet"] = reference
    submission._change_reason = reference  # type: ignore[attr-defined]
    submission = _save(
        submission,
        actor=actor,
        expected_version=submission.row_version,
        fields={
            "status": SubmissionStatus.VERIFIED,
            "reviewed_at": timezone.now(),
            "reviewed_by": actor,
            "self_verified": False,
        },
    )
    _new_version(submission, snapshot=snapshot, verified=True, actor=actor)
    if corrections:
        results_recompute(unit_ids=[submission.unit_id], year=submission.year, basis=Basis.WORKING)
    results_recompute(unit_ids=[submission.unit_id], year=submission.year, basis=Basis.VERIFIED)
    return submission
