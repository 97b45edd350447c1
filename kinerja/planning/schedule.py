"""The year's calendar as the rest of the product reads it: windows, deadlines, frozen definitions.

Reads only; the writes (opening a year, extending a deadline) are in `services`.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import models

from kinerja.catalog.models import Indicator, IndicatorVersion
from kinerja.catalog.services import compiled_definition_of_version
from kinerja.formula import IndicatorDefinition

from .models import (
    CorrectionSession,
    DeadlineExtension,
    FrozenDefinition,
    PeriodWindow,
    PlanningYear,
    YearStatus,
)
from .periods import LAST_MONTH, QUARTERS

if TYPE_CHECKING:
    from kinerja.organization.models import OrgUnit


def _month_after(year: int, quarter: str) -> tuple[int, int]:
    month = LAST_MONTH[quarter] + 1
    return (year + 1, 1) if month > 12 else (year, month)


def default_windows(
    year: int, close_day: int = 15
) -> dict[str, tuple[datetime.date, datetime.date, datetime.date]]:
    """Per quarter: entry opens on the quarter's first day, closes on `close_day` of the month
    after the quarter, and review ends on that month's last day (services.md)."""
    windows = {}
    for quarter in QUARTERS:
        first = datetime.date(year, LAST_MONTH[quarter] - 2, 1)
        y, m = _month_after(year, quarter)
        closes = datetime.date(y, m, close_day)
        review = datetime.date(y, m, calendar.monthrange(y, m)[1])
        windows[quarter] = (first, closes, review)
    return windows


def planning_year(year: int) -> PlanningYear | None:
    return PlanningYear.objects.filter(year=year).first()


def window_of(year: int, quarter: str) -> PeriodWindow | None:
    return PeriodWindow.objects.filter(year__year=year, quarter=quarter).select_related("year").first()


def entry_deadline(*, unit: OrgUnit, year: int, quarter: str) -> datetime.date | None:
    """The last day the unit may enter for the quarter: its extension if it has one."""
    window = window_of(year, quarter)
    if window is None:
        return None
    extension = DeadlineExtension.objects.filter(window=window, unit=unit).first()
    return extension.closes_on if extension else window.entry_closes


class EntryState(StrEnum):
    NOT_SCHEDULED = "not_scheduled"  # the year has not been opened
    NOT_YET = "not_yet"
    OPEN = "open"
    CLOSED = "closed"  # past the deadline (and any extension)
    YEAR_CLOSED = "year_closed"


@dataclass(frozen=True)
class Entry:
    state: EntryState
    opens: datetime.date | None
    deadline: datetime.date | None

    @property
    def is_open(self) -> bool:
        return self.state is EntryState.OPEN

    def days_left(self, today: datetime.date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days


def entry_for(*, unit: OrgUnit, year: int, quarter: str, today: datetime.date) -> Entry:
    """Whether unit staff may enter for the quarter today; deadlines bind units, not planners."""
    window = window_of(year, quarter)
    if window is None or window.year.status == YearStatus.DRAFT:
        return Entry(EntryState.NOT_SCHEDULED, None, None)
    deadline = entry_deadline(unit=unit, year=year, quarter=quarter)
    if window.year.status == YearStatus.CLOSED:
        return Entry(EntryState.YEAR_CLOSED, window.entry_opens, deadline)
    if today < window.entry_opens:
        return Entry(EntryState.NOT_YET, window.entry_opens, deadline)
    assert deadline is not None
    if today > deadline:
        return Entry(EntryState.CLOSED, window.entry_opens, deadline)
    return Entry(EntryState.OPEN, window.entry_opens, deadline)


def correction_allows(*, unit: OrgUnit, year: int, quarter: str, today: datetime.date) -> bool:
    """Whether a correction session lets planners reopen the unit's verified submission of the
    quarter today: the year is closed and a session that is not ended covers the unit and quarter.
    It never opens entry by itself (`entry_for` stays `year_closed`)."""
    sessions = CorrectionSession.objects.filter(
        year__year=year, year__status=YearStatus.CLOSED, closed_at__isnull=True, ends_on__gte=today
    ).filter(models.Q(unit__isnull=True) | models.Q(unit=unit))
    return any(quarter in (session.quarters or []) for session in sessions)


@dataclass(frozen=True)
class YearDefinition:
    """The definition an indicator uses in a year, and the quarter it applies from."""

    indicator: Indicator
    version: IndicatorVersion
    definition: IndicatorDefinition
    start_quarter: str
    frozen: bool

    def applies_to(self, quarter: str) -> bool:
        return QUARTERS.index(quarter) >= QUARTERS.index(self.start_quarter)


def year_definitions(year: int, indicators: list[Indicator]) -> dict[int, YearDefinition]:
    """Each indicator's definition for the year: the frozen version once the year is open,
    the current version while it is still being prepared. Indicators without a formula are left out."""
    frozen = {
        f.indicator_id: f
        for f in FrozenDefinition.objects.filter(year__year=year, indicator__in=indicators).select_related(
            "version"
        )
    }
    result = {}
    for indicator in indicators:
        entry = frozen.get(indicator.pk)
        if entry is not None:
            version, start, is_frozen = entry.version, entry.start_quarter, True
        elif indicator.current_version is not None:
            version, start, is_frozen = indicator.current_version, "TW1", False
        else:
            continue
        definition = compiled_definition_of_version(version, code=indicator.code, name=indicator.name)
        result[indicator.pk] = YearDefinition(indicator, version, definition, start, is_frozen)
    return result


def year_definition(indicator: Indicator, year: int) -> YearDefinition | None:
    return year_definitions(year, [indicator]).get(indicator.pk)
