"""The one access mechanism: what each role may do, and `restrict()` to apply it to a queryset.

Every view, API endpoint and command that reads unit-owned data goes through `restrict()`;
object-level checks use `can()`, which reads the same rules. A model takes part by naming
the lookup from itself to its owning OrgUnit in a `unit_lookup` class attribute.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from .models import Role, RoleAssignment

if TYPE_CHECKING:
    from kinerja.organization.models import OrgUnit

M = TypeVar("M", bound=Model)


class UnitOwned(Protocol):
    """A model whose rows belong to a unit: `unit_lookup` is the ORM path to that OrgUnit."""

    unit_lookup: ClassVar[str]


class Action(StrEnum):
    VIEW = "view"  # read a unit's data
    CHANGE = "change"  # enter or edit a unit's own data
    MANAGE = "manage"  # master data: units, people, roles
    READ_CATALOG = "read_catalog"  # indicator definitions, which cascade down the tree
    DEFINE = "define"  # create and change indicator definitions and formulas
    ASSIGN_PIC = "assign_pic"  # name the person in charge of a unit's indicator
    SCHEDULE = "schedule"  # open and close years, set entry windows, grant deadline extensions
    VERIFY = "verify"  # verify, return and reopen a unit's quarterly submission
    SERVE = "serve"  # act for Biro Perencanaan on a service request: invite, return, work, deliver
    EVALUATE = "evaluate"  # score a unit's SAKIP evaluation (LKE) and issue its report


class Reach(StrEnum):
    ALL = "all"
    SUBTREE = "subtree"  # the unit of the assignment and every unit below it
    OWN = "own"  # the unit of the assignment only
    # Indicators cascade from parent units: a unit's staff must read the definitions above them.
    OWN_AND_ANCESTORS = "own_and_ancestors"
    SUBTREE_AND_ANCESTORS = "subtree_and_ancestors"


RULES: dict[Action, dict[Role, Reach]] = {
    Action.VIEW: {
        Role.ADMIN: Reach.ALL,
        Role.PLANNER: Reach.ALL,
        Role.INSPECTOR: Reach.ALL,
        Role.LEADERSHIP: Reach.ALL,
        Role.UNIT_HEAD: Reach.SUBTREE,
        Role.OPERATOR: Reach.OWN,
    },
    Action.CHANGE: {
        Role.ADMIN: Reach.ALL,
        Role.UNIT_HEAD: Reach.OWN,
        Role.OPERATOR: Reach.OWN,
    },
    Action.MANAGE: {Role.ADMIN: Reach.ALL},
    Action.READ_CATALOG: {
        Role.ADMIN: Reach.ALL,
        Role.PLANNER: Reach.ALL,
        Role.INSPECTOR: Reach.ALL,
        Role.LEADERSHIP: Reach.ALL,
        Role.UNIT_HEAD: Reach.SUBTREE_AND_ANCESTORS,
        Role.OPERATOR: Reach.OWN_AND_ANCESTORS,
    },
    Action.DEFINE: {Role.ADMIN: Reach.ALL, Role.PLANNER: Reach.ALL},
    Action.ASSIGN_PIC: {Role.ADMIN: Reach.ALL, Role.PLANNER: Reach.ALL, Role.UNIT_HEAD: Reach.OWN},
    Action.SCHEDULE: {Role.ADMIN: Reach.ALL, Role.PLANNER: Reach.ALL},
    Action.VERIFY: {Role.ADMIN: Reach.ALL, Role.PLANNER: Reach.ALL},
    Action.SERVE: {Role.ADMIN: Reach.ALL, Role.PLANNER: Reach.ALL},
    Action.EVALUATE: {Role.ADMIN: Reach.ALL, Role.INSPECTOR: Reach.ALL},
}


@dataclass(frozen=True)
class Scope:
    everything: bool
    unit_ids: frozenset[int]
    subtree_paths: tuple[str, ...]

    def q(self, lookup: str) -> Q | None:
        """A filter for rows whose unit is in scope; None means nothing is."""
        prefix = "" if lookup == "pk" else f"{lookup}__"
        conditions = Q()
        if self.unit_ids:
            conditions |= Q(**{f"{lookup}__in": self.unit_ids})
        for path in self.subtree_paths:
            conditions |= Q(**{f"{prefix}path__startswith": path})
        return conditions or None

    def covers(self, unit: OrgUnit) -> bool:
        return (
            self.everything
            or unit.pk in self.unit_ids
            or any(unit.path.startswith(p) for p in self.subtree_paths)
        )


NOTHING = Scope(everything=False, unit_ids=frozenset(), subtree_paths=())


def active_assignments(user: Any, on: datetime.date | None = None) -> list[RoleAssignment]:
    """The user's roles in force today, loaded once per request and cached on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = user.__dict__.setdefault("_kinerja_assignments", {})
    day = on or timezone.localdate()
    if day not in cache:
        cache[day] = list(
            RoleAssignment.objects.filter(user=user, is_active=True, unit__is_active=True)
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=day))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
            .select_related("unit")
        )
    result: list[RoleAssignment] = cache[day]
    return result


def roles_of(user: Any) -> set[Role]:
    roles = {Role(a.role) for a in active_assignments(user)}
    if getattr(user, "is_superuser", False) and user.is_active:
        roles.add(Role.ADMIN)
    return roles


def is_administrator(user: Any) -> bool:
    return Role.ADMIN in roles_of(user)


def ancestor_ids(unit: OrgUnit) -> set[int]:
    """The primary keys of a unit's ancestors, read straight from its materialised path."""
    from kinerja.organization.models import PATH_STEP

    steps = [unit.path[i : i + PATH_STEP] for i in range(0, len(unit.path), PATH_STEP)]
    return {int(step) for step in steps[:-1]}


def scope_for(user: Any, action: Action) -> Scope:
    rules = RULES[action]
    if is_administrator(user) and Role.ADMIN in rules:
        return Scope(everything=True, unit_ids=frozenset(), subtree_paths=())
    unit_ids: set[int] = set()
    paths: list[str] = []
    for assignment in active_assignments(user):
        reach = rules.get(Role(assignment.role))
        if reach is Reach.ALL:
            return Scope(everything=True, unit_ids=frozenset(), subtree_paths=())
        if reach in (Reach.OWN_AND_ANCESTORS, Reach.SUBTREE_AND_ANCESTORS):
            unit_ids.update(ancestor_ids(assignment.unit))
        if reach in (Reach.OWN, Reach.OWN_AND_ANCESTORS):
            unit_ids.add(assignment.unit_id)
        elif reach in (Reach.SUBTREE, Reach.SUBTREE_AND_ANCESTORS):
            paths.append(assignment.unit.path)
    return Scope(everything=False, unit_ids=frozenset(unit_ids), subtree_paths=tuple(paths))


def restrict(queryset: QuerySet[M], user: Any, action: Action = Action.VIEW) -> QuerySet[M]:
    """The rows of `queryset` that `user` may act on; the model names its unit via unit_lookup."""
    scope = scope_for(user, action)
    if scope.everything:
        return queryset
    condition = scope.q(cast(UnitOwned, queryset.model).unit_lookup)
    return queryset.filter(condition) if condition is not None else queryset.none()


def can(user: Any, action: Action, unit: OrgUnit) -> bool:
    return scope_for(user, action).covers(unit)
