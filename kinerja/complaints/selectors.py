"""Reads of complaint handling, restricted by the one access mechanism.

Who reads a complaint follows the VIEW rule on the unit it is addressed to: the bureau's planners,
the inspectorate and the leadership see every complaint, a unit's own staff those addressed to
their unit. Who handles it follows SERVE.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kinerja.accounts.access import Action, can, restrict, scope_for
from kinerja.accounts.models import Role, RoleAssignment, User
from kinerja.calendar.clock import hours

from .models import OPEN_STATES, Complaint, ComplaintAttachment, ComplaintKind, ComplaintNote, ComplaintState

OTHER = "other"  # the service filter for complaints about no particular service


def complaint_list(
    *,
    user: Any,
    state: str = "",
    kind: str = "",
    service: str = "",
    overdue: bool = False,
    now: datetime.datetime | None = None,
) -> QuerySet[Complaint]:
    rows = restrict(Complaint.objects.all(), user, Action.VIEW).select_related("unit", "standard", "handler")
    if state:
        rows = rows.filter(state=state)
    if kind:
        rows = rows.filter(kind=kind)
    if service == OTHER:
        rows = rows.filter(standard__isnull=True)
    elif service:
        rows = rows.filter(standard__code=service)
    if overdue:
        rows = rows.filter(_overdue_q(now or timezone.now()))
    return rows


def _overdue_q(moment: datetime.datetime) -> Q:
    """Still open past the deadline, or answered after it."""
    return Q(state__in=OPEN_STATES, due_at__lt=moment) | Q(answered_at__gt=F("due_at"))


def complaint_get(*, user: Any, number: str) -> Complaint:
    found = complaint_list(user=user).filter(number=number).first()
    if found is None:
        raise Http404
    return found


def may_handle(user: Any, complaint: Complaint) -> bool:
    return can(user, Action.SERVE, complaint.unit)


def may_record(user: Any) -> bool:
    """Anyone who serves some unit records complaints received in person, by e-mail or telephone."""
    scope = scope_for(user, Action.SERVE)
    return scope.everything or bool(scope.unit_ids or scope.subtree_paths)


def attachment_get(*, user: Any, pk: int) -> ComplaintAttachment:
    found = restrict(ComplaintAttachment.objects.all(), user, Action.VIEW).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def notes_of(complaint: Complaint) -> QuerySet[ComplaintNote]:
    return complaint.notes.select_related("author")


def handlers_for(complaint: Complaint | None = None) -> QuerySet[User]:
    """The officers who may handle complaints: active planners and administrators in force today."""
    today = timezone.localdate()
    people = (
        RoleAssignment.objects.filter(
            role__in=[Role.PLANNER, Role.ADMIN], is_active=True, user__is_active=True, unit__is_active=True
        )
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values("user_id")
    )
    rows = User.objects.filter(Q(pk__in=people) | Q(is_superuser=True, is_active=True)).order_by("username")
    if complaint is not None:
        rows = rows.filter(pk__in=[u.pk for u in rows if can(u, Action.SERVE, complaint.unit)])
    return rows


@dataclass(frozen=True)
class Step:
    label: Any  # a lazy translation
    at: datetime.datetime | None


def timeline(complaint: Complaint) -> list[Step]:
    """The public steps and their dates; a step not reached yet has no date."""
    if complaint.state == ComplaintState.REJECTED:
        return [
            Step(ComplaintState.RECEIVED.label, complaint.received_at),
            Step(ComplaintState.REJECTED.label, complaint.rejected_at),
        ]
    return [
        Step(ComplaintState.RECEIVED.label, complaint.received_at),
        Step(ComplaintState.TRIAGED.label, complaint.triaged_at),
        Step(ComplaintState.ANSWERED.label, complaint.answered_at),
        Step(ComplaintState.CLOSED.label, complaint.closed_at),
    ]


def complaint_counts(
    *, standard_code: str | None, start: datetime.date, end: datetime.date
) -> dict[str, Any]:
    """Complaints received from start to end (inclusive, WIB) for the periodic service evaluation.

    `standard_code` None counts every complaint, "other" those about no particular service, and a
    service code those about that service. "open" and "overdue" are as of now; "overdue" counts the
    complaints still open past their deadline and those answered after it. The median answer time is
    in service hours (None when nothing was answered).
    """
    rows = Complaint.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
    if standard_code == OTHER:
        rows = rows.filter(standard__isnull=True)
    elif standard_code is not None:
        rows = rows.filter(standard__code=standard_code)
    by_kind = dict.fromkeys(ComplaintKind.values, 0)
    by_kind.update(dict(rows.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n")))
    seconds = [s for s in rows.values_list("answer_seconds", flat=True) if s is not None]
    median: Decimal | None = hours(int(statistics.median(seconds))) if seconds else None
    return {
        "received": rows.count(),
        "answered": rows.filter(answered_at__isnull=False).count(),
        "closed": rows.filter(state=ComplaintState.CLOSED).count(),
        "rejected": rows.filter(state=ComplaintState.REJECTED).count(),
        "open": rows.filter(state__in=OPEN_STATES).count(),
        "overdue": rows.filter(_overdue_q(timezone.now())).count(),
        "by_kind": by_kind,
        "median_answer_hours": median,
    }
