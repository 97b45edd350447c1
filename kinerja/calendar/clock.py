"""Service time on the service calendar: pure Python, so the rule is testable without a database.

A time limit counts only the hours the bureau is open (per weekday, in WIB), never weekends,
national holidays or collective-leave days; time while a request is back with its unit is not
counted either. Everything is computed in whole seconds, so the result does not depend on the
order the intervals are added in; hours are rounded only for display.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")

Interval = tuple[datetime.datetime, datetime.datetime]


@dataclass(frozen=True)
class ServiceCalendar:
    hours: Mapping[int, tuple[datetime.time, datetime.time]]  # weekday (Monday = 0) → opens, closes
    closed: frozenset[datetime.date]  # national holidays and collective-leave days
    tz: datetime.tzinfo = WIB

    def window(self, day: datetime.date) -> Interval | None:
        """The day's service hours as aware instants, or None on a day without service."""
        if day in self.closed or day.weekday() not in self.hours:
            return None
        opens, closes = self.hours[day.weekday()]
        return (
            datetime.datetime.combine(day, opens, tzinfo=self.tz),
            datetime.datetime.combine(day, closes, tzinfo=self.tz),
        )

    def is_service_day(self, day: datetime.date) -> bool:
        return self.window(day) is not None


def _aware(instant: datetime.datetime) -> datetime.datetime:
    """The instant at the clock's resolution: a whole second, so splitting an interval loses nothing."""
    if instant.tzinfo is None:
        raise ValueError("service time needs aware datetimes")
    return instant.replace(microsecond=0)


def _days(
    calendar: ServiceCalendar, start: datetime.datetime, end: datetime.datetime
) -> Iterable[datetime.date]:
    day = start.astimezone(calendar.tz).date()
    last = end.astimezone(calendar.tz).date()
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def service_seconds(calendar: ServiceCalendar, start: datetime.datetime, end: datetime.datetime) -> int:
    """Seconds of service hours between two instants (0 when end is not after start)."""
    start, end = _aware(start), _aware(end)
    total = 0
    if end <= start:
        return 0
    for day in _days(calendar, start, end):
        window = calendar.window(day)
        if window is None:
            continue
        overlap = min(end, window[1]) - max(start, window[0])
        if overlap > datetime.timedelta(0):
            total += int(overlap.total_seconds())
    return total


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals joined, in order; empty ones dropped."""
    result: list[Interval] = []
    for start, end in sorted((_aware(s), _aware(e)) for s, e in intervals if e > s):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def running(start: datetime.datetime, end: datetime.datetime, pauses: Sequence[Interval]) -> list[Interval]:
    """The parts of [start, end] outside every pause."""
    parts: list[Interval] = []
    cursor = _aware(start)
    end = _aware(end)
    for pause_start, pause_end in merge(pauses):
        if pause_end <= cursor or pause_start >= end:
            continue
        if pause_start > cursor:
            parts.append((cursor, pause_start))
        cursor = max(cursor, pause_end)
    if cursor < end:
        parts.append((cursor, end))
    return parts


def elapsed(calendar: ServiceCalendar, intervals: Iterable[Interval]) -> int:
    """Service seconds over the clock's running intervals (merged first, so nothing counts twice)."""
    return sum(service_seconds(calendar, start, end) for start, end in merge(intervals))


def reached_at(calendar: ServiceCalendar, start: datetime.datetime, seconds: int) -> datetime.datetime:
    """The instant at which a clock running from `start` will have used `seconds` of service time.

    Raises ValueError when the calendar has no service day within the next ten years.
    """
    start = _aware(start)
    if seconds <= 0:
        return start
    remaining = seconds
    day = start.astimezone(calendar.tz).date()
    for _ in range(3660):
        window = calendar.window(day)
        if window is not None:
            begin = max(start, window[0])
            available = int((window[1] - begin).total_seconds())
            if available > 0:
                if remaining <= available:
                    return begin + datetime.timedelta(seconds=remaining)
                remaining -= available
        day += datetime.timedelta(days=1)
    raise ValueError("the service calendar has no service hours")


def hours(seconds: int) -> Decimal:
    """Decimal hours rounded half-up to 2 places, as the contract prints them."""
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Ladder:
    """The compensation ladder of the standard, in service minutes and hours."""

    limit_minutes: int
    written_after_hours: int = 48
    in_person_after_hours: int = 72

    def compensation(self, seconds: int) -> str:
        if seconds <= self.limit_minutes * 60:
            return "tepat_waktu"
        if seconds <= self.written_after_hours * 3600:
            return "maaf_lisan"
        if seconds <= self.in_person_after_hours * 3600:
            return "maaf_tertulis"
        return "maaf_tertulis_antar_langsung"
