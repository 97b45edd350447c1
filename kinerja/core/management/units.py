"""The units a feed command works on, shared by the commands that refresh fed indicators."""

from django.core.management.base import CommandError
from django.db.models import QuerySet

from kinerja.organization.models import OrgUnit
from kinerja.planning.models import Agreement


def units_with_pk(*, year: int, code: str = "") -> QuerySet[OrgUnit]:
    """Every unit with a current PK for the year, or only the one named (exit 2 if it has none)."""
    units = OrgUnit.objects.filter(
        pk__in=Agreement.objects.filter(year=year, is_current=True).values("unit_id")
    ).order_by("path")
    if code:
        units = units.filter(code=code)
        if not units.exists():
            raise CommandError(f"{code}: no unit with a PK for {year}", returncode=2)
    return units
