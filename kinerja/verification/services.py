"""Writes of the verification service: build the lines from the submitted quarter, check each one
against its evidence, issue the worksheet, return the quarter to the unit, and finish once signed.

The lines are a copy of the quarter's latest submitted snapshot, rebuilt (idempotently) whenever
the officer opens the session; a line whose claim did not change keeps its verdict. A correction
is computed by the same engine call as the entry's live preview, with the indicator's definition
for the year, so the value on the worksheet is the value the verified results will show.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.catalog.services import problem_text
from kinerja.catalog.trypanel import TryPanel
from kinerja.core.concurrency import ConcurrentEditError, update_versioned
from kinerja.formula import Problem
from kinerja.performance import submissions
from kinerja.performance.models import Evidence, Submission, SubmissionStatus, SubmissionVersion
from kinerja.performance.services import json_inputs, realisation_preview
from kinerja.planning.schedule import year_definition
from kinerja.signatures.models import SignedDocument
from kinerja.workflows import services as workflows
from kinerja.workflows.models import RequestStatus, ServiceKind, ServiceRequest

from .models import Verdict, VerificationLine

WORKSHEET_KIND = "worksheet:verifikasi"


class CorrectionRefused(ValidationError):
    """The engine refused the corrected inputs; `problems` locate each one (table, row, column)."""

    def __init__(self, problems: tuple[Problem, ...], messages: list[str]) -> None:
        super().__init__({"corrected_inputs": messages})
        self.problems = problems


# --- guards --------------------------------------------------------------------------------------
def _require_verification(request: ServiceRequest) -> None:
    if request.kind != ServiceKind.VERIFIKASI:
        raise ValidationError({"request": _("This is not a verification request.")})


def _require_serve(actor: Any, request: ServiceRequest) -> None:
    if not can(actor, Action.SERVE, request.unit):
        raise PermissionDenied


def _require_in_service(request: ServiceRequest) -> None:
    if request.status != RequestStatus.IN_SERVICE:
        raise ValidationError(
            {"__all__": _("The verification is worked on while the request is in service.")}
        )


# --- the claim -----------------------------------------------------------------------------------
def submission_of(request: ServiceRequest) -> Submission | None:
    return (
        Submission.objects.filter(unit=request.unit, year=request.year, quarter=request.quarter)
        .select_related("unit")
        .first()
    )


def latest_submitted(submission: Submission) -> SubmissionVersion | None:
    """The snapshot frozen when the unit last submitted the quarter."""
    return submission.versions.filter(verified=False).order_by("-number").first()


def _evidence_item(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.pk,
        "kind": evidence.kind,
        "description": evidence.description,
        "requirement": evidence.requirement_name,
        "name": evidence.original_name,
        "size": evidence.size,
        "url": evidence.url,
        "text": evidence.text[:500],
        "sha256": evidence.sha256,
    }


def claims(version: SubmissionVersion) -> dict[tuple[int, str], dict[str, Any]]:
    """Per (indicator, period) of the snapshot: the claim as a line stores it."""
    snapshot = version.snapshot
    ids = [item["id"] for item in snapshot.get("evidence", [])]
    evidence: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for row in Evidence.objects.filter(pk__in=ids).order_by("pk"):
        evidence.setdefault((row.indicator_id, row.period), []).append(_evidence_item(row))
    found = {}
    for item in snapshot.get("realisations", []):
        key = (item["indicator"], item["period"])
        value = item.get("value")
        found[key] = {
            "claimed_state": item["state"],
            "claimed_inputs": item.get("inputs"),
            "claimed_value": None if value is None else Decimal(value),
            "claimed_reason": item.get("reason", ""),
            "evidence": evidence.get(key, []),
        }
    return found


def _same_claim(line: VerificationLine, claim: dict[str, Any]) -> bool:
    """The claim is unchanged when its state, inputs, value and evidence files are the same."""
    value = line.claimed_value
    return (
        line.claimed_state == claim["claimed_state"]
        and line.claimed_inputs == claim["claimed_inputs"]
        and (value is None) == (claim["claimed_value"] is None)
        and (value is None or value == claim["claimed_value"])
        and [e["id"] for e in line.evidence] == [e["id"] for e in claim["evidence"]]
    )


UNCHECKED: dict[str, Any] = {
    "verdict": Verdict.PENDING,
    "corrected_inputs": None,
    "corrected_value": None,
    "note": "",
    "checked_by": None,
    "checked_at": None,
}


@transaction.atomic
def lines_build(*, actor: Any, request: ServiceRequest) -> list[VerificationLine]:
    """Make the lines match the quarter's latest submitted snapshot; running it again changes nothing.

    A line whose claim is unchanged keeps its verdict (a resubmission after a return touches only
    what the unit corrected); a changed claim goes back to "not checked"; a claim that is gone
    takes its line with it.
    """
    _require_verification(request)
    _require_serve(actor, request)
    _require_in_service(request)
    submission = submission_of(request)
    version = latest_submitted(submission) if submission is not None else None
    if submission is None or submission.status != SubmissionStatus.SUBMITTED or version is None:
        raise ValidationError({"__all__": _("The unit has not submitted this quarter.")})
    wanted = claims(version)
    existing = {(line.indicator_id, line.period): line for line in request.verification_lines.all()}
    for key, gone in existing.items():
        if key not in wanted:
            gone._history_user = actor  # type: ignore[attr-defined]
            gone.delete()
    for key, claim in wanted.items():
        line = existing.get(key)
        if line is None:
            new = VerificationLine(
                request=request,
                indicator_id=key[0],
                period=key[1],
                snapshot_number=version.number,
                **claim,
            )
            new._history_user = actor  # type: ignore[attr-defined]
            new.full_clean(validate_unique=False)
            new.save()
        elif not _same_claim(line, claim):
            line._history_user = actor  # type: ignore[attr-defined]
            update_versioned(
                line,
                expected_version=line.row_version,
                fields={**claim, **UNCHECKED, "snapshot_number": version.number},
            )
        elif line.snapshot_number != version.number:
            VerificationLine.objects.filter(pk=line.pk).update(snapshot_number=version.number)
    return list(request.verification_lines.select_related("indicator").order_by("indicator__code", "period"))


# --- checking a line -----------------------------------------------------------------------------
def _correction(line: VerificationLine, inputs: dict[str, Any]) -> tuple[Any, Decimal]:
    """The corrected inputs as stored, and their value: the entry's own preview, nothing written."""
    request = line.request
    stored = json_inputs(inputs)
    preview = realisation_preview(
        unit=request.unit, indicator=line.indicator, year=request.year, period=line.period, inputs=stored
    )
    if preview.input_problems:
        yd = year_definition(line.indicator, request.year)
        panel = TryPanel(yd.definition) if yd is not None else None

        def located(problem: Problem) -> str:
            label = panel.field_label(problem) if panel is not None and problem.field else ""
            return f"{label}: {problem_text(problem)}" if label else problem_text(problem)

        raise CorrectionRefused(preview.input_problems, [located(p) for p in preview.input_problems])
    value = preview.result.value if preview.result is not None else None
    if value is None:
        why = problem_text(preview.problem) if preview.problem is not None else ""
        raise ValidationError(
            {
                "corrected_inputs": _("The corrected inputs give no value. %(why)s") % {"why": why}
                if why
                else _("The corrected inputs give no value.")
            }
        )
    return stored, value


@transaction.atomic
def line_check(
    *,
    actor: Any,
    line: VerificationLine,
    verdict: str,
    corrected_inputs: dict[str, Any] | None = None,
    note: str = "",
    expected_version: int,
) -> VerificationLine:
    """Record the verdict on one claim: it matches its evidence, or it is corrected (inputs and a note)."""
    request = line.request
    _require_verification(request)
    _require_serve(actor, request)
    _require_in_service(request)
    # The unit may have resubmitted since the page was loaded: the line is brought up to date first,
    # and a claim that changed meanwhile makes `expected_version` stale.
    lines_build(actor=actor, request=request)
    current = VerificationLine.objects.filter(pk=line.pk).select_related("request__unit", "indicator").first()
    if current is None:
        raise ValidationError({"__all__": _("The unit no longer claims this value; reload the lines.")})
    if current.row_version != expected_version:
        raise ConcurrentEditError()
    note = note.strip()
    fields: dict[str, Any] = {
        "verdict": verdict,
        "note": note,
        "checked_by": actor,
        "checked_at": timezone.now(),
    }
    if verdict == Verdict.SESUAI:
        fields.update(corrected_inputs=None, corrected_value=None)
    elif verdict == Verdict.DIKOREKSI:
        errors = {}
        if corrected_inputs is None:
            errors["corrected_inputs"] = _("Give the corrected inputs.")
        elif not isinstance(corrected_inputs, dict):
            errors["corrected_inputs"] = _("The corrected inputs are a JSON object of the formula's inputs.")
        if not note:
            errors["note"] = _("Say why the claim is corrected.")
        if errors:
            raise ValidationError(errors)
        assert isinstance(corrected_inputs, dict)
        stored, value = _correction(current, corrected_inputs)
        fields.update(corrected_inputs=stored, corrected_value=value)
    else:
        raise ValidationError({"verdict": _("Choose “sesuai” or “dikoreksi”.")})
    current._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(current, expected_version=expected_version, fields=fields)


# --- the worksheet -------------------------------------------------------------------------------
def _check_signers(
    *, actor: Any, request: ServiceRequest, verifiers: Sequence[Any], representative: Any
) -> None:
    from kinerja.notifications.recipients import unit_staff

    errors: dict[str, str] = {}
    if actor.pk not in {v.pk for v in verifiers}:
        errors["verifiers"] = _("You sign the worksheet as one of the verifiers.")
    else:
        for verifier in verifiers:
            if not verifier.is_active or not can(verifier, Action.SERVE, request.unit):
                errors["verifiers"] = _("%(name)s is not an officer of Biro Perencanaan.") % {
                    "name": verifier.get_full_name() or verifier.username
                }
                break
    staff = unit_staff([request.unit_id], timezone.localdate()).get(request.unit_id, [])
    if representative is None:
        errors["representative"] = _("Choose who signs for the unit.")
    elif representative.pk not in {person.pk for person in staff}:
        errors["representative"] = _("%(name)s is not an operator or the head of %(unit)s.") % {
            "name": representative.get_full_name() or representative.username,
            "unit": request.unit.name,
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def verification_worksheet_issue(
    *,
    actor: Any,
    request: ServiceRequest,
    verifiers: Sequence[Any],
    representative: Any,
    expected_version: int,
) -> ServiceRequest:
    """Render the Lembar Kerja Verifikasi Capaian Kinerja once every line is checked, and send it for
    the signatures of the verifiers and of the unit's representative."""
    from . import documents

    _require_verification(request)
    _require_serve(actor, request)
    _require_in_service(request)
    if request.row_version != expected_version:
        raise ConcurrentEditError()
    blocker = workflows.quality_blocker(request)
    if blocker is not None:
        raise ValidationError(
            {"__all__": _("The quality-control team asked for changes: %(note)s") % {"note": blocker.note}}
        )
    verifiers = list(dict.fromkeys(verifiers))
    _check_signers(actor=actor, request=request, verifiers=verifiers, representative=representative)
    lines = lines_build(actor=actor, request=request)
    if not lines:
        raise ValidationError({"__all__": _("The quarter has no claimed achievement to verify.")})
    pending = [f"{line.indicator.code} {line.period}" for line in lines if line.verdict == Verdict.PENDING]
    if pending:
        raise ValidationError(
            {
                "__all__": _("Check every line first; not checked yet: %(lines)s")
                % {"lines": ", ".join(pending)}
            }
        )
    with translation.override(settings.LANGUAGE_CODE):
        signers = [(verifier, _("Verifier, Biro Perencanaan")) for verifier in verifiers]
        signers.append((representative, _("Representative of %(unit)s") % {"unit": request.unit.name}))
        title = _("Performance achievement verification worksheet %(unit)s %(quarter)s %(year)s") % {
            "unit": request.unit.short_name or request.unit.name,
            "quarter": request.quarter,
            "year": request.year,
        }
    from kinerja.signatures.services import document_create

    document = document_create(
        actor=actor,
        kind=WORKSHEET_KIND,
        title=title,
        unit=request.unit,
        render=lambda verification: documents.worksheet_pdf(
            request=request, lines=lines, signers=signers, verification=verification
        ),
        signers=signers,
    )
    return workflows.request_worksheet_issue(
        actor=actor, request=request, document=document, expected_version=expected_version
    )


def quarter_return(request: ServiceRequest, actor: Any, reason: str) -> None:
    """Returning the request sends the quarter back with it, so the unit may correct it.

    The lines stay; when the unit resubmits and the service resumes, only the changed claims
    lose their verdict.
    """
    submission = submission_of(request)
    if submission is not None and submission.status == SubmissionStatus.SUBMITTED:
        submissions.submission_return(
            actor=actor, submission=submission, reason=reason, expected_version=submission.row_version
        )


# --- once signed ---------------------------------------------------------------------------------
def on_signed(request: ServiceRequest, actor: Any) -> None:
    """The last signature landed: the quarter becomes verified with the corrections applied.

    The quarter is verified in the name of the officer who issued the worksheet (a verifier who
    signed it); the last signer may be the unit's representative, who may not verify.
    """
    submission = submission_of(request)
    version = latest_submitted(submission) if submission is not None else None
    lines = list(request.verification_lines.all())
    if (
        submission is None
        or version is None
        or submission.status != SubmissionStatus.SUBMITTED
        or any(line.snapshot_number != version.number for line in lines)
        or {(line.indicator_id, line.period) for line in lines} != set(claims(version))
    ):
        raise ValidationError(
            _(
                "The unit's quarter changed after the worksheet was issued; the officer must withdraw "
                "the worksheet and issue it again."
            )
        )
    document = SignedDocument.objects.select_related("created_by").get(pk=request.worksheet_id or 0)
    corrections = {
        (line.indicator_id, line.period): {
            "inputs": line.corrected_inputs,
            "value": line.corrected_value,
            "note": line.note,
        }
        for line in lines
        if line.verdict == Verdict.DIKOREKSI
    }
    submissions.submission_verify_by_worksheet(
        actor=document.created_by,
        submission=submission,
        corrections=corrections,
        reference=f"{request.number} ({document.public_id})",
    )
