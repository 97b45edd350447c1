"""The arithmetic of the public satisfaction index (PermenPANRB 14/2017, KKP's nine elements).

Pure Python with Decimals, no Django: the survey pages, `kinerja ikm` and the tests share it, and it
must agree with IK-20's formula in the catalogue. Only the final outputs are rounded (2 decimals,
half up); the grade is read from the rounded index, as the catalogue's category is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

ELEMENTS: tuple[str, ...] = tuple(f"u{i}" for i in range(1, 10))
MIN_SCORE, MAX_SCORE = 1, 4
TWO = Decimal("0.01")

#: (lowest rounded index, grade, label) from the best grade down.
GRADES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("0"), "D", "Tidak Baik"),
)

#: Krejcie & Morgan (1970): chi-square for 1 degree of freedom at 95 %, P = 0.5, margin 5 %.
CHI_SQUARE = Decimal("3.841")
PROPORTION = Decimal("0.5")
MARGIN = Decimal("0.05")


def round2(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


def grade_of(ikm: Decimal) -> tuple[str, str]:
    """The grade and its label for an index, judged on the index rounded to 2 decimals."""
    rounded = round2(ikm)
    for lowest, grade, label in GRADES:
        if rounded >= lowest:
            return grade, label
    return GRADES[-1][1], GRADES[-1][2]


@dataclass(frozen=True)
class Result:
    respondents: int
    nrr: dict[str, Decimal]  # rounded to 2 decimals, for display
    ikm: Decimal | None  # rounded to 2 decimals; None without respondents
    grade: str
    label: str

    def to_json(self) -> dict[str, Any]:
        """The shape `kinerja ikm` prints (shared/spec/cli.md)."""
        return {
            "respondents": self.respondents,
            "nrr": {key: float(value) for key, value in self.nrr.items()},
            "ikm": None if self.ikm is None else float(self.ikm),
            "grade": self.grade,
            "label": self.label,
        }


def compute(rows: Iterable[Mapping[str, Any]]) -> Result:
    """NRR_i = mean of u_i; IKM = 25 × Σ NRR_i / 9. Rows must already hold integers 1–4."""
    totals = dict.fromkeys(ELEMENTS, 0)
    count = 0
    for row in rows:
        count += 1
        for key in ELEMENTS:
            totals[key] += int(row[key])
    if count == 0:
        return Result(0, {}, None, "", "")
    # Exact fractions until the end, so no intermediate rounding can move a grade edge.
    nrr_exact = {key: Fraction(total, count) for key, total in totals.items()}
    ikm_exact = 25 * sum(nrr_exact.values(), Fraction(0)) / len(ELEMENTS)
    ikm = round2(_decimal(ikm_exact))
    grade, label = grade_of(ikm)
    return Result(
        respondents=count,
        nrr={key: round2(_decimal(value)) for key, value in nrr_exact.items()},
        ikm=ikm,
        grade=grade,
        label=label,
    )


def _decimal(value: Fraction) -> Decimal:
    """A fraction as a Decimal precise enough for 2-decimal half-up rounding (28 digits)."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def sample_size(population: int) -> int:
    """Krejcie–Morgan: s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), rounded up."""
    if population <= 0:
        return 0
    n = Decimal(population)
    spread = PROPORTION * (1 - PROPORTION)
    size = CHI_SQUARE * n * spread / (MARGIN * MARGIN * (n - 1) + CHI_SQUARE * spread)
    return math.ceil(size)


class ScoreError(ValueError):
    """A score that is not an integer 1–4; names the column so every adapter can say where."""

    def __init__(self, column: str, value: Any) -> None:
        super().__init__(f"{column}: {value!r} is not an integer from {MIN_SCORE} to {MAX_SCORE}")
        self.column = column
        self.value = value


def parse_score(column: str, value: Any) -> int:
    text = str(value).strip() if value is not None else ""
    if not text.lstrip("+").isdigit():
        raise ScoreError(column, value)
    score = int(text)
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise ScoreError(column, value)
    return score
