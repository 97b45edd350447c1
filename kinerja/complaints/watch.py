"""The answer-deadline watch: tell the handler (or every planner) once when an open complaint is late.

Nothing counts in the background: a scheduled run (`kinerja watch_complaints`, or the task) looks at
the open complaints. Each late complaint is one notification event, so repeated runs tell nobody twice.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from . import events
from .models import OPEN_STATES, Complaint


def complaint_deadlines_watch(*, now: datetime.datetime | None = None) -> dict[str, int]:
    moment = now or timezone.now()
    late = Complaint.objects.filter(state__in=OPEN_STATES, due_at__lt=moment).select_related(
        "unit", "handler"
    )
    return {"late": sum(events.notify_overdue(complaint) for complaint in late.order_by("pk"))}
