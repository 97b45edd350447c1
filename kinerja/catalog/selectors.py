"""Reads of the catalogue, restricted to what the viewer may see."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.accounts.access import Action, restrict
from kinerja.organization.models import OrgUnit

from .models import Indicator, Sasaran


def indicator_list(
    *,
    user: Any,
    query: str = "",
    unit_code: str = "",
    kind: str = "",
    periodicity: str = "",
    sasaran_id: int | None = None,
    include_inactive: bool = False,
) -> QuerySet[Indicator]:
    qs = restrict(
        Indicator.objects.select_related("unit", "sasaran", "current_version"), user, Action.READ_CATALOG
    )
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if query:
        qs = qs.filter(Q(code__icontains=query) | Q(name__icontains=query) | Q(definition__icontains=query))
    if unit_code:
        qs = qs.filter(unit__code=unit_code)
    if kind:
        qs = qs.filter(kind=kind)
    if periodicity:
        qs = qs.filter(current_version__definition__periodicity=periodicity)
    if sasaran_id:
        qs = qs.filter(sasaran_id=sasaran_id)
    return qs.order_by("unit__path", "code")


def indicator_get(*, user: Any, pk: int, action: Action = Action.READ_CATALOG) -> Indicator:
    indicator = (
        restrict(
            Indicator.objects.select_related("unit", "sasaran", "current_version", "parent_indicator"),
            user,
            action,
        )
        .filter(pk=pk)
        .first()
    )
    if indicator is None:
        raise Http404(str(pk))
    return indicator


def indicator_by_code(*, user: Any, code: str, unit_code: str = "") -> Indicator:
    """An indicator by its code; codes repeat across units, so a unit code may be needed."""
    qs = indicator_list(user=user, unit_code=unit_code, include_inactive=True).filter(code=code)
    matches = list(qs[:2])
    if not matches:
        raise Http404(code)
    if len(matches) > 1:
        raise Indicator.MultipleObjectsReturned(code)
    return matches[0]


def sasaran_list(*, user: Any, unit_code: str = "") -> QuerySet[Sasaran]:
    qs = restrict(Sasaran.objects.select_related("unit"), user, Action.READ_CATALOG)
    return qs.filter(unit__code=unit_code) if unit_code else qs


def cascade_children(*, user: Any, indicator: Indicator) -> QuerySet[Indicator]:
    return indicator_list(user=user).filter(parent_indicator=indicator)


def definable_units(*, user: Any) -> QuerySet[OrgUnit]:
    """Units whose catalogue the user may extend."""
    return restrict(OrgUnit.objects.filter(is_active=True), user, Action.DEFINE).order_by("path")
