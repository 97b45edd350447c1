"""Reads of people and roles, already restricted to what the viewer may see."""

from typing import Any

from django.db.models import QuerySet

from .access import Action, restrict
from .models import RoleAssignment


def role_assignment_list(*, user: Any, unit_id: int | None = None) -> QuerySet[RoleAssignment]:
    qs = restrict(RoleAssignment.objects.select_related("user", "unit"), user, Action.VIEW)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    return qs.filter(is_active=True).order_by("role", "user__full_name")
