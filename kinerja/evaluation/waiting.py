"""What the evaluation puts on a user's home page: the unit's self-assessment still to finish (or
returned), and for evaluators the submitted evaluations waiting for scoring. Reports waiting for
a signature are listed by the signatures app."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, restrict, scope_for
from kinerja.core.registry import WaitingItem

from .models import Evaluation, EvaluationState
from .services import WITH_THE_UNIT


def evaluations_waiting(user: Any) -> list[WaitingItem]:
    items: list[WaitingItem] = []
    rows = Evaluation.objects.select_related("unit").order_by("submitted_at", "pk")
    submitted = restrict(rows.filter(state=EvaluationState.SUBMITTED), user, Action.EVALUATE)
    count = submitted.count()
    if count:
        oldest = submitted[0]
        items.append(
            WaitingItem(
                title=_("SAKIP evaluations waiting for scoring"),
                detail=_("Oldest: %(unit)s, %(year)s") % {"unit": oldest.unit.name, "year": oldest.year},
                url=reverse("evaluation:index") + "?state=submitted",
                count=count,
                level="warning",
            )
        )
    # An administrator may change every unit; their to-do list is not every unit's self-assessment.
    if not scope_for(user, Action.CHANGE).everything:
        open_ = restrict(rows.filter(state__in=WITH_THE_UNIT), user, Action.CHANGE)
        items.extend(
            WaitingItem(
                title=(
                    _("SAKIP evaluation returned: %(unit)s, %(year)s")
                    if evaluation.state == EvaluationState.RETURNED
                    else _("SAKIP self-assessment to complete: %(unit)s, %(year)s")
                )
                % {"unit": evaluation.unit.name, "year": evaluation.year},
                detail=evaluation.return_note[:200],
                url=reverse("evaluation:detail", kwargs={"pk": evaluation.pk}),
                level="warning" if evaluation.state == EvaluationState.RETURNED else "info",
            )
            for evaluation in open_[:5]
        )
    return items
