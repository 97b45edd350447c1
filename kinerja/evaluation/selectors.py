"""Reads of evaluations, restricted to what the user may see (VIEW on the unit)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kinerja.accounts.access import Action, restrict

from .models import Evaluation, Worksheet, WorksheetStatus


def evaluation_list(*, user: Any, year: int | None = None) -> QuerySet[Evaluation]:
    qs = restrict(Evaluation.objects.select_related("unit", "worksheet"), user, Action.VIEW)
    return qs.filter(year=year) if year is not None else qs


def evaluation_get(*, user: Any, pk: int) -> Evaluation:
    """404 for an evaluation the user may not see, so its existence is not revealed."""
    return get_object_or_404(evaluation_list(user=user), pk=pk)


def worksheet_for(*, year: int) -> Worksheet:
    """The worksheet in force for an evaluated year: the newest active one valid from it."""
    worksheet = (
        Worksheet.objects.filter(status=WorksheetStatus.ACTIVE, valid_from__lte=year)
        .order_by("-valid_from")
        .first()
    )
    if worksheet is None:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError(
            {"year": _("No evaluation worksheet is in force for %(year)s.") % {"year": year}}
        )
    return worksheet
