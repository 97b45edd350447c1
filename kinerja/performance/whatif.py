"""The what-if panel's arithmetic: which period value reaches the annual target.

Pure functions over decimals, no Django. The reported value is a strictly increasing function of
the value still to come under every aggregation rule (last value, cumulative mean, sum), so the
answer is found by inverting that function at the target and intersecting the result with the
range the indicator's value can take (a percentage cannot exceed 100). Answers are rounded to 2
decimals in the safe direction (up for maximize, down for minimize), so entering exactly the
shown figure reaches the target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from enum import StrEnum
from typing import Any, Final

from kinerja.formula.decimals import CONTEXT
from kinerja.formula.indicator import Target, TargetRange

CENT: Final = Decimal("0.01")
HUNDRED: Final = Decimal(100)
#: Units of measure whose value is a share of 100 unless the definition says otherwise.
CAPPED_AT_HUNDRED: Final = frozenset({"%", "persen", "indeks"})


class Outcome(StrEnum):
    NEEDED = "needed"  # a value within the allowed range reaches the target
    ALREADY_REACHED = "already_reached"  # every allowed value reaches it
    UNREACHABLE = "unreachable"  # no allowed value reaches it
    NO_PERIOD_LEFT = "no_period_left"  # the year's figure is final
    NO_TARGET = "no_target"


class Mode(StrEnum):
    NEXT = "next"  # the reported value at the next period reaches the target
    EACH = "each"  # the same value in every remaining period reaches it at the year's end


@dataclass(frozen=True)
class ValueRange:
    """The values a period can take; None is unbounded."""

    low: Decimal | None = Decimal(0)
    high: Decimal | None = None

    def contains(self, value: Decimal) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class Answer:
    """The value needed: at least `low` (maximize), at most `high` (minimize), or between both."""

    outcome: Outcome
    low: Decimal | None = None
    high: Decimal | None = None
    periods: int = 0  # how many periods the value is needed in
    current: Decimal | None = None  # the reported value now, from the values so far


def allowed_range(definition: Mapping[str, Any]) -> ValueRange:
    """The range of an indicator's period value: `x_value_min` / `x_value_max` in the definition
    when given; otherwise 0..100 for percentages and indices, 0 and up for everything else."""

    def number(key: str) -> Decimal | None:
        raw = definition.get(key)
        return None if raw is None or isinstance(raw, bool) else Decimal(str(raw))

    low, high = number("x_value_min"), number("x_value_max")
    if high is None and "x_value_max" not in definition and definition.get("unit") in CAPPED_AT_HUNDRED:
        high = HUNDRED
    return ValueRange(Decimal(0) if low is None and "x_value_min" not in definition else low, high)


def reported_after(aggregation: str, values: Sequence[Decimal], future: Sequence[Decimal]) -> Decimal | None:
    """The reported value once `future` values follow `values` (the engine's aggregation rules)."""
    everything = [*values, *future]
    if not everything:
        return None
    with localcontext(CONTEXT):
        if aggregation == "last":
            return everything[-1]
        total = sum(everything, Decimal(0))
        return total / len(everything) if aggregation == "cumulative_mean" else total


def _inverse(aggregation: str, values: Sequence[Decimal], periods: int, reported: Decimal) -> Decimal:
    """The value x, repeated `periods` times after `values`, that makes the reported value `reported`."""
    with localcontext(CONTEXT):
        if aggregation == "last":
            return reported
        total = sum(values, Decimal(0))
        if aggregation == "cumulative_mean":
            return (reported * (len(values) + periods) - total) / periods
        return (reported - total) / periods


def _round(value: Decimal, rounding: str) -> Decimal:
    with localcontext(CONTEXT):
        return value.quantize(CENT, rounding=rounding)


def needed_value(
    *,
    aggregation: str,
    polarity: str,
    values: Sequence[Decimal],
    target: Target | None,
    remaining: int,
    mode: Mode = Mode.NEXT,
    allowed: ValueRange | None = None,
) -> Answer:
    """The value needed for the reported value to reach `target` (achievement ≥ 100).

    `values` are the values of the year's periods that have one, in order; `remaining` is how many
    periods are still to come. In NEXT mode the answer is for the next period alone (the reported
    value at that period reaches the target); in EACH mode the same value in every remaining
    period makes the year's last reported value reach it.
    """
    allowed = allowed or ValueRange()
    current = reported_after(aggregation, values, [])
    if target is None:
        return Answer(Outcome.NO_TARGET, current=current)
    if remaining <= 0:
        return Answer(Outcome.NO_PERIOD_LEFT, current=current)
    periods = 1 if mode is Mode.NEXT else remaining
    if isinstance(target, TargetRange):
        need_low: Decimal | None = _inverse(aggregation, values, periods, target.low)
        need_high: Decimal | None = _inverse(aggregation, values, periods, target.high)
    elif polarity == "minimize":
        need_low, need_high = None, _inverse(aggregation, values, periods, target)
    else:
        need_low, need_high = _inverse(aggregation, values, periods, target), None
    low = _max(need_low, allowed.low)
    high = _min(need_high, allowed.high)
    if low is not None and high is not None and low > high:
        return Answer(Outcome.UNREACHABLE, periods=periods, current=current)
    if low == allowed.low and high == allowed.high:
        return Answer(Outcome.ALREADY_REACHED, low, high, periods, current)
    # Round towards the inside of the range, so the figure shown is enough on its own.
    shown_low = None if need_low is None or low is None else _round(low, ROUND_CEILING)
    shown_high = None if need_high is None or high is None else _round(high, ROUND_FLOOR)
    if shown_low is not None and high is not None and shown_low > high:
        shown_low = low
    if shown_high is not None and low is not None and shown_high < low:
        shown_high = high
    return Answer(Outcome.NEEDED, shown_low, shown_high, periods, current)


def _max(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else min(a, b)
