"""Writes of the service calendar: collective-leave days and the weekly service hours.

Only administrators change the calendar (every time limit is measured on it); the check is here,
not only in the adapters, because the calendar is not owned by a unit that `can()` could test.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, is_administrator, scope_for

from .models import CollectiveLeave, ServiceHours, Weekday
from .selectors import FIRST_YEAR, LAST_YEAR, suggested_collective_leave


def may_manage_calendar(user: Any) -> bool:
    return is_administrator(user) or scope_for(user, Action.MANAGE).everything


def _require_admin(actor: Any) -> None:
    if not may_manage_calendar(actor):
        raise PermissionDenied


def _check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {
                "year": _("Choose a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )
    return year


def _check_weekday(weekday: Any) -> Weekday:
    if isinstance(weekday, bool) or weekday not in Weekday.values:
        raise ValidationError({"weekday": _("Choose a day of the week.")})
    return Weekday(weekday)


@transaction.atomic
def collective_leave_add(*, actor: Any, date: datetime.date, name: str) -> CollectiveLeave:
    """A cuti bersama day: no service that day."""
    _require_admin(actor)
    if not isinstance(date, datetime.date) or isinstance(date, datetime.datetime):
        raise ValidationError({"date": _("Enter a date.")})
    _check_year(date.year)
    leave = CollectiveLeave(date=date, name=(name or "").strip(), created_by=actor)
    leave.full_clean(validate_unique=False)
    if CollectiveLeave.objects.filter(date=date).exists():
        raise ValidationError(
            {"date": _("%(date)s is already a collective-leave day.") % {"date": date.isoformat()}}
        )
    try:
        with transaction.atomic():
            leave.save()
    except IntegrityError:  # entered at the same moment by another administrator
        raise ValidationError(
            {"date": _("%(date)s is already a collective-leave day.") % {"date": date.isoformat()}}
        ) from None
    return leave


@transaction.atomic
def collective_leave_delete(*, actor: Any, leave: CollectiveLeave) -> None:
    _require_admin(actor)
    leave.delete()


@transaction.atomic
def collective_leave_import(*, actor: Any, year: int) -> list[CollectiveLeave]:
    """Enter the library's suggested cuti bersama days of the year; days already entered are kept."""
    _require_admin(actor)
    _check_year(year)
    added = []
    for date, name in sorted(suggested_collective_leave(year=year).items()):
        leave, created = CollectiveLeave.objects.get_or_create(
            date=date, defaults={"name": name[:200], "created_by": actor}
        )
        if created:
            added.append(leave)
    return added


@transaction.atomic
def service_hours_set(
    *, actor: Any, weekday: int, opens: datetime.time, closes: datetime.time
) -> ServiceHours:
    """The hours of one weekday (WIB); a day without hours gets them."""
    _require_admin(actor)
    day = _check_weekday(weekday)
    errors: dict[str, str] = {}
    if not isinstance(opens, datetime.time):
        errors["opens"] = _("Enter a time.")
    if not isinstance(closes, datetime.time):
        errors["closes"] = _("Enter a time.")
    if errors:
        raise ValidationError(errors)
    if closes <= opens:
        raise ValidationError({"closes": _("Closing time must come after opening time.")})
    row = ServiceHours.objects.select_for_update().filter(weekday=day).first()
    if row is None:
        row = ServiceHours(weekday=day)
    elif (row.opens, row.closes) == (opens, closes):
        return row
    row.opens, row.closes = opens, closes
    row.save()
    return row


@transaction.atomic
def service_hours_clear(*, actor: Any, weekday: int) -> None:
    """No service on that weekday any more; the last day with hours cannot go, or no clock could run."""
    _require_admin(actor)
    day = _check_weekday(weekday)
    rows = list(ServiceHours.objects.select_for_update().order_by("weekday"))
    if [row.weekday for row in rows] == [day.value]:
        raise ValidationError({"weekday": _("At least one day of the week must keep its service hours.")})
    ServiceHours.objects.filter(weekday=day).delete()


def service_hours_ensure() -> None:
    """Put back the standard's hours when no weekday has any (a flushed test database)."""
    import importlib

    if ServiceHours.objects.exists():
        return
    seeded = importlib.import_module("kinerja.calendar.migrations.0002_default_hours")
    for weekday, opens, closes in seeded.HOURS:
        ServiceHours.objects.create(weekday=weekday, opens=opens, closes=closes)
