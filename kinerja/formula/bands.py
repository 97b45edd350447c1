"""Band tables: explicit numeric ranges mapping a value to a score and/or a category label.

Edges are explicit (``lower``/``upper`` with inclusive flags) because the manual's tables are
ambiguous at their edges; the checker refuses unordered or overlapping bands and warns about gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kinerja.formula.decimals import to_decimal
from kinerja.formula.errors import Problem
from kinerja.formula.limits import MAX_TEXT_LENGTH
from kinerja.formula.messages import Bi

_BAND_KEYS = frozenset({"lower", "lower_inclusive", "upper", "upper_inclusive", "score", "label", "note"})


@dataclass(frozen=True, slots=True)
class Band:
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool
    score: Decimal | None
    label: str | None

    def contains(self, value: Decimal) -> bool:
        lower = self.lower
        if lower is not None and (value < lower or (value == lower and not self.lower_inclusive)):
            return False
        upper = self.upper
        return upper is None or value < upper or (value == upper and self.upper_inclusive)

    def describe(self) -> str:
        left = "(-inf" if self.lower is None else ("[" if self.lower_inclusive else "(") + str(self.lower)
        right = "+inf)" if self.upper is None else str(self.upper) + ("]" if self.upper_inclusive else ")")
        return f"{left}, {right}"

    def to_json(self) -> dict[str, object]:
        return {
            "lower": None if self.lower is None else _json_number(self.lower),
            "lower_inclusive": self.lower_inclusive,
            "upper": None if self.upper is None else _json_number(self.upper),
            "upper_inclusive": self.upper_inclusive,
            "score": None if self.score is None else _json_number(self.score),
            "label": self.label,
        }


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class BandTable:
    name: str
    bands: tuple[Band, ...]

    def find(self, value: Decimal) -> Band | None:
        for band in self.bands:
            if band.contains(value):
                return band
        return None

    @property
    def has_scores(self) -> bool:
        return all(b.score is not None for b in self.bands)

    @property
    def has_labels(self) -> bool:
        return all(b.label is not None for b in self.bands)

    def check(self, where: str = "") -> list[Problem]:
        """Ordering, overlap and coverage problems (errors for the first two, warnings for gaps)."""
        where = where or f"bands.{self.name}"
        problems: list[Problem] = []
        if not self.bands:
            return [Problem.make("band_empty", where=where, name=self.name)]
        for index, band in enumerate(self.bands, start=1):
            if (
                band.lower is not None
                and band.upper is not None
                and (
                    band.lower > band.upper
                    or (band.lower == band.upper and not (band.lower_inclusive and band.upper_inclusive))
                )
            ):
                problems.append(
                    Problem.make(
                        "band_bad_edge",
                        where=where,
                        index=index,
                        name=self.name,
                        detail=f"{band.describe()} = {{}}",
                    )
                )
            if index == 1:
                continue
            prev = self.bands[index - 2]
            if prev.upper is None or band.lower is None:
                problems.append(Problem.make("band_unordered", where=where, index=index, name=self.name))
                continue
            if band.lower < prev.upper:
                unordered = prev.lower is not None and band.lower < prev.lower
                code = "band_unordered" if unordered else "band_overlap"
                problems.append(Problem.make(code, where=where, index=index, name=self.name))
            elif band.lower == prev.upper:
                if band.lower_inclusive and prev.upper_inclusive:
                    problems.append(Problem.make("band_overlap", where=where, index=index, name=self.name))
                elif not band.lower_inclusive and not prev.upper_inclusive:
                    problems.append(
                        Problem.make("band_gap", severity="warning", where=where, index=index, name=self.name)
                    )
            else:
                problems.append(
                    Problem.make("band_gap", severity="warning", where=where, index=index, name=self.name)
                )
        if self.bands[0].lower is not None:
            problems.append(
                Problem.make(
                    "band_gap_end",
                    severity="warning",
                    where=where,
                    name=self.name,
                    side=f"x < {self.bands[0].lower}",
                )
            )
        if self.bands[-1].upper is not None:
            problems.append(
                Problem.make(
                    "band_gap_end",
                    severity="warning",
                    where=where,
                    name=self.name,
                    side=f"x > {self.bands[-1].upper}",
                )
            )
        return problems

    @classmethod
    def from_json(cls, name: str, data: object, where: str = "") -> tuple[BandTable, list[Problem]]:
        """Build from the definition JSON; structural problems are returned, never raised."""
        where = where or f"bands.{name}"
        problems: list[Problem] = []
        bands: list[Band] = []
        if not isinstance(data, list):
            problems.append(
                Problem.make(
                    "spec_invalid",
                    where=where,
                    detail=Bi("harus berupa daftar rentang", "a list of bands is required"),
                )
            )
            return cls(name, ()), problems
        for index, item in enumerate(data, start=1):
            here = f"{where}[{index - 1}]"
            if not isinstance(item, Mapping):
                problems.append(
                    Problem.make(
                        "spec_invalid", where=here, detail=Bi("harus berupa objek", "must be an object")
                    )
                )
                continue
            unknown = set(item) - _BAND_KEYS
            if unknown:
                problems.append(
                    Problem.make(
                        "spec_invalid",
                        where=here,
                        detail=Bi(
                            f"kunci tidak dikenal {sorted(unknown)}", f"unknown keys {sorted(unknown)}"
                        ),
                    )
                )
            edges: dict[str, Decimal | None] = {}
            ok = True
            for key in ("lower", "upper", "score"):
                raw = item.get(key)
                if raw is None:
                    edges[key] = None
                    continue
                number = to_decimal(raw)
                if number is None:
                    problems.append(
                        Problem.make(
                            "spec_invalid",
                            where=f"{here}.{key}",
                            detail=Bi("harus berupa angka", "must be a number"),
                        )
                    )
                    ok = False
                edges[key] = number
            flags: dict[str, bool] = {}
            for key, default in (("lower_inclusive", True), ("upper_inclusive", False)):
                raw_flag = item.get(key, default)
                if not isinstance(raw_flag, bool):
                    problems.append(
                        Problem.make(
                            "spec_invalid",
                            where=f"{here}.{key}",
                            detail=Bi("harus true atau false", "must be true or false"),
                        )
                    )
                    ok = False
                    raw_flag = default
                flags[key] = raw_flag
            label = item.get("label")
            if label is not None and (not isinstance(label, str) or len(label) > MAX_TEXT_LENGTH):
                problems.append(
                    Problem.make(
                        "spec_invalid", where=f"{here}.label", detail=Bi("harus berupa teks", "must be text")
                    )
                )
                ok = False
                label = None
            if ok:
                bands.append(
                    Band(
                        edges["lower"],
                        flags["lower_inclusive"],
                        edges["upper"],
                        flags["upper_inclusive"],
                        edges["score"],
                        label,
                    )
                )
        return cls(name, tuple(bands)), problems

    def to_json(self) -> list[dict[str, object]]:
        return [band.to_json() for band in self.bands]
