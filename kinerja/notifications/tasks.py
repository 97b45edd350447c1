"""The reminders as a background task, for deployments that schedule through the task queue."""

import datetime

from django.utils import timezone
from django_tasks import task

from .reminders import reminders_send


@task()
def send_reminders_task(*, today: str | None = None) -> dict[str, int]:
    """`today` is an ISO date (task arguments must be JSON); the server's local date by default."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return reminders_send(today=day)
