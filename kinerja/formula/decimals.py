"""Decimal arithmetic setup: one local context, conversions, half-up rounding.

The engine never touches binary floats in arithmetic: floats that arrive from JSON are converted
through their shortest ``repr`` (so ``0.1`` is exactly one tenth) and refused when not finite.
"""

from __future__ import annotations

from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Final

from kinerja.formula.limits import MAX_MAGNITUDE_DIGITS, MAX_SIGNIFICANT_DIGITS

#: The engine's context. ``Emax`` makes every result with |x| >= 10**18 trap as Overflow, so the
#: magnitude limit costs nothing per operation.
CONTEXT: Final = Context(
    prec=MAX_SIGNIFICANT_DIGITS,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_MAGNITUDE_DIGITS - 1,
    Emin=-999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)
HUNDRED: Final = Decimal(100)
LIMIT: Final = Decimal(10) ** MAX_MAGNITUDE_DIGITS
_QUANTS: Final = {n: Decimal(1).scaleb(-n) for n in range(0, 11)}


def significant_digits(value: Decimal) -> int:
    """Digits of the coefficient without trailing zeros (``1.500`` has 2)."""
    digits = value.as_tuple().digits
    if len(digits) > 1000:
        return len(digits)
    end = len(digits)
    while end > 1 and digits[end - 1] == 0:
        end -= 1
    start = 0
    while start < end - 1 and digits[start] == 0:
        start += 1
    return end - start


def within_limits(value: Decimal) -> bool:
    """True for a finite number with |x| < 10**18 and at most 28 significant digits."""
    if not value.is_finite():
        return False
    if value.is_zero():
        return True
    if value.adjusted() >= MAX_MAGNITUDE_DIGITS:
        return False
    return significant_digits(value) <= MAX_SIGNIFICANT_DIGITS


def to_decimal(value: object) -> Decimal | None:
    """Convert a JSON number (int, float or Decimal, never bool or str); None when not allowed."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if -LIMIT < value < LIMIT:
            return Decimal(value)
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        result = Decimal(repr(value))  # shortest repr: at most 17 significant digits
        if not result.is_zero() and result.adjusted() >= MAX_MAGNITUDE_DIGITS:
            return None
        return result
    if isinstance(value, Decimal):
        result = value
    else:
        return None
    if not within_limits(result):
        return None
    return result


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round for display: half up, as the manual and SAKIP practice do."""
    quant = _QUANTS.get(places)
    if quant is None:
        quant = Decimal(1).scaleb(-places)
    return value.quantize(quant, rounding=ROUND_HALF_UP, context=CONTEXT)
