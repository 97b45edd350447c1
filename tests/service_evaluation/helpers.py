"""Requests as the register holds them, with known service time: the report's figures are then exact."""

import datetime
import itertools

from kinerja.calendar.clock import WIB
from kinerja.organization.models import OrgUnit
from kinerja.workflows.models import ServiceRequest

LIMITS = {"validasi": 24 * 60, "verifikasi": 23 * 60 + 45, "pendampingan": 23 * 60}
_numbers = itertools.count(1)


def wib(*args):
    return datetime.datetime(*args, tzinfo=WIB)


def make(
    actors,
    *,
    kind="validasi",
    status="delivered",
    seconds=None,
    compensation="",
    opened=None,
    officer="planner",
    given=False,
    unit=None,
    received=None,
    delivered=None,
):
    """One request opened at `opened` (WIB); a delivered one carries its service seconds and rung."""
    opened = opened or wib(2025, 2, 3, 9, 0)
    serial = next(_numbers)
    number = f"T{serial:05d}"
    # One live request per service, unit and period: each made-up request gets a unit of its own.
    units = OrgUnit.objects.order_by("pk")
    place = units.get(code=unit) if unit else units[serial % units.count()]
    request = ServiceRequest.objects.create(
        number=number,
        kind=kind,
        unit=place,
        year=opened.year,
        quarter="TW1" if kind == "verifikasi" else "",
        origin="invitation",
        status=status,
        assigned_to=actors[officer] if officer else None,
        opened_by=actors["planner"],
        limit_minutes=LIMITS[kind],
        service_seconds=seconds,
        compensation=compensation,
        received_at=received,
        delivered_at=delivered,
        compensation_given_at=opened + datetime.timedelta(days=10) if given else None,
        compensation_given_by=actors["planner"] if given else None,
        compensation_note="Disampaikan" if given else "",
    )
    # opened_at is set on creation; the report reads it, so place the request in its period.
    ServiceRequest.objects.filter(pk=request.pk).update(opened_at=opened)
    request.refresh_from_db()
    return request
