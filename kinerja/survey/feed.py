"""The survey as the source of an indicator's table input (Tarakan's IK-20 `responden`).

The rows are the quarter's responses of the feed's services, one row per questionnaire, written
through `kinerja.performance.feeds.realisation_feed`, which keeps the period's other inputs and
refuses (quietly, with a reason) a quarter that is submitted, verified or closed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from kinerja.calendar.clock import WIB
from kinerja.planning.periods import LAST_MONTH, QUARTERS

from .ikm import ELEMENTS
from .models import SurveyFeed, SurveyResponse

SOURCE = "survey"


def quarter_of(moment: datetime.datetime) -> tuple[int, str]:
    """The year and quarter of an instant, on the Asia/Jakarta calendar."""
    day = moment.astimezone(WIB).date()
    return day.year, QUARTERS[(day.month - 1) // 3]


def period_instants(year: int, period: str) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) of a quarter (TW1..TW4) or of the whole year (TAHUN), in WIB."""
    if period in LAST_MONTH:
        last = LAST_MONTH[period]
        start = datetime.datetime(year, last - 2, 1, tzinfo=WIB)
        end = (
            datetime.datetime(year + 1, 1, 1, tzinfo=WIB)
            if last == 12
            else datetime.datetime(year, last + 1, 1, tzinfo=WIB)
        )
        return start, end
    return datetime.datetime(year, 1, 1, tzinfo=WIB), datetime.datetime(year + 1, 1, 1, tzinfo=WIB)


def feed_rows(feed: SurveyFeed, year: int, period: str) -> list[dict[str, int]]:
    start, end = period_instants(year, period)
    responses = SurveyResponse.objects.filter(
        service__in=feed.services.all(), submitted_at__gte=start, submitted_at__lt=end
    ).order_by("submitted_at", "pk")
    return [dict(zip(ELEMENTS, values, strict=True)) for values in responses.values_list(*ELEMENTS)]


def feed_refresh(
    *, unit: Any, year: int, period: str, today: datetime.date | None = None
) -> list[tuple[SurveyFeed, Any]]:
    """Write every feed of the unit for one quarter; returns each feed with the feed's outcome."""
    from kinerja.performance.feeds import realisation_feed

    outcomes = []
    for feed in SurveyFeed.objects.filter(unit=unit).select_related("indicator"):
        outcome = realisation_feed(
            unit=unit,
            indicator=feed.indicator,
            year=year,
            period=period,
            input_name=feed.input_name,
            rows=feed_rows(feed, year, period),
            source=SOURCE,
            today=today,
        )
        outcomes.append((feed, outcome))
    return outcomes


def fed_source(unit: Any, indicator: Any, year: int, definition: dict[str, Any]) -> dict[str, str]:
    """Registered with the performance app: which of this indicator's inputs the survey fills."""
    names = SurveyFeed.objects.filter(unit=unit, indicator=indicator).values_list("input_name", flat=True)
    return dict.fromkeys(names, _("Filled from the satisfaction survey"))
