"""What complaint handling puts on an officer's home page: their open complaints, and those not triaged."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, restrict, scope_for
from kinerja.core.registry import WaitingItem

from .models import OPEN_STATES, Complaint, ComplaintState


def may_see(user: Any) -> bool:
    """The menu shows for those who handle or supervise complaints; unit staff follow their notifications."""
    return scope_for(user, Action.SERVE).everything or scope_for(user, Action.VIEW).everything


def waiting_items(user: Any) -> list[WaitingItem]:
    items = []
    index = reverse("complaints:list")
    mine = Complaint.objects.filter(handler=user, state__in=OPEN_STATES)
    count = mine.count()
    if count:
        late = mine.filter(due_at__lt=timezone.now()).count()
        items.append(
            WaitingItem(
                title=_("Complaints you handle"),
                detail=_("%(late)d of them past the answer deadline.") % {"late": late}
                if late
                else _("Answer them before their deadline."),
                url=index,
                count=count,
                level="danger" if late else "warning",
            )
        )
    new = restrict(Complaint.objects.all(), user, Action.SERVE).filter(state=ComplaintState.RECEIVED).count()
    if new:
        items.append(
            WaitingItem(
                title=_("Complaints waiting for triage"),
                detail=_("Confirm their kind and service and name a handler."),
                url=f"{index}?state={ComplaintState.RECEIVED}",
                count=new,
                level="info",
            )
        )
    return items
