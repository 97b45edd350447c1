"""The service-clock watch: warn the officer when a running clock nears its limit, and when it is late.

Nothing counts in the background (see clock.py), so a scheduled run looks at every running clock
(`kinerja watch_service_clocks`, or the task, every few minutes in service hours). Each mark is one
notification event per request: `request-clock-<percent>:<pk>`, without the row version the other
request events carry, so a return, a resumption or a reassignment does not repeat a warning already
given; an officer who takes the request over afterwards is told once.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.notifications.services import notification_send

from .events import officers, request_url, supervisors, values_of
from .models import ClockEvent, RequestStatus, ServiceRequest, ServiceStandard
from .selectors import with_clocks

RUNNING = (RequestStatus.IN_SERVICE, RequestStatus.SIGNING)
DEFAULT_WARN_AT = 75  # ServiceStandard.warn_at_percent's default, for a kind without a standard
LATE = 100


def running_requests() -> list[ServiceRequest]:
    return list(
        ServiceRequest.objects.filter(status__in=RUNNING)
        .select_related("unit", "assigned_to")
        .prefetch_related(Prefetch("clock_events", queryset=ClockEvent.objects.order_by("at", "pk")))
        .order_by("pk")
    )


def _notify(request: ServiceRequest, mark: int, percent: int) -> bool:
    """Tell the officer and their supervisors; True when someone heard of this mark for the first time."""
    values: dict[str, Any] = {**values_of(request), "percent": percent}
    if mark == LATE:
        title = _("%(number)s has passed its time limit")
        body = _(
            "The service clock of %(service)s for %(unit)s has used %(percent)d%% of its time limit: "
            "the request is late."
        )
    else:
        title = _("%(number)s is nearing its time limit")
        body = _("The service clock of %(service)s for %(unit)s has used %(percent)d%% of its time limit.")
    sent = notification_send(
        users=[*officers(request), *supervisors(request)],
        event_key=f"request-clock-{mark}:{request.pk}",
        title=title % values,
        body=body % values,
        url=request_url(request),
        level="danger" if mark == LATE else "warning",
    )
    return bool(sent)


def service_clocks_watch(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Warn about every running clock at or past its standard's mark, or late; idempotent.

    Returns how many requests were newly warned and newly reported late. A request first seen
    already late is reported late only.
    """
    moment = now or timezone.now()
    warn_at = dict(ServiceStandard.objects.values_list("code", "warn_at_percent"))
    counts = {"warned": 0, "late": 0}
    with translation.override(settings.LANGUAGE_CODE):
        for row in with_clocks(running_requests(), moment):
            request, clock = row.request, row.clock
            mark = warn_at.get(request.kind, DEFAULT_WARN_AT)
            if clock.late:
                counts["late"] += _notify(request, LATE, clock.percent)
            elif mark < LATE and clock.percent >= mark:
                counts["warned"] += _notify(request, mark, clock.percent)
    return counts
