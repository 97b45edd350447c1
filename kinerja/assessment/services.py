"""Writes: feeding the self-assessment into the unit's IK-16, asked for by a person."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from kinerja.accounts.access import Action, can
from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.feeds import FeedOutcome

from .feed import feed_refresh


def assessment_refresh(
    *, actor: Any, unit: OrgUnit, year: int, today: datetime.date | None = None
) -> list[tuple[Indicator, FeedOutcome]]:
    """The unit's staff pull the assessment into IK-16 now instead of waiting for the worker."""
    if not can(actor, Action.CHANGE, unit):
        raise PermissionDenied
    return feed_refresh(unit=unit, year=year, today=today)
