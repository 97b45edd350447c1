"""Reads of the organisation tree, restricted to what the viewer may see."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.accounts.access import Action, restrict

from .models import OrgUnit


def unit_list(*, user: Any, query: str = "", include_inactive: bool = False) -> QuerySet[OrgUnit]:
    qs = restrict(OrgUnit.objects.all(), user, Action.VIEW)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code__icontains=query))
    return qs.order_by("path")


def unit_get(*, user: Any, code: str, action: Action = Action.VIEW) -> OrgUnit:
    """A unit the user may act on; an invisible unit is a 404, so its existence is not revealed."""
    unit = restrict(OrgUnit.objects.select_related("parent"), user, action).filter(code=code).first()
    if unit is None:
        raise Http404(code)
    return unit
