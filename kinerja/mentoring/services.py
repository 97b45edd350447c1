"""Writes of the mentoring service: the unit's files, the mentor's findings, the worksheet.

Every write locks the request row first, so a file cannot slip in after the clock started and a
finding cannot change while the worksheet is being issued. The unit's files are added and removed
only while the request is with the unit (waiting for its requirements, or returned); from then on
they are the record of what was mentored, and the files of a delivered request are never deleted.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.core.concurrency import ConcurrentEditError, update_versioned
from kinerja.performance.uploads import check_upload, row_save_with_file
from kinerja.workflows import services as workflows
from kinerja.workflows.models import RequestStatus, ServiceKind, ServiceRequest

from . import documents, selectors
from .models import Chapter, MentoringFinding, MentoringUpload, Regulation, UploadKind

WORKSHEET_KIND = "worksheet:pendampingan"
WITH_THE_UNIT = (RequestStatus.AWAITING, RequestStatus.RETURNED)


def _locked(request: ServiceRequest) -> ServiceRequest:
    """The request re-read under a row lock; a request of another service is refused."""
    if request.kind != ServiceKind.PENDAMPINGAN:
        raise ValidationError({"request": _("This is not a mentoring request.")})
    locked: ServiceRequest = (
        ServiceRequest.objects.select_for_update().select_related("unit").get(pk=request.pk)
    )
    return locked


def _require_unit_staff(actor: Any, request: ServiceRequest) -> None:
    if not can(actor, Action.CHANGE, request.unit):
        raise PermissionDenied


def _require_officer(actor: Any, request: ServiceRequest) -> None:
    if not can(actor, Action.SERVE, request.unit):
        raise PermissionDenied


def _require_with_unit(request: ServiceRequest) -> None:
    if request.status not in WITH_THE_UNIT:
        raise ValidationError(
            {
                "__all__": _(
                    "Files are added and removed only while the request is with the unit "
                    "(waiting for its requirements, or returned)."
                )
            }
        )


def _require_in_service(request: ServiceRequest) -> None:
    if request.status != RequestStatus.IN_SERVICE:
        raise ValidationError({"__all__": _("Findings are recorded while the request is in service.")})


# --- the unit's files ----------------------------------------------------------------------------


@transaction.atomic
def upload_add(
    *, actor: Any, request: ServiceRequest, kind: str, upload: UploadedFile | None
) -> MentoringUpload:
    """The unit adds its draft LKj or its verification results; the file is checked by its content."""
    request = _locked(request)
    _require_unit_staff(actor, request)
    _require_with_unit(request)
    if kind not in UploadKind.values:
        raise ValidationError(
            {"kind": _("Say whether the file is the draft LKj or the verification results.")}
        )
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    checked = check_upload(upload)
    row = MentoringUpload(
        request=request,
        kind=kind,
        original_name=PurePath(upload.name or "").name[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    row._history_user = actor  # type: ignore[attr-defined]
    row_save_with_file(row, upload, extension=PurePath(row.original_name).suffix.lower())
    return row


@transaction.atomic
def upload_delete(*, actor: Any, upload: MentoringUpload) -> None:
    """Remove a file the unit brought, while the request is still with the unit."""
    request = _locked(upload.request)
    _require_unit_staff(actor, request)
    _require_with_unit(request)
    name, storage = upload.file.name, upload.file.storage
    upload._history_user = actor  # type: ignore[attr-defined]
    upload.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- the mentor's findings -----------------------------------------------------------------------


def _clean_finding(chapter: str, regulation: str, finding: str, recommendation: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if chapter not in Chapter.values:
        errors["chapter"] = _("Choose the chapter of the LKj.")
    if regulation not in Regulation.values:
        errors["regulation"] = _("Choose the regulation the finding rests on.")
    if not finding.strip():
        errors["finding"] = _("Describe the finding.")
    if not recommendation.strip():
        errors["recommendation"] = _("Give the recommendation.")
    if errors:
        raise ValidationError(errors)
    return {
        "chapter": chapter,
        "regulation": regulation,
        "finding": finding.strip(),
        "recommendation": recommendation.strip(),
    }


@transaction.atomic
def finding_save(
    *,
    actor: Any,
    request: ServiceRequest,
    chapter: str,
    regulation: str,
    finding: str,
    recommendation: str,
    existing: MentoringFinding | None = None,
    expected_version: int = 0,
    sort_order: int | None = None,
) -> MentoringFinding:
    """Record a new finding, or change `existing` (which must still be at `expected_version`)."""
    request = _locked(request)
    _require_officer(actor, request)
    _require_in_service(request)
    fields: dict[str, Any] = _clean_finding(chapter, regulation, finding, recommendation)
    if sort_order is not None:
        fields["sort_order"] = sort_order
    if existing is None:
        if sort_order is None:
            last = request.mentoring_findings.aggregate(last=Max("sort_order"))["last"]
            fields["sort_order"] = 1 if last is None else last + 1
        row = MentoringFinding(request=request, created_by=actor, **fields)
        row._history_user = actor  # type: ignore[attr-defined]
        row.full_clean()
        row.save()
        return row
    if existing.request_id != request.pk:
        raise ValidationError({"finding": _("This finding belongs to another request.")})
    existing._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(existing, expected_version=expected_version, fields=fields)


@transaction.atomic
def finding_delete(*, actor: Any, finding: MentoringFinding, expected_version: int) -> None:
    request = _locked(finding.request)
    _require_officer(actor, request)
    _require_in_service(request)
    # Every write of a finding holds the request's lock, so this check cannot go stale before the delete.
    if not MentoringFinding.objects.filter(pk=finding.pk, row_version=expected_version).exists():
        raise ConcurrentEditError()
    finding._history_user = actor  # type: ignore[attr-defined]
    finding.delete()


# --- the worksheet -------------------------------------------------------------------------------


@transaction.atomic
def mentoring_worksheet_issue(
    *, actor: Any, request: ServiceRequest, representative: Any, expected_version: int
) -> ServiceRequest:
    """Render the Lembar Kerja Pendampingan and send it for signature by the mentor and the unit.

    The mentor is the officer who issues it; the unit's representative is one of its operators or
    its head. The request goes to "signing"; it is delivered when both have signed.
    """
    request = _locked(request)
    _require_officer(actor, request)
    if request.status != RequestStatus.IN_SERVICE:
        raise ValidationError({"__all__": _("The worksheet is issued while the request is in service.")})
    if request.row_version != expected_version:
        raise ConcurrentEditError()
    findings = list(request.mentoring_findings.all())
    if not findings:
        raise ValidationError({"__all__": _("Record at least one finding before issuing the worksheet.")})
    if representative is None or not any(
        person.pk == representative.pk for person in selectors.representatives(request, timezone.localdate())
    ):
        raise ValidationError(
            {
                "representative": _(
                    "The unit's representative is one of the operators or the head of %(unit)s."
                )
                % {"unit": request.unit.name}
            }
        )
    if representative.pk == actor.pk:
        raise ValidationError(
            {"representative": _("The mentor and the unit's representative are two people.")}
        )
    from kinerja.signatures.services import document_create

    with translation.override(settings.LANGUAGE_CODE):
        context = documents.worksheet_context(
            request=request,
            findings=findings,
            uploads=list(request.mentoring_uploads.select_related("uploaded_by")),
            mentor=actor,
            representative=representative,
        )
        document = document_create(
            actor=actor,
            kind=WORKSHEET_KIND,
            title=_("Mentoring worksheet %(number)s: %(unit)s, %(year)s")
            % {"number": request.number, "unit": request.unit.name, "year": request.year},
            unit=request.unit,
            render=lambda verification: documents.worksheet_pdf({**context, **verification}),
            signers=[
                (actor, _("Mentor, Biro Perencanaan")),
                (representative, _("Representative of %(unit)s") % {"unit": request.unit.name}),
            ],
        )
    try:
        return workflows.request_worksheet_issue(
            actor=actor, request=request, document=document, expected_version=expected_version
        )
    except BaseException:
        # The rendered file was written before the refusal; it must not outlive the rolled-back row.
        document.file.storage.delete(document.file.name)
        raise
