"""The SAKIP evaluation's recommendations as the source of IK-17's inputs.

IK-17 (Persentase rekomendasi hasil pengawasan yang tindak lanjutnya dilengkapi) takes
`rekomendasi_ditindaklanjuti` and `rekomendasi_total`; every PK indicator whose formula takes
those two inputs is recognised by them (not by its code), as the survey recognises IK-20. For unit
U, year Y and a period reported in quarter Q ending on day E:

- total: the recommendations of U's signed evaluations, signed on or before E, that were either
  signed in Y or not completed before 1 January Y (an older one still open is carried over);
- followed: those of them completed (accepted by the evaluator) on or before E.

A period whose total is 0 is not fed (the unit may enter it by hand). The writes go through the
performance app's feed door, which leaves a submitted, verified or closed quarter untouched and
says why. The rule and its decisions: docs/recommendations.md.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.feeds import FeedOutcome, realisation_feed_inputs
from kinerja.performance.selectors import plan_definitions
from kinerja.planning.periods import LAST_MONTH, QUARTER_OF, QUARTERS, entry_periods, quarters_up_to
from kinerja.planning.schedule import YearDefinition

from .models import EvaluationState, Recommendation, RecommendationStatus

SOURCE = "evaluation"
FOLLOWED, TOTAL = "rekomendasi_ditindaklanjuti", "rekomendasi_total"
INPUTS = (FOLLOWED, TOTAL)


def takes_recommendations(definition: Mapping[str, Any]) -> bool:
    """A formula fed from here: one that takes both of IK-17's inputs."""
    names = {spec.get("name") for spec in definition.get("inputs", [])}
    return set(INPUTS) <= names


def recommendation_indicators(*, unit: OrgUnit, year: int) -> list[tuple[Indicator, YearDefinition]]:
    """The indicators of the unit's current PK of the year whose definition for the year (the
    frozen one once the year is open) takes IK-17's inputs."""
    _plan, indicators, definitions = plan_definitions(unit=unit, year=year)
    return [
        (indicator, definitions[indicator.pk])
        for indicator in indicators
        if indicator.pk in definitions
        and takes_recommendations(definitions[indicator.pk].version.definition or {})
    ]


def _midnight(day: datetime.date) -> datetime.datetime:
    """The first instant of a day on the site's calendar (WIB)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def quarter_end(year: int, quarter: str) -> datetime.date:
    month = LAST_MONTH[quarter]
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def counted(*, unit: OrgUnit, year: int, until: datetime.date) -> QuerySet[Recommendation]:
    """The recommendations in year Y's total on day `until` (see the module's docstring)."""
    end, start = _midnight(until + datetime.timedelta(days=1)), _midnight(datetime.date(year, 1, 1))
    return Recommendation.objects.filter(
        evaluation__unit=unit,
        evaluation__state=EvaluationState.SIGNED,
        evaluation__signed_at__lt=end,
    ).filter(Q(evaluation__signed_at__gte=start) | Q(completed_at__isnull=True) | Q(completed_at__gte=start))


@dataclass(frozen=True)
class Tally:
    followed: int
    total: int


def tally(*, unit: OrgUnit, year: int, until: datetime.date) -> Tally:
    end = _midnight(until + datetime.timedelta(days=1))
    numbers = counted(unit=unit, year=year, until=until).aggregate(
        total=Count("pk"),
        followed=Count("pk", filter=Q(status=RecommendationStatus.DONE, completed_at__lt=end)),
    )
    return Tally(followed=numbers["followed"], total=numbers["total"])


@dataclass(frozen=True)
class PeriodFeed:
    """One period of one indicator: the figures counted and what the feed did with them."""

    indicator: Indicator
    period: str
    tally: Tally
    outcome: FeedOutcome


def feed_refresh(*, unit: OrgUnit, year: int, today: datetime.date | None = None) -> list[PeriodFeed]:
    """Write IK-17's inputs of every period of the indicator's schedule reported in a quarter of
    the year up to today's (all four once the year is over; none before it starts)."""
    today = today or timezone.localdate()
    if today.year < year:
        return []
    current = QUARTERS[-1] if today.year > year else QUARTERS[(today.month - 1) // 3]
    due = quarters_up_to(current)
    fed: list[PeriodFeed] = []
    for indicator, yd in recommendation_indicators(unit=unit, year=year):
        spec = yd.definition
        for period in entry_periods(spec.periodicity, spec.assessment_period):
            quarter = QUARTER_OF[period]
            if quarter not in due or not yd.applies_to(quarter):
                continue
            counts = tally(unit=unit, year=year, until=quarter_end(year, quarter))
            if counts.total == 0:
                outcome = FeedOutcome(False, _("No recommendations yet."))
            else:
                outcome = realisation_feed_inputs(
                    unit=unit,
                    indicator=indicator,
                    year=year,
                    period=period,
                    inputs={FOLLOWED: counts.followed, TOTAL: counts.total},
                    source=SOURCE,
                    today=today,
                )
            fed.append(PeriodFeed(indicator, period, counts, outcome))
    return fed


def fed_source(unit: Any, indicator: Any, year: int, definition: dict[str, Any]) -> dict[str, str]:
    """Registered with the performance app: IK-17's inputs come from here once the unit has a
    recommendation counted in the year; before that the unit enters them by hand."""
    if not takes_recommendations(definition):
        return {}
    if not counted(unit=unit, year=year, until=datetime.date(year, 12, 31)).exists():
        return {}
    return dict.fromkeys(INPUTS, _("Filled from the SAKIP evaluation's recommendations"))
