"""Quarters and the engine's periods: which quarter's entry window a period is reported in.

A semester's value is reported with the quarter that ends it (S1 with TW2, S2 with TW4), a
yearly value with TW4, and an indicator assessed at one quarter (IK-16 at TW3) in that quarter.
"""

from typing import Final

QUARTERS: Final = ("TW1", "TW2", "TW3", "TW4")
QUARTER_CHOICES: Final = [(q, q) for q in QUARTERS]
ALL_PERIODS: Final = ("TW1", "TW2", "TW3", "TW4", "S1", "S2", "TAHUN")
PERIOD_CHOICES: Final = [(p, p) for p in ALL_PERIODS]

QUARTER_OF: Final[dict[str, str]] = {
    "TW1": "TW1",
    "TW2": "TW2",
    "TW3": "TW3",
    "TW4": "TW4",
    "S1": "TW2",
    "S2": "TW4",
    "TAHUN": "TW4",
}

#: The quarter each quarter's last month is: entry closes in the month after it.
LAST_MONTH: Final[dict[str, int]] = {"TW1": 3, "TW2": 6, "TW3": 9, "TW4": 12}


def entry_periods(periodicity: str, assessment_period: str | None) -> tuple[str, ...]:
    """The periods a unit enters inputs for (an assessed indicator only at its quarter)."""
    if assessment_period:
        return (assessment_period,)
    return {"quarter": QUARTERS, "semester": ("S1", "S2"), "year": ("TAHUN",)}[periodicity]


def periods_in_quarter(quarter: str) -> tuple[str, ...]:
    """The engine periods whose entry belongs to this quarter's window."""
    return tuple(p for p in ALL_PERIODS if QUARTER_OF[p] == quarter)


def quarters_up_to(quarter: str) -> tuple[str, ...]:
    return QUARTERS[: QUARTERS.index(quarter) + 1]
