"""Reads of the mentoring app, restricted to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kinerja.accounts.access import Action, restrict
from kinerja.notifications.recipients import unit_staff
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Submission, SubmissionStatus
from kinerja.planning.periods import QUARTERS
from kinerja.workflows.models import ServiceKind, ServiceRequest

from .models import CHAPTER_ORDER, Chapter, MentoringFinding, MentoringUpload


def request_get(*, user: Any, number: str) -> ServiceRequest:
    """A mentoring request the user may see; any other number is a 404."""
    found = (
        restrict(ServiceRequest.objects.filter(kind=ServiceKind.PENDAMPINGAN), user, Action.VIEW)
        .select_related("unit", "assigned_to", "worksheet")
        .filter(number=number)
        .first()
    )
    if found is None:
        raise Http404(number)
    return found


def upload_list(*, user: Any, request: ServiceRequest | None = None) -> QuerySet[MentoringUpload]:
    rows = restrict(MentoringUpload.objects.all(), user, Action.VIEW).select_related(
        "request__unit", "uploaded_by"
    )
    return rows.filter(request=request) if request is not None else rows


def upload_get(*, user: Any, pk: int) -> MentoringUpload:
    found = upload_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(str(pk))
    return found


def finding_list(*, user: Any, request: ServiceRequest | None = None) -> QuerySet[MentoringFinding]:
    rows = restrict(MentoringFinding.objects.all(), user, Action.VIEW).select_related(
        "request__unit", "created_by"
    )
    return rows.filter(request=request) if request is not None else rows


def finding_get(*, user: Any, pk: int) -> MentoringFinding:
    found = finding_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(str(pk))
    return found


def sorted_findings(findings: Any) -> list[MentoringFinding]:
    """Findings in the order of the LKj's chapters, then as the mentor ordered them."""
    return sorted(findings, key=lambda f: (CHAPTER_ORDER.get(f.chapter, 99), f.sort_order, f.pk))


def findings_by_chapter(findings: Any) -> list[tuple[str, list[MentoringFinding]]]:
    """(chapter label, findings) for each chapter that has findings, in the report's order."""
    groups: dict[str, list[MentoringFinding]] = {}
    for finding in sorted_findings(findings):
        groups.setdefault(finding.chapter, []).append(finding)
    return [(str(Chapter(chapter).label), rows) for chapter, rows in groups.items()]


def verified_quarters(*, unit: OrgUnit, year: int) -> list[str]:
    """The quarters of the year whose submission Biro Perencanaan has verified in Kinerja."""
    done = set(
        Submission.objects.filter(unit=unit, year=year, status=SubmissionStatus.VERIFIED).values_list(
            "quarter", flat=True
        )
    )
    return [quarter for quarter in QUARTERS if quarter in done]


def representatives(request: ServiceRequest, on: Any) -> list[Any]:
    """Who may sign for the unit: its operators and head in office today."""
    return unit_staff([request.unit_id], on).get(request.unit_id, [])
