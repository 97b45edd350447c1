"""What the reports app puts on a user's home page."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, restrict, scope_for
from kinerja.core.registry import WaitingItem

from .models import DraftState, LkjDraft
from .selectors import drafts_waiting_review


def lkj_drafts(user: Any) -> list[WaitingItem]:
    """Planners: drafts submitted for review. Unit staff: their drafts a planner returned."""
    items: list[WaitingItem] = []
    waiting = drafts_waiting_review(user=user)
    count = waiting.count()
    if count:
        items.append(
            WaitingItem(
                title=_("LKj drafts waiting for your review"),
                detail=_("Oldest: %(unit)s, %(year)s")
                % {"unit": waiting[0].unit.name, "year": waiting[0].year},
                url=reverse("reports:index"),
                count=count,
                level="warning",
            )
        )
    # An administrator may change every unit; their to-do list is not every unit's returned draft.
    if not scope_for(user, Action.CHANGE).everything:
        returned = restrict(
            LkjDraft.objects.filter(state=DraftState.RETURNED).select_related("unit"), user, Action.CHANGE
        )
        items.extend(
            WaitingItem(
                title=_("LKj draft returned: %(unit)s, %(year)s")
                % {"unit": draft.unit.name, "year": draft.year},
                detail=draft.review_note[:200],
                url=reverse("reports:lkj", kwargs={"code": draft.unit.code, "year": draft.year}),
                level="warning",
            )
            for draft in returned[:5]
        )
    return items
