"""The self-assessment as the source of IK-16's inputs.

Every PK indicator whose formula takes IK-16's inputs (`checks.is_self_assessment`) is filled at
its assessment quarter with the fourteen yes/no items and the NPSS values of `self_assessment`,
through the performance app's feed door, which keeps the narrative and leaves a submitted,
verified or closed quarter untouched (with the reason).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.feeds import FeedOutcome, realisation_feed_inputs

from .checks import COMPARISONS, DOCUMENTS, assessment_indicators, is_self_assessment, self_assessment

SOURCE = "assessment"
FED = (*DOCUMENTS, *COMPARISONS, "npss")


def feed_refresh(
    *, unit: OrgUnit, year: int, today: datetime.date | None = None
) -> list[tuple[Indicator, FeedOutcome]]:
    """Write the assessment into each self-assessment indicator of the unit's PK for the year."""
    outcomes: list[tuple[Indicator, FeedOutcome]] = []
    for indicator, yd in assessment_indicators(unit=unit, year=year):
        quarter = yd.definition.assessment_period or "TW3"
        inputs = self_assessment(unit=unit, year=year, quarter=quarter).inputs
        if not inputs["npss"]:
            outcomes.append((indicator, FeedOutcome(False, _("No verified quarterly score yet."))))
            continue
        outcomes.append(
            (
                indicator,
                realisation_feed_inputs(
                    unit=unit,
                    indicator=indicator,
                    year=year,
                    period=quarter,
                    inputs=inputs,
                    source=SOURCE,
                    today=today,
                ),
            )
        )
    return outcomes


def fed_source(unit: Any, indicator: Any, year: int, definition: dict[str, Any]) -> dict[str, str]:
    """Registered with the performance app: a self-assessment indicator's inputs come from here."""
    if not is_self_assessment(definition):
        return {}
    return dict.fromkeys(FED, _("Filled from the SAKIP self-assessment"))
