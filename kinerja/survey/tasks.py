"""The IK-20 feed refreshed in the background after each response (the queue's worker runs it)."""

from django_tasks import task

from kinerja.organization.models import OrgUnit

from .feed import feed_refresh


@task()
def feed_refresh_task(*, unit_id: int, year: int, period: str) -> list[str]:
    unit = OrgUnit.objects.get(pk=unit_id)
    return [
        f"{feed.indicator.code}: {'written' if outcome.written else outcome.reason}"
        for feed, outcome in feed_refresh(unit=unit, year=year, period=period)
    ]
