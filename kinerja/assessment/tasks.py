"""The IK-16 feed refreshed in the background (the queue's worker runs it)."""

from django_tasks import task

from kinerja.organization.models import OrgUnit

from .feed import feed_refresh


@task()
def assessment_refresh_task(*, unit_id: int, year: int) -> list[str]:
    unit = OrgUnit.objects.get(pk=unit_id)
    return [
        f"{indicator.code}: {'written' if outcome.written else outcome.reason}"
        for indicator, outcome in feed_refresh(unit=unit, year=year)
    ]
