"""Inputs that another module fills instead of an operator.

IK-20's questionnaires come from the satisfaction survey, and later modules feed others the same
way. A feed writes through the same storage as the entry page, so the value, the achievement and
the history are computed alike; it respects the same locks (a submitted, verified or closed
quarter is left alone) but needs no person, because nobody typed the figures.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.catalog.models import Indicator
from kinerja.core.concurrency import ConcurrentEditError
from kinerja.organization.models import OrgUnit
from kinerja.planning.periods import QUARTER_OF

from . import selectors

#: (unit, indicator, year, the indicator's formula definition for the year or {}) ->
#: {input name: where it comes from, as a reader should see it}
Source = Callable[[OrgUnit, Indicator, int, dict[str, Any]], dict[str, str]]
_SOURCES: list[Source] = []


def register_source(source: Source) -> None:
    """Called from an app's ready(); registering the same function twice is harmless."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def year_formula(indicator: Indicator, year: int) -> dict[str, Any]:
    """The indicator's formula definition for the year (the frozen one once the year is open), or {}."""
    from kinerja.planning.schedule import year_definition

    yd = year_definition(indicator, year)
    return (yd.version.definition or {}) if yd is not None else {}


def fed_inputs(*, unit: OrgUnit, indicator: Indicator, year: int) -> dict[str, str]:
    """Which inputs the sources fill; the year's definition is read once for all of them."""
    definition = year_formula(indicator, year)
    fed: dict[str, str] = {}
    for source in _SOURCES:
        fed.update(source(unit, indicator, year, definition))
    return fed


@dataclass(frozen=True)
class FeedOutcome:
    """Whether the feed changed the stored inputs, and if not, why (shown to the unit's staff)."""

    written: bool
    reason: str = ""


def realisation_feed(
    *,
    unit: OrgUnit,
    indicator: Indicator,
    year: int,
    period: str,
    input_name: str,
    rows: list[dict[str, Any]],
    source: str,
    today: datetime.date | None = None,
) -> FeedOutcome:
    """Replace one input of a period with the feed's rows (IK-20's questionnaires)."""
    return realisation_feed_inputs(
        unit=unit,
        indicator=indicator,
        year=year,
        period=period,
        inputs={input_name: rows},
        source=source,
        today=today,
    )


def realisation_feed_inputs(
    *,
    unit: OrgUnit,
    indicator: Indicator,
    year: int,
    period: str,
    inputs: dict[str, Any],
    source: str,
    today: datetime.date | None = None,
) -> FeedOutcome:
    """Replace some inputs of a period at once (IK-16 refuses a period with only part of its
    fifteen), keeping every other input and the narrative. Nothing to feed leaves a period that
    nobody filled as "not filled"."""
    from .services import json_inputs, realisation_write

    if period not in QUARTER_OF:
        return FeedOutcome(False, _("Unknown period."))
    try:
        with transaction.atomic():
            lock = selectors.entry_lock(unit=unit, year=year, quarter=QUARTER_OF[period], on=today)
            if lock:
                return FeedOutcome(False, lock)
            existing = selectors.realisation_find(unit=unit, indicator=indicator, year=year, period=period)
            merged = dict(existing.inputs or {}) if existing is not None else {}
            if existing is None and not any(inputs.values()):
                return FeedOutcome(False, _("Nothing to feed yet."))
            if existing is not None and all(
                json_inputs(merged.get(name)) == json_inputs(value) for name, value in inputs.items()
            ):
                return FeedOutcome(False, _("Unchanged."))
            merged.update(inputs)
            realisation_write(
                actor=None,
                unit=unit,
                indicator=indicator,
                year=year,
                period=period,
                inputs=merged,
                expected_version=existing.row_version if existing is not None else 0,
                narrative={
                    "progress": existing.progress if existing else "",
                    "obstacles": existing.obstacles if existing else "",
                    "follow_up": existing.follow_up if existing else "",
                    "worse_note": existing.worse_note if existing else "",
                },
                change_reason=f"feed: {source}",
            )
    except ConcurrentEditError:
        # An operator saved the same row meanwhile; the next feed tries again.
        return FeedOutcome(False, _("Someone saved this period meanwhile; the next feed tries again."))
    except ValidationError as exc:
        return FeedOutcome(False, "; ".join(exc.messages))
    return FeedOutcome(True)
