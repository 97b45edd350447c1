"""The LKE arithmetic, pure Python: criteria → sub-components → components → total → grade.

A sub-component earns its weight × the mean value of its criteria's answers (an unanswered
criterion counts 0); a component is the sum of its sub-components; the total the sum of the
components. Everything is exact (fractions) until the end: scores are shown rounded half up to two
decimals, and the grade is read from the total as shown, so a reader never sees 90,00 graded AA.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")


def shown(value: Fraction) -> Decimal:
    """A score as printed: two decimals, half up."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SubSpec:
    code: str
    weight: Decimal
    criteria: Sequence[str]


@dataclass(frozen=True)
class ComponentSpec:
    code: str
    weight: Decimal
    subcomponents: Sequence[SubSpec]


@dataclass(frozen=True)
class Band:
    grade: str
    above: Decimal | None  # None: the lowest band


@dataclass
class Scored:
    code: str
    weight: Decimal
    exact: Fraction
    answered: int
    criteria: int
    parts: list[Scored] = field(default_factory=list)

    @property
    def score(self) -> Decimal:
        return shown(self.exact)

    @property
    def percent(self) -> Decimal:
        """The share of the weight earned, as printed (0–100)."""
        return shown(self.exact * 100 / Fraction(self.weight)) if self.weight else Decimal("0.00")


@dataclass
class Result:
    components: list[Scored]
    exact: Fraction
    grade: str

    @property
    def total(self) -> Decimal:
        return shown(self.exact)

    @property
    def answered(self) -> int:
        return sum(c.answered for c in self.components)

    @property
    def criteria(self) -> int:
        return sum(c.criteria for c in self.components)

    def component(self, code: str) -> Scored:
        return next(c for c in self.components if c.code == code)


def grade_of(total: Decimal, bands: Sequence[Band]) -> str:
    """The first band (highest floor first) whose floor the total exceeds; edges belong below."""
    for band in sorted(bands, key=lambda b: (b.above is None, -(b.above or 0))):
        if band.above is None or total > band.above:
            return band.grade
    return ""


def score(
    components: Sequence[ComponentSpec], values: Mapping[str, Decimal | None], bands: Sequence[Band]
) -> Result:
    """Score a worksheet; `values` maps criterion codes to the chosen option's value (0–1) or None."""
    scored: list[Scored] = []
    for component in components:
        parts: list[Scored] = []
        for sub in component.subcomponents:
            given = [values.get(code) for code in sub.criteria]
            answered = [Fraction(v) for v in given if v is not None]
            mean = sum(answered, Fraction(0)) / len(sub.criteria) if sub.criteria else Fraction(0)
            parts.append(
                Scored(sub.code, sub.weight, Fraction(sub.weight) * mean, len(answered), len(sub.criteria))
            )
        scored.append(
            Scored(
                component.code,
                component.weight,
                sum((p.exact for p in parts), Fraction(0)),
                sum(p.answered for p in parts),
                sum(p.criteria for p in parts),
                parts,
            )
        )
    exact = sum((c.exact for c in scored), Fraction(0))
    return Result(scored, exact, grade_of(shown(exact), bands))
