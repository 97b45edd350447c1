"""What the survey puts on a unit's home page: delivered requests that nobody has rated yet."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, restrict
from kinerja.core.registry import WaitingItem

from .models import SurveyInvitation


def waiting_items(user: Any) -> list[WaitingItem]:
    unanswered = restrict(SurveyInvitation.objects.all(), user, Action.CHANGE).filter(
        request__survey_response__isnull=True
    )
    first = unanswered.select_related("request").order_by("created_at").first()
    if first is None:
        return []
    return [
        WaitingItem(
            title=_("Rate the service you received"),
            detail=_("Biro Perencanaan delivered %(number)s: nine questions, two minutes.")
            % {"number": first.request.number},
            url=reverse("survey:request", kwargs={"number": first.request.number}),
            count=unanswered.count(),
        )
    ]
