"""The daily reminders: entry opens, and 7 days, 3 service days and 1 day before a unit's deadline.

The middle mark counts service days (the service calendar: weekdays with service hours, without
national holidays and collective leave), so a long weekend does not eat the last working days a
unit has; it is therefore sent only on a service day, when exactly three service days remain up to
and including the deadline.

`reminders_send` may run any number of times a day (a cron job, a retried task, two servers):
every notification has an event key, and `notification_send` sends each key to each person once.
The texts are written in the site's language, whoever triggers the run.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.calendar.clock import ServiceCalendar
from kinerja.calendar.selectors import service_calendar
from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Realisation, RealisationState, Submission, SubmissionStatus
from kinerja.planning.models import AgreementIndicator, PeriodWindow, YearStatus
from kinerja.planning.periods import entry_periods, periods_in_quarter
from kinerja.planning.schedule import entry_deadline, year_definitions

from .recipients import planners, unit_staff
from .services import notification_send

FILLED = (RealisationState.VALUE, RealisationState.NOT_COMPUTABLE)
DONE = (SubmissionStatus.SUBMITTED, SubmissionStatus.VERIFIED)


@dataclass(frozen=True)
class Mark:
    """How long before a unit's deadline it is reminded: calendar days, or service days."""

    count: int
    service_days: bool = False

    @property
    def key(self) -> str:
        return f"{self.count}{'sd' if self.service_days else 'd'}"

    def label(self) -> str:
        if self.service_days:
            return ngettext("%(days)d service day", "%(days)d service days", self.count) % {
                "days": self.count
            }
        return ngettext("%(days)d day", "%(days)d days", self.count) % {"days": self.count}


#: The marks before a unit's deadline on which it is reminded of missing entries, earliest first.
MARKS = (Mark(7), Mark(3, service_days=True), Mark(1))


def service_days_left(
    calendar: ServiceCalendar, today: datetime.date, deadline: datetime.date, most: int
) -> int:
    """Service days after `today` up to and including `deadline`; counting stops past `most`."""
    count = 0
    day = today + datetime.timedelta(days=1)
    while day <= deadline and count <= most:
        count += calendar.is_service_day(day)
        day += datetime.timedelta(days=1)
    return count


@dataclass(frozen=True)
class Gap:
    """A unit's PK indicators due in a quarter, and how many of them have no value yet."""

    due: int
    missing: int


def missing_entries(*, unit_ids: list[int], year: int, quarter: str) -> dict[int, Gap]:
    """The units (of those given) with missing entries for the quarter.

    Missing: the quarter is not submitted or verified, and a PK indicator due in the quarter has
    no value and no "cannot be calculated" for one of its periods. An indicator is due when one
    of its entry periods is reported in this quarter and its year's definition applies by then;
    an indicator without a formula has nothing to enter.
    """
    done = set(
        Submission.objects.filter(
            unit_id__in=unit_ids, year=year, quarter=quarter, status__in=DONE
        ).values_list("unit_id", flat=True)
    )
    planned: dict[int, list[int]] = defaultdict(list)
    for unit_id, indicator_id in AgreementIndicator.objects.filter(
        agreement__unit_id__in=[u for u in unit_ids if u not in done],
        agreement__year=year,
        agreement__is_current=True,
    ).values_list("agreement__unit_id", "indicator_id"):
        planned[unit_id].append(indicator_id)
    if not planned:
        return {}
    indicator_ids = {i for ids in planned.values() for i in ids}
    definitions = year_definitions(
        year, list(Indicator.objects.filter(pk__in=indicator_ids).select_related("current_version"))
    )
    in_quarter = set(periods_in_quarter(quarter))
    due_periods: dict[int, set[str]] = {}
    for indicator_id, entry in definitions.items():
        if entry.applies_to(quarter):
            definition = entry.definition
            periods = in_quarter & set(entry_periods(definition.periodicity, definition.assessment_period))
            if periods:
                due_periods[indicator_id] = periods
    filled = set(
        Realisation.objects.filter(
            unit_id__in=list(planned), year=year, period__in=in_quarter, state__in=FILLED
        ).values_list("unit_id", "indicator_id", "period")
    )
    gaps = {}
    for unit_id, ids in planned.items():
        due = [i for i in ids if i in due_periods]
        missing = sum(1 for i in due if any((unit_id, i, p) not in filled for p in due_periods[i]))
        if missing:
            gaps[unit_id] = Gap(due=len(due), missing=missing)
    return gaps


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


class _Run:
    """One run of the reminders for one day; counts the notifications it created."""

    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.counts = {"entry_open": 0, "deadline": 0, "deadline_summary": 0}
        self.planners = planners(today)
        # A deadline is at most a few months ahead, and counting stops after a few service days.
        self.calendar = service_calendar(years=[today.year, today.year + 1])
        self.is_service_day = self.calendar.is_service_day(today)

    def marks(self, deadline: datetime.date) -> list[Mark]:
        """The marks a unit with this deadline is at today."""
        days = (deadline - self.today).days
        return [mark for mark in MARKS if self._at(mark, days, deadline)]

    def _at(self, mark: Mark, days: int, deadline: datetime.date) -> bool:
        if not mark.service_days:
            return days == mark.count
        return (
            self.is_service_day
            and days >= mark.count
            and service_days_left(self.calendar, self.today, deadline, mark.count) == mark.count
        )

    def window(self, window: PeriodWindow) -> None:
        year, quarter = window.year.year, window.quarter
        units = list(
            OrgUnit.objects.filter(
                is_active=True, agreements__year=year, agreements__is_current=True
            ).order_by("path")
        )
        if not units:
            return
        staff = unit_staff([u.pk for u in units], self.today)
        deadlines: dict[int, datetime.date] = {}
        for unit in units:
            deadline = entry_deadline(unit=unit, year=year, quarter=quarter)
            assert deadline is not None  # the window exists: it is the one being read
            deadlines[unit.pk] = deadline
        if window.entry_opens == self.today:
            for unit in units:
                self._entry_open(unit, staff.get(unit.pk, []), year, quarter, deadlines[unit.pk])
        marked: dict[Mark, list[OrgUnit]] = defaultdict(list)
        for unit in units:
            for mark in self.marks(deadlines[unit.pk]):
                marked[mark].append(unit)
        if not marked:
            return
        gaps = missing_entries(
            unit_ids=list({u.pk for group in marked.values() for u in group}), year=year, quarter=quarter
        )
        for mark in MARKS:
            group = marked.get(mark, [])
            lagging = [(unit, gaps[unit.pk], deadlines[unit.pk]) for unit in group if unit.pk in gaps]
            for unit, gap, deadline in lagging:
                self._deadline(unit, staff.get(unit.pk, []), year, quarter, mark, gap, deadline)
            if lagging:
                self._summary(lagging, year, quarter, mark)

    def _entry_open(
        self, unit: OrgUnit, people: list[Any], year: int, quarter: str, deadline: datetime.date
    ) -> None:
        values = {"quarter": quarter, "year": year, "unit": unit.name, "deadline": _date(deadline)}
        sent = notification_send(
            users=people,
            event_key=f"entry-open:{year}:{quarter}:{unit.pk}",
            title=_("Entry for %(quarter)s %(year)s is open") % values,
            body=_(
                "%(unit)s can now enter the realisation of %(quarter)s %(year)s. "
                "Entry closes on %(deadline)s."
            )
            % values,
        )
        self.counts["entry_open"] += len(sent)

    def _deadline(
        self,
        unit: OrgUnit,
        people: list[Any],
        year: int,
        quarter: str,
        mark: Mark,
        gap: Gap,
        deadline: datetime.date,
    ) -> None:
        values = {
            "quarter": quarter,
            "year": year,
            "unit": unit.name,
            "days": mark.label(),
            "missing": gap.missing,
            "due": gap.due,
            "deadline": _date(deadline),
        }
        body = ngettext(
            "%(missing)d of the %(due)d PK indicators of %(unit)s due in %(quarter)s %(year)s has no "
            "value yet. Entry closes on %(deadline)s.",
            "%(missing)d of the %(due)d PK indicators of %(unit)s due in %(quarter)s %(year)s have no "
            "value yet. Entry closes on %(deadline)s.",
            gap.missing,
        )
        sent = notification_send(
            users=people,
            event_key=f"deadline:{year}:{quarter}:{mark.key}:{unit.pk}",
            title=_("Entry for %(quarter)s %(year)s closes in %(days)s") % values,
            body=body % values,
            level="warning" if mark.count > 1 else "danger",
        )
        self.counts["deadline"] += len(sent)

    def _summary(
        self, lagging: list[tuple[OrgUnit, Gap, datetime.date]], year: int, quarter: str, mark: Mark
    ) -> None:
        lines = [
            _(
                "%(unit)s (%(code)s): %(missing)d of %(due)d indicators without a value; "
                "closes on %(deadline)s"
            )
            % {
                "unit": unit.name,
                "code": unit.code,
                "missing": gap.missing,
                "due": gap.due,
                "deadline": _date(deadline),
            }
            for unit, gap, deadline in lagging
        ]
        values = {"quarter": quarter, "year": year, "days": mark.label(), "count": len(lagging)}
        intro = ngettext(
            "%(count)d unit still has missing entries for %(quarter)s %(year)s, %(days)s before its "
            "deadline:",
            "%(count)d units still have missing entries for %(quarter)s %(year)s, %(days)s before their "
            "deadline:",
            len(lagging),
        )
        sent = notification_send(
            users=self.planners,
            event_key=f"deadline-summary:{year}:{quarter}:{mark.key}",
            title=_("Missing entries for %(quarter)s %(year)s, %(days)s before the deadline") % values,
            body="\n".join([intro % values, *(f"- {line}" for line in lines)]),
        )
        self.counts["deadline_summary"] += len(sent)


def reminders_send(*, today: datetime.date) -> dict[str, int]:
    """Send the day's reminders; returns how many notifications were new, by kind.

    Only windows of open years whose entry has opened are read, and of those only the ones whose
    deadline (or a unit's extension) has not passed.
    """
    run = _Run(today)
    windows = (
        PeriodWindow.objects.filter(year__status=YearStatus.OPEN, entry_opens__lte=today)
        .select_related("year")
        .order_by("year__year", "quarter")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for window in windows:
            if window.entry_closes >= today or window.extensions.filter(closes_on__gte=today).exists():
                run.window(window)
    return run.counts
