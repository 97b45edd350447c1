"""Who hears of a complaint: the bureau's officers when it arrives, the handler when it is assigned.

Sent after the transaction commits (the services queue these with on_commit); each event key names
the complaint, so a retried call does not notify twice.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.notifications.recipients import planners
from kinerja.notifications.services import notification_send

from .models import Complaint


def complaint_url(complaint: Complaint) -> str:
    return reverse("complaints:detail", kwargs={"number": complaint.number})


def officers(complaint: Complaint) -> list[Any]:
    """The handler, or every planner while nobody is assigned."""
    return [complaint.handler] if complaint.handler else planners(timezone.localdate())


def _values(complaint: Complaint) -> dict[str, Any]:
    return {
        "number": complaint.number,
        "kind": complaint.get_kind_display(),
        "subject": complaint.subject,
        "unit": complaint.unit.short_name,
    }


def notify_received(complaint: Complaint) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        values = _values(complaint)
        notification_send(
            users=planners(timezone.localdate()),
            event_key=f"complaint-new:{complaint.pk}",
            title=_("New %(kind)s %(number)s") % values,
            body=_("%(subject)s (addressed to %(unit)s). Triage it and name a handler.") % values,
            url=complaint_url(complaint),
        )


def notify_assigned(complaint: Complaint) -> None:
    if complaint.handler is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = _values(complaint)
        notification_send(
            users=[complaint.handler],
            event_key=f"complaint-assigned:{complaint.pk}:{complaint.handler_id}",
            title=_("%(number)s is assigned to you") % values,
            body=_("%(kind)s: %(subject)s") % values,
            url=complaint_url(complaint),
        )


def notify_overdue(complaint: Complaint) -> bool:
    with translation.override(settings.LANGUAGE_CODE):
        values = _values(complaint)
        sent = notification_send(
            users=officers(complaint),
            event_key=f"complaint-overdue:{complaint.pk}",
            title=_("%(number)s has passed its answer deadline") % values,
            body=_("%(kind)s: %(subject)s. Answer it or set it aside with a reason.") % values,
            url=complaint_url(complaint),
            level="danger",
        )
    return bool(sent)
