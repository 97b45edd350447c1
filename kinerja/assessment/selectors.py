"""Reads of the self-assessment, restricted to the units the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kinerja.accounts.access import Action, restrict
from kinerja.organization.models import OrgUnit
from kinerja.planning.models import Agreement

from .checks import Assessment, self_assessment


def assessed_units(*, user: Any, year: int) -> QuerySet[OrgUnit]:
    """The units the user sees that have a PK for the year (the others have nothing to assess)."""
    with_pk = Agreement.objects.filter(year=year, is_current=True).values("unit_id")
    return restrict(OrgUnit.objects.filter(pk__in=with_pk), user, Action.VIEW).order_by("path")


def unit_get(*, user: Any, code: str) -> OrgUnit:
    """A unit the user may read (VIEW), else 404: its existence is not revealed."""
    unit = restrict(OrgUnit.objects.all(), user, Action.VIEW).filter(code=code).first()
    if unit is None:
        raise Http404(code)
    return unit


def assessment_get(*, user: Any, code: str, year: int) -> Assessment:
    return self_assessment(unit=unit_get(user=user, code=code), year=year)
