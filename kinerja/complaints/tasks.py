"""The answer-deadline watch as a background task, for deployments that schedule through the task queue."""

from django_tasks import task

from kinerja.calendar.sla import parse_instant

from .watch import complaint_deadlines_watch


@task()
def watch_complaints_task(*, now: str | None = None) -> dict[str, int]:
    """`now` is an ISO 8601 instant (task arguments must be JSON), WIB without an offset; default now."""
    return complaint_deadlines_watch(now=parse_instant(now, field="now") if now else None)
