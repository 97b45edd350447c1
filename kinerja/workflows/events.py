"""Who hears of a request's steps: the unit's staff, the officer, the supervisors, quality control.

Sent after the transaction commits (the services queue these with on_commit); each event key
names the request and its row_version, so a retried call does not notify twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kinerja.notifications.recipients import planners, unit_staff
from kinerja.notifications.services import notification_send

from .models import Invitation, QualityReview, ServiceRequest, ServiceTeam


def request_url(request: ServiceRequest) -> str:
    return reverse("workflows:detail", kwargs={"number": request.number})


def staff(request: ServiceRequest) -> list[Any]:
    return unit_staff([request.unit_id], timezone.localdate()).get(request.unit_id, [])


def officers(request: ServiceRequest) -> list[Any]:
    """The assigned officer, or every planner while nobody is assigned."""
    return [request.assigned_to] if request.assigned_to else planners(timezone.localdate())


def supervisors(request: ServiceRequest) -> list[Any]:
    if request.assigned_to_id is None:
        return []
    return [team.supervisor for team in ServiceTeam.objects.filter(members=request.assigned_to_id)]


def values_of(request: ServiceRequest) -> dict[str, Any]:
    return {
        "number": request.number,
        "service": request.get_kind_display(),
        "unit": request.unit.name,
        "year": request.year,
        "quarter": request.quarter,
    }


def _send(
    request: ServiceRequest,
    users: Iterable[Any],
    event: str,
    title: str,
    body: str,
    level: str = "info",
    **extra: Any,
) -> None:
    values = {**values_of(request), **extra}
    notification_send(
        users=users,
        event_key=f"request-{event}:{request.pk}:v{request.row_version}",
        title=title % values,
        body=body % values,
        url=request_url(request),
        level=level,
    )


def notify_invited(invitation: Invitation, requests: Iterable[ServiceRequest]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        for request in requests:
            details = "\n".join(
                part
                for part in (
                    invitation.message,
                    _("Meeting: %(when)s")
                    % {
                        "when": formats.date_format(
                            timezone.localtime(invitation.meeting_at), "DATETIME_FORMAT"
                        )
                    }
                    if invitation.meeting_at
                    else "",
                    _("Place: %(place)s") % {"place": invitation.place} if invitation.place else "",
                )
                if part
            )
            _send(
                request,
                staff(request),
                f"invited-{invitation.pk}",
                _("Invitation: %(service)s (%(number)s)"),
                _("Biro Perencanaan invites %(unit)s; complete the requirements on the request page.")
                + ("\n" + details.replace("%", "%%") if details else ""),
            )


def notify_opened(request: ServiceRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            request,
            officers(request),
            "opened",
            _("New request %(number)s from %(unit)s"),
            _("%(unit)s asks for %(service)s."),
        )


def notify_received(request: ServiceRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            request,
            officers(request),
            "received",
            _("%(number)s is complete: the clock runs"),
            _("The requirements of %(unit)s for %(service)s are complete; service time now counts."),
        )


def notify_returned(request: ServiceRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            request,
            staff(request),
            "returned",
            _("%(number)s was returned to your unit"),
            _("Biro Perencanaan returned the request for completion. Reason:")
            + "\n"
            + request.return_reason.replace("%", "%%"),
            level="warning",
        )


def notify_assigned(request: ServiceRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            request,
            officers(request),
            "assigned",
            _("%(number)s is assigned to you"),
            _("%(service)s for %(unit)s is now in your queue."),
        )


def notify_delivered(request: ServiceRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            request,
            [*staff(request), *officers(request)],
            "delivered",
            _("%(number)s delivered"),
            _("The product of %(service)s for %(unit)s has been delivered."),
            level="success",
        )


def notify_reviewed(review: QualityReview) -> None:
    request = review.request
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            request,
            officers(request),
            f"reviewed-{review.pk}",
            _("Quality review of %(number)s"),
            f"{review.get_verdict_display()}: {review.note}".replace("%", "%%"),
            level="warning" if review.verdict == "needs_changes" else "info",
        )
