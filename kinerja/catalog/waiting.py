"""What the catalogue puts on a user's home page."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, restrict
from kinerja.core.registry import WaitingItem

from .models import Indicator, PicAssignment


def catalogue_gaps(user: Any) -> list[WaitingItem]:
    """Indicators the user can fix: no real objective yet (planners), nobody in charge (heads)."""
    items = []
    definable = restrict(Indicator.objects.filter(is_active=True), user, Action.DEFINE)
    placeholder = definable.filter(sasaran__is_placeholder=True).count()
    if placeholder:
        items.append(
            WaitingItem(
                title=_("Indicators without an objective"),
                detail=_("They sit under a placeholder objective until one is chosen on their sheet."),
                url=reverse("catalog:indicator_list"),
                count=placeholder,
                level="warning",
            )
        )
    # Planners and administrators reach every unit; this nudge is for the unit's own head.
    unassigned = restrict(Indicator.objects.filter(is_active=True), user, Action.ASSIGN_PIC).exclude(
        pk__in=PicAssignment.objects.filter(end_date__isnull=True).values("indicator_id")
    )
    count = 0 if placeholder or definable.exists() else unassigned.count()
    if count:
        items.append(
            WaitingItem(
                title=_("Indicators without a person in charge"),
                detail=_("Name who answers for each indicator of your unit on its sheet."),
                url=reverse("catalog:indicator_list"),
                count=count,
                level="warning",
            )
        )
    return items
