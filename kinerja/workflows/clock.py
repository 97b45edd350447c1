"""A request's clock, replayed from its events on the service calendar.

Nothing counts in the background: the clock of an open request is computed for the instant it is
looked at, so every page, API call and report shows the same figure for the same instant.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from kinerja.calendar.clock import Interval, Ladder, ServiceCalendar, elapsed, hours, reached_at
from kinerja.calendar.selectors import service_calendar

from .models import ClockEvent, ClockEventKind, ServiceRequest


@dataclass(frozen=True)
class Clock:
    seconds: int
    limit_seconds: int
    running: bool
    started: bool
    compensation: str
    due_at: datetime.datetime | None  # when the limit is reached if the clock keeps running

    @property
    def hours(self) -> Decimal:
        return hours(self.seconds)

    @property
    def limit_hours(self) -> Decimal:
        return hours(self.limit_seconds)

    @property
    def percent(self) -> int:
        return min(999, self.seconds * 100 // self.limit_seconds) if self.limit_seconds else 0

    @property
    def late(self) -> bool:
        return self.seconds > self.limit_seconds

    @property
    def level(self) -> str:
        """A Bootstrap colour for the clock: green, amber from 75 %, red once late."""
        if self.late:
            return "danger"
        return "warning" if self.percent >= 75 else "success"


def intervals(events: Iterable[ClockEvent], now: datetime.datetime) -> tuple[list[Interval], bool]:
    """The running intervals of the clock, and whether it runs at `now`."""
    result: list[Interval] = []
    since: datetime.datetime | None = None
    for event in events:
        if event.kind in (ClockEventKind.START, ClockEventKind.RESUME):
            since = since or event.at
        elif since is not None:  # pause or stop
            result.append((since, event.at))
            since = None
    if since is not None and now > since:
        result.append((since, now))
    return result, since is not None


def ladder(request: ServiceRequest) -> Ladder:
    return Ladder(
        limit_minutes=request.limit_minutes,
        written_after_hours=request.written_apology_after_hours,
        in_person_after_hours=request.in_person_after_hours,
    )


def calendar_for(requests: Sequence[ServiceRequest], now: datetime.datetime) -> ServiceCalendar:
    """One calendar covering every request of a page, so a list costs one calendar build."""
    years = {now.year, now.year + 1}
    for request in requests:
        years.update({request.year - 1, request.year, request.year + 1})
        if request.received_at:
            years.add(request.received_at.year)
    return service_calendar(years=years)


def request_clock(
    request: ServiceRequest,
    *,
    now: datetime.datetime | None = None,
    calendar: ServiceCalendar | None = None,
    events: Sequence[ClockEvent] | None = None,
) -> Clock:
    moment = now or timezone.now()
    calendar = calendar or calendar_for([request], moment)
    if events is None:
        events = list(request.clock_events.all())
    spans, running = intervals(events, moment)
    seconds = elapsed(calendar, spans)
    limit = request.limit_minutes * 60
    due_at = None
    if running and seconds < limit:
        try:
            due_at = reached_at(calendar, moment, limit - seconds)
        except ValueError:  # a calendar without any service hours: the limit is never reached
            due_at = None
    return Clock(
        seconds=seconds,
        limit_seconds=limit,
        running=running,
        started=bool(events),
        compensation=ladder(request).compensation(seconds),
        due_at=due_at,
    )
