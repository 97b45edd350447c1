"""The IK-17 feed refreshed in the background (the queue's worker runs it), e.g. when a quarter
begins and nothing else would write its figures."""

from django_tasks import task

from kinerja.organization.models import OrgUnit

from .feed import feed_refresh


@task()
def recommendations_feed_task(*, unit_id: int, year: int) -> list[str]:
    unit = OrgUnit.objects.get(pk=unit_id)
    return [
        f"{row.indicator.code} {row.period}: {'written' if row.outcome.written else row.outcome.reason}"
        for row in feed_refresh(unit=unit, year=year)
    ]
