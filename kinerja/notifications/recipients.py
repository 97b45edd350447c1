"""Who is told: the staff who enter a unit's data, and the planners who verify it.

Read from role assignments in force on the given day, so a revoked or expired role receives
nothing; inactive people and units are left out.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from kinerja.accounts.models import Role, RoleAssignment

UNIT_STAFF = (Role.OPERATOR, Role.UNIT_HEAD)


def _in_force(roles: Iterable[Role], on: datetime.date) -> Any:
    return (
        RoleAssignment.objects.filter(
            role__in=list(roles), is_active=True, user__is_active=True, unit__is_active=True
        )
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=on))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("user")
        .order_by("user__username")
    )


def unit_staff(unit_ids: Iterable[int], on: datetime.date) -> dict[int, list[Any]]:
    """Per unit, its operators and unit heads (each person once)."""
    staff: dict[int, dict[int, Any]] = {}
    for assignment in _in_force(UNIT_STAFF, on).filter(unit_id__in=list(unit_ids)):
        staff.setdefault(assignment.unit_id, {})[assignment.user_id] = assignment.user
    return {unit_id: list(people.values()) for unit_id, people in staff.items()}


def planners(on: datetime.date) -> list[Any]:
    people = {a.user_id: a.user for a in _in_force([Role.PLANNER], on)}
    return list(people.values())
