"""What the recommendations put on a user's home page."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, restrict, scope_for
from kinerja.core.registry import WaitingItem

from .models import EvaluationState, Recommendation, RecommendationStatus
from .recommendations import overdue


def recommendations_waiting(user: Any) -> list[WaitingItem]:
    """Unit staff and owners: their unit's open recommendations (overdue ones in red).
    Evaluators: follow-ups waiting for their acceptance."""
    if not getattr(user, "is_authenticated", False):
        return []
    items: list[WaitingItem] = []
    issued = Recommendation.objects.filter(evaluation__state=EvaluationState.SIGNED)
    base = reverse("evaluation:recommendations")
    # An administrator may change every unit; their to-do list is not every unit's recommendation.
    if scope_for(user, Action.CHANGE).everything:
        mine = issued.filter(owner=user)
    else:
        mine = issued.filter(Q(pk__in=restrict(issued, user, Action.CHANGE).values("pk")) | Q(owner=user))
    open_rows = mine.filter(status=RecommendationStatus.OPEN)
    count = open_rows.count()
    if count:
        late = overdue(open_rows, timezone.localdate()).count()
        items.append(
            WaitingItem(
                title=_("Recommendations of the SAKIP evaluation to follow up"),
                detail=(
                    _("%(late)d of them are past their due date.") % {"late": late}
                    if late
                    else _("Add what was done, with its documents, and submit it to the evaluator.")
                ),
                url=f"{base}?status={RecommendationStatus.OPEN}" + ("&overdue=1" if late else ""),
                count=count,
                level="danger" if late else "warning",
            )
        )
    waiting = restrict(issued.filter(status=RecommendationStatus.FOLLOWED_UP), user, Action.EVALUATE)
    count = waiting.count()
    if count:
        items.append(
            WaitingItem(
                title=_("Follow-ups of recommendations waiting for your acceptance"),
                detail=_("Accept each one, or reopen it with what is still missing."),
                url=f"{base}?status={RecommendationStatus.FOLLOWED_UP}",
                count=count,
                level="warning",
            )
        )
    return items
