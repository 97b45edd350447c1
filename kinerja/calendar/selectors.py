"""The service calendar as the database and the holiday library define it today."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import holidays
from django.db.models import QuerySet

from .clock import WIB, ServiceCalendar
from .models import CollectiveLeave, ServiceHours, Weekday

# The years the holiday library knows for Indonesia; outside them it has no holidays at all.
FIRST_YEAR, LAST_YEAR = 1946, 2100


def national_holidays(years: Iterable[int]) -> dict[datetime.date, str]:
    """Indonesia's national holidays (the public category; collective leave is entered by hand)."""
    return dict(holidays.country_holidays("ID", years=sorted(set(years)), language="id"))


def service_calendar(*, years: Iterable[int]) -> ServiceCalendar:
    """The calendar for the given years; an instant outside them sees no holidays, so ask widely."""
    span = sorted(set(years))
    hours = {row.weekday: (row.opens, row.closes) for row in ServiceHours.objects.all()}
    closed = set(national_holidays(span))
    closed.update(CollectiveLeave.objects.filter(date__year__in=span).values_list("date", flat=True))
    return ServiceCalendar(hours=hours, closed=frozenset(closed))


def _wib_year(instant: datetime.datetime) -> int:
    # An instant written with another offset may fall in another year in Jakarta (31 Dec / 1 Jan).
    return instant.astimezone(WIB).year if instant.tzinfo is not None else instant.year


def calendar_between(start: datetime.datetime, end: datetime.datetime) -> ServiceCalendar:
    """The calendar covering every year from start to end (and the next, for deadlines)."""
    return service_calendar(years=range(_wib_year(start), _wib_year(end) + 2))


def suggested_collective_leave(*, year: int) -> dict[datetime.date, str]:
    """The library's cuti bersama days for the year (its government category): suggestions only."""
    return dict(holidays.country_holidays("ID", years=[year], categories=("government",), language="id"))


def collective_leave_list(*, year: int) -> QuerySet[CollectiveLeave]:
    return CollectiveLeave.objects.filter(date__year=year).select_related("created_by")


@dataclass(frozen=True)
class ClosedDay:
    date: datetime.date
    name: str
    kind: str  # "national_holiday" (from the library) or "collective_leave" (entered here)
    leave: CollectiveLeave | None = None


def closed_days(*, year: int) -> list[ClosedDay]:
    """Every day of the year without service besides weekends, in date order."""
    days = [ClosedDay(day, name, "national_holiday") for day, name in national_holidays([year]).items()]
    days += [
        ClosedDay(leave.date, leave.name, "collective_leave", leave)
        for leave in collective_leave_list(year=year)
    ]
    return sorted(days, key=lambda day: (day.date, day.kind))


def weekly_hours() -> list[tuple[Weekday, ServiceHours | None]]:
    """Each day of the week with its hours, or None where there is no service."""
    rows = {row.weekday: row for row in ServiceHours.objects.all()}
    return [(day, rows.get(day.value)) for day in Weekday]
