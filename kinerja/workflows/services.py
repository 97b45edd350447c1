"""Writes of the request register: invite, open, complete, return, issue the worksheet, deliver.

Every transition appends a `ClockEvent` where the clock changes and raises the request's
`row_version`, so two officers acting on one request at once are told instead of racing. The
clock starts only when the requirements are complete (checked by the service where it can, ticked
by an officer where it cannot) and pauses while the request is back with its unit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, ancestor_ids, can, is_administrator, roles_of
from kinerja.accounts.models import Role
from kinerja.core.concurrency import ConcurrentEditError, update_versioned
from kinerja.organization.models import OrgUnit
from kinerja.planning.periods import QUARTERS

from . import events
from .clock import request_clock
from .hooks import Requirement, hooks_for
from .models import (
    OPEN_STATUSES,
    ClockEvent,
    ClockEventKind,
    Compensation,
    Invitation,
    Origin,
    Portfolio,
    QualityReview,
    RequestStatus,
    RequirementTick,
    ReviewVerdict,
    ServiceKind,
    ServiceRequest,
    ServiceStandard,
    ServiceTeam,
)

PREFIX = {ServiceKind.VALIDASI: "VAL", ServiceKind.VERIFIKASI: "VER", ServiceKind.PENDAMPINGAN: "PDP"}


def standard_of(kind: str) -> ServiceStandard:
    try:
        return ServiceStandard.objects.get(code=kind)
    except ServiceStandard.DoesNotExist:
        raise ValidationError({"kind": _("Unknown service.")}) from None


def officer_for(unit: OrgUnit) -> Any | None:
    """The lead planner of the unit's portfolio, or of its nearest ancestor that has one."""
    chain = [unit.pk, *sorted(ancestor_ids(unit), reverse=True)]
    rows = Portfolio.objects.filter(unit_id__in=chain, planner__is_active=True).select_related("planner")
    best: dict[int, Portfolio] = {}
    for row in rows.order_by("-is_lead", "planner__username"):
        best.setdefault(row.unit_id, row)
    for unit_id in chain:
        if unit_id in best:
            return best[unit_id].planner
    return None


def is_quality_control(user: Any) -> bool:
    return (
        is_administrator(user) or ServiceTeam.objects.filter(is_quality_control=True, members=user).exists()
    )


def _check_period(kind: str, year: int, quarter: str) -> None:
    if year < 2000 or year > 2100:
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
    if kind == ServiceKind.VERIFIKASI and quarter not in QUARTERS:
        raise ValidationError({"quarter": _("A verification covers one quarter: choose TW1 to TW4.")})
    if kind != ServiceKind.VERIFIKASI and quarter:
        raise ValidationError({"quarter": _("Only a verification names a quarter.")})


def _next_number(kind: str, year: int) -> str:
    prefix = f"{PREFIX[ServiceKind(kind)]}-{year}-"
    numbers = ServiceRequest.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    last = max((int(n.rsplit("-", 1)[1]) for n in numbers), default=0)
    return f"{prefix}{last + 1:04d}"


def _create(
    *,
    actor: Any,
    kind: str,
    unit: OrgUnit,
    year: int,
    quarter: str,
    origin: str,
    invitation: Invitation | None = None,
    subject: str = "",
) -> ServiceRequest:
    """A new request with the next number; a number another process took first is retried."""
    standard = standard_of(kind)
    check = hooks_for(kind).check_period
    if check is not None:
        check(unit, year, quarter)
    live = ServiceRequest.objects.filter(kind=kind, unit=unit, year=year, quarter=quarter).exclude(
        status=RequestStatus.CANCELLED
    )
    for _attempt in range(5):
        if live.exists():
            raise ValidationError(
                {
                    "unit": _("%(unit)s already has an open request for this service and period.")
                    % {"unit": unit}
                }
            )
        try:
            with transaction.atomic():
                request = ServiceRequest(
                    number=_next_number(kind, year),
                    kind=kind,
                    unit=unit,
                    year=year,
                    quarter=quarter,
                    origin=origin,
                    invitation=invitation,
                    subject=subject,
                    assigned_to=officer_for(unit),
                    opened_by=actor,
                    limit_minutes=standard.limit_minutes,
                    written_apology_after_hours=standard.written_apology_after_hours,
                    in_person_after_hours=standard.in_person_after_hours,
                )
                request._history_user = actor  # type: ignore[attr-defined]
                request.save()
                return request
        except IntegrityError:
            continue
    raise ValidationError({"__all__": _("The register is busy; try again.")})


@transaction.atomic
def invitation_send(
    *,
    actor: Any,
    kind: str,
    year: int,
    units: Sequence[OrgUnit],
    title: str,
    quarter: str = "",
    message: str = "",
    meeting_at: datetime.datetime | None = None,
    place: str = "",
) -> Invitation:
    """Invite units to a service: each gets a request (an open one is reused, not duplicated)."""
    standard_of(kind)
    _check_period(kind, year, quarter)
    if not units:
        raise ValidationError({"units": _("Choose at least one unit.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the invitation a title.")})
    for unit in units:
        if not can(actor, Action.SERVE, unit):
            raise PermissionDenied
    invitation = Invitation.objects.create(
        kind=kind,
        year=year,
        quarter=quarter,
        title=title.strip(),
        message=message.strip(),
        meeting_at=meeting_at,
        place=place.strip(),
        created_by=actor,
    )
    requests = []
    for unit in units:
        existing = (
            ServiceRequest.objects.filter(kind=kind, unit=unit, year=year, quarter=quarter)
            .exclude(status=RequestStatus.CANCELLED)
            .first()
        )
        if existing is None:
            existing = _create(
                actor=actor,
                kind=kind,
                unit=unit,
                year=year,
                quarter=quarter,
                origin=Origin.INVITATION,
                invitation=invitation,
                subject=title.strip(),
            )
        requests.append(existing)
    transaction.on_commit(lambda: events.notify_invited(invitation, requests))
    return invitation


@transaction.atomic
def request_open(
    *, actor: Any, kind: str, unit: OrgUnit, year: int, quarter: str = "", subject: str = ""
) -> ServiceRequest:
    """A unit asks for mentoring itself; an officer may open any service for a unit."""
    _check_period(kind, year, quarter)
    serving = can(actor, Action.SERVE, unit)
    if not serving and not (kind == ServiceKind.PENDAMPINGAN and can(actor, Action.CHANGE, unit)):
        raise PermissionDenied
    request = _create(
        actor=actor,
        kind=kind,
        unit=unit,
        year=year,
        quarter=quarter,
        origin=Origin.INVITATION if serving else Origin.UNIT_REQUEST,
        subject=subject.strip(),
    )
    transaction.on_commit(lambda: events.notify_opened(request))
    return request


def requirements_of(request: ServiceRequest) -> list[Requirement]:
    """The service's requirements, with the officer's ticks applied to those checked by hand."""
    check = hooks_for(request.kind).requirements
    items = check(request) if check else []
    ticked = set(request.ticks.values_list("key", flat=True))
    return [
        item
        if item.automatic
        else Requirement(item.key, item.label, item.key in ticked, automatic=False, detail=item.detail)
        for item in items
    ]


def _save(
    request: ServiceRequest, *, actor: Any, expected_version: int, fields: dict[str, Any]
) -> ServiceRequest:
    request._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(request, expected_version=expected_version, fields=fields)


def _event(
    request: ServiceRequest, kind: str, *, actor: Any, at: datetime.datetime, reason: str = ""
) -> None:
    last = request.clock_events.order_by("-at", "-pk").first()
    if last is not None and at < last.at:
        raise ValidationError({"at": _("The clock cannot go back before its last event.")})
    ClockEvent.objects.create(request=request, kind=kind, at=at, reason=reason, actor=actor)


def _require_serve(actor: Any, request: ServiceRequest) -> None:
    if not can(actor, Action.SERVE, request.unit):
        raise PermissionDenied


def _require_status(request: ServiceRequest, *allowed: str, message: str) -> None:
    if request.status not in allowed:
        raise ValidationError({"__all__": message})


@transaction.atomic
def request_submit(
    *, actor: Any, request: ServiceRequest, expected_version: int, at: datetime.datetime | None = None
) -> ServiceRequest:
    """The request is complete: the clock starts (or resumes after a return)."""
    if not (can(actor, Action.CHANGE, request.unit) or can(actor, Action.SERVE, request.unit)):
        raise PermissionDenied
    _require_status(
        request,
        RequestStatus.AWAITING,
        RequestStatus.RETURNED,
        message=_("Only a request waiting for its requirements can be declared complete."),
    )
    if request.row_version != expected_version:
        raise ConcurrentEditError()
    missing = [item.label for item in requirements_of(request) if not item.met]
    if missing:
        raise ValidationError({"__all__": [_("The requirements are not complete:"), *missing]})
    moment = at or timezone.now()
    starting = request.status == RequestStatus.AWAITING
    _event(request, ClockEventKind.START if starting else ClockEventKind.RESUME, actor=actor, at=moment)
    fields: dict[str, Any] = {"status": RequestStatus.IN_SERVICE, "return_reason": ""}
    if starting:
        fields["received_at"] = moment
    request = _save(request, actor=actor, expected_version=expected_version, fields=fields)
    transaction.on_commit(lambda: events.notify_received(request))
    return request


@transaction.atomic
def request_return(
    *,
    actor: Any,
    request: ServiceRequest,
    reason: str,
    expected_version: int,
    at: datetime.datetime | None = None,
) -> ServiceRequest:
    """Send the request back to its unit for completion: the clock pauses until it is complete again."""
    _require_serve(actor, request)
    _require_status(
        request, RequestStatus.IN_SERVICE, message=_("Only a request in service can be returned.")
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the request goes back to the unit.")})
    _event(request, ClockEventKind.PAUSE, actor=actor, at=at or timezone.now(), reason=reason.strip())
    request = _save(
        request,
        actor=actor,
        expected_version=expected_version,
        fields={"status": RequestStatus.RETURNED, "return_reason": reason.strip()},
    )
    follow_up = hooks_for(request.kind).on_returned
    if follow_up is not None:
        follow_up(request, actor, reason.strip())
    transaction.on_commit(lambda: events.notify_returned(request))
    return request


@transaction.atomic
def requirement_tick(*, actor: Any, request: ServiceRequest, key: str, met: bool) -> None:
    """An officer confirms (or withdraws) a requirement the system cannot check."""
    _require_serve(actor, request)
    _require_status(
        request,
        RequestStatus.AWAITING,
        RequestStatus.RETURNED,
        message=_("Requirements are checked before the clock starts."),
    )
    manual = {item.key for item in requirements_of(request) if not item.automatic}
    if key not in manual:
        raise ValidationError({"key": _("This requirement is checked by the system.")})
    if met:
        RequirementTick.objects.get_or_create(request=request, key=key, defaults={"checked_by": actor})
    else:
        RequirementTick.objects.filter(request=request, key=key).delete()


def quality_blocker(request: ServiceRequest) -> QualityReview | None:
    """The quality-control review that holds the worksheet back, if the latest one asks for changes."""
    latest = request.reviews.order_by("-created_at", "-pk").first()
    return latest if latest is not None and latest.verdict == ReviewVerdict.NEEDS_CHANGES else None


@transaction.atomic
def request_worksheet_issue(
    *, actor: Any, request: ServiceRequest, document: Any, expected_version: int
) -> ServiceRequest:
    """The service's worksheet goes out for signature; the service app has rendered it."""
    _require_serve(actor, request)
    _require_status(
        request,
        RequestStatus.IN_SERVICE,
        message=_("The worksheet is issued while the request is in service."),
    )
    blocker = quality_blocker(request)
    if blocker is not None:
        raise ValidationError(
            {"__all__": _("The quality-control team asked for changes: %(note)s") % {"note": blocker.note}}
        )
    return _save(
        request,
        actor=actor,
        expected_version=expected_version,
        fields={"status": RequestStatus.SIGNING, "worksheet": document},
    )


@transaction.atomic
def request_worksheet_withdraw(
    *, actor: Any, request: ServiceRequest, reason: str, expected_version: int
) -> ServiceRequest:
    """Take an unsigned or partly signed worksheet back to correct it; the signatures are void."""
    from kinerja.signatures.services import document_void

    _require_serve(actor, request)
    _require_status(request, RequestStatus.SIGNING, message=_("No worksheet is out for signature."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the worksheet is withdrawn.")})
    if request.worksheet is not None:
        document_void(actor=actor, document=request.worksheet, reason=reason.strip())
    return _save(
        request,
        actor=actor,
        expected_version=expected_version,
        fields={"status": RequestStatus.IN_SERVICE, "worksheet": None},
    )


def request_deliver(
    *, actor: Any, request: ServiceRequest, at: datetime.datetime | None = None
) -> ServiceRequest:
    """Stop the clock: the product is delivered. Called inside the completing signature's transaction."""
    _require_status(request, RequestStatus.SIGNING, message=_("Only a signed worksheet can be delivered."))
    moment = at or timezone.now()
    _event(request, ClockEventKind.STOP, actor=actor, at=moment)
    clock = request_clock(request, now=moment)
    request = _save(
        request,
        actor=actor,
        expected_version=request.row_version,
        fields={
            "status": RequestStatus.DELIVERED,
            "delivered_at": moment,
            "service_seconds": clock.seconds,
            "compensation": clock.compensation,
        },
    )
    transaction.on_commit(lambda: events.notify_delivered(request))
    from kinerja.survey.services import survey_invite_for_request  # the unit is asked to rate the service

    survey_invite_for_request(request=request)
    return request


def worksheet_signed(document: Any, actor: Any) -> None:
    """Signature hook: once the worksheet carries every signature, finish the service and deliver."""
    if document.status != "complete":
        return
    request = ServiceRequest.objects.select_for_update().filter(worksheet=document).first()
    if request is None or request.status != RequestStatus.SIGNING:
        return
    finish = hooks_for(request.kind).on_signed
    if finish is not None:
        finish(request, actor)
    request.refresh_from_db()
    request_deliver(actor=actor, request=request)


@transaction.atomic
def request_cancel(
    *, actor: Any, request: ServiceRequest, reason: str, expected_version: int
) -> ServiceRequest:
    _require_serve(actor, request)
    _require_status(request, *OPEN_STATUSES, message=_("A delivered request cannot be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the request is cancelled.")})
    if request.worksheet is not None and request.status == RequestStatus.SIGNING:
        from kinerja.signatures.services import document_void

        document_void(actor=actor, document=request.worksheet, reason=reason.strip())
    return _save(
        request,
        actor=actor,
        expected_version=expected_version,
        fields={"status": RequestStatus.CANCELLED, "return_reason": reason.strip()},
    )


@transaction.atomic
def request_reassign(
    *, actor: Any, request: ServiceRequest, officer: Any, expected_version: int
) -> ServiceRequest:
    _require_serve(actor, request)
    if Role.PLANNER not in roles_of(officer) or not officer.is_active:
        raise ValidationError({"officer": _("Requests are assigned to an active planner.")})
    request = _save(request, actor=actor, expected_version=expected_version, fields={"assigned_to": officer})
    transaction.on_commit(lambda: events.notify_assigned(request))
    return request


@transaction.atomic
def compensation_give(
    *, actor: Any, request: ServiceRequest, note: str, expected_version: int
) -> ServiceRequest:
    """Record that the compensation a late request owed was given, and how."""
    _require_serve(actor, request)
    _require_status(request, RequestStatus.DELIVERED, message=_("Compensation is settled after delivery."))
    if request.compensation in ("", Compensation.TEPAT_WAKTU):
        raise ValidationError({"__all__": _("This request was delivered on time; it owes no compensation.")})
    if request.compensation_given_at is not None:
        raise ValidationError({"__all__": _("The compensation has already been recorded as given.")})
    if not note.strip():
        raise ValidationError({"note": _("Say how the compensation was given.")})
    return _save(
        request,
        actor=actor,
        expected_version=expected_version,
        fields={
            "compensation_given_at": timezone.now(),
            "compensation_given_by": actor,
            "compensation_note": note.strip(),
        },
    )


@transaction.atomic
def quality_review_add(*, actor: Any, request: ServiceRequest, verdict: str, note: str) -> QualityReview:
    """The quality-control team's review; "needs changes" holds the worksheet back until a later OK."""
    if not is_quality_control(actor):
        raise PermissionDenied
    _require_status(request, *OPEN_STATUSES, message=_("Only a request not yet delivered can be reviewed."))
    if verdict not in ReviewVerdict.values:
        raise ValidationError({"verdict": _("Choose a verdict.")})
    if verdict == ReviewVerdict.NEEDS_CHANGES and not note.strip():
        raise ValidationError({"note": _("Say what must change.")})
    review = QualityReview.objects.create(request=request, reviewer=actor, verdict=verdict, note=note.strip())
    transaction.on_commit(lambda: events.notify_reviewed(review))
    return review


@transaction.atomic
def portfolio_set(
    *, actor: Any, planner: Any, units: Iterable[OrgUnit], lead: Iterable[OrgUnit] = ()
) -> list[Portfolio]:
    """Replace a planner's portfolio; an administrator divides the bureau's staff by unit."""
    if not is_administrator(actor):
        raise PermissionDenied
    if Role.PLANNER not in roles_of(planner):
        raise ValidationError({"planner": _("Only planners serve units.")})
    chosen = {unit.pk: unit for unit in units}
    leads = {unit.pk for unit in lead}
    if leads - set(chosen):
        raise ValidationError({"lead": _("A lead unit must be one of the planner's units.")})
    Portfolio.objects.filter(planner=planner).exclude(unit_id__in=chosen).delete()
    rows = []
    for unit_id, unit in chosen.items():
        row, _created = Portfolio.objects.update_or_create(
            planner=planner, unit=unit, defaults={"is_lead": unit_id in leads}
        )
        rows.append(row)
    return rows


def standards_ensure() -> None:
    """Put back the standard's three services if they are missing (a flushed test database)."""
    import importlib

    seeded = importlib.import_module("kinerja.workflows.migrations.0002_standards")
    for standard in seeded.STANDARDS:
        ServiceStandard.objects.get_or_create(code=standard["code"], defaults=standard)
