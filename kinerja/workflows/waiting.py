"""What the request register puts on a user's home page: my queue, and my unit's open requests."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, restrict
from kinerja.core.registry import WaitingItem

from .models import OPEN_STATUSES, RequestStatus, ServiceRequest


def waiting_items(user: Any) -> list[WaitingItem]:
    items = []
    index = reverse("workflows:index")
    mine = ServiceRequest.objects.filter(assigned_to=user, status__in=OPEN_STATUSES).count()
    if mine:
        items.append(
            WaitingItem(
                title=_("Service requests in your queue"),
                detail=_("Their service clocks run in service hours; open the register to see them."),
                url=f"{index}?queue=mine",
                count=mine,
                level="warning",
            )
        )
    own = restrict(ServiceRequest.objects.all(), user, Action.CHANGE).filter(
        status__in=(RequestStatus.AWAITING, RequestStatus.RETURNED)
    )
    count = own.count()
    if count:
        items.append(
            WaitingItem(
                title=_("Service requests waiting for your unit"),
                detail=_("Complete their requirements so that Biro Perencanaan can serve them."),
                url=f"{index}?queue=open",
                count=count,
                level="info",
            )
        )
    return items
