"""Reads for the worksheet and comparison pages and API.

A worksheet is read by anyone signed in, except a draft, which only administrators (who complete
it) see. The comparisons read signed evaluations scored again from their stored answers.

Only signed evaluations count (a score still under review is not a result). The figures come from
each answer's evaluator score through `scoring.score`, so the page shows the arithmetic behind the
grade; the total stored when the report was issued must be the same, and a row where it is not is
flagged instead of silently trusted. Queries are bounded: the evaluations, all their answers in
one query, the component names, and three per worksheet version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kinerja.accounts.access import is_administrator
from kinerja.organization import selectors as org_selectors
from kinerja.organization.models import OrgUnit

from . import scoring
from .models import Component, Evaluation, EvaluationState, Worksheet, WorksheetStatus
from .results import results_of
from .selectors import evaluation_list

YEARS = range(2000, 2201)
DEFAULT_SORT = "rank"


def worksheet_list(*, user: Any) -> QuerySet[Worksheet]:
    qs = Worksheet.objects.all()
    return qs if is_administrator(user) else qs.exclude(status=WorksheetStatus.DRAFT)


def worksheet_get(*, user: Any, code: str) -> Worksheet:
    """The whole structure in six queries; the grade bands highest first, the floorless band last
    (databases disagree on where a NULL sorts)."""
    worksheet = (
        worksheet_list(user=user)
        .prefetch_related("scales__options", "grades", "components__subcomponents__criteria__scale")
        .filter(code=code)
        .first()
    )
    if worksheet is None:
        raise Http404(code)
    worksheet.bands = sorted(worksheet.grades.all(), key=lambda b: (b.above is None, -(b.above or 0)))  # type: ignore[attr-defined]
    return worksheet


def criterion_points(weight: Decimal, criteria: int) -> Decimal:
    """What one criterion answered with the top option earns, as shown."""
    return scoring.shown(Fraction(weight) / criteria) if criteria else Decimal("0.00")


@dataclass(frozen=True)
class Head:
    """A component column: evaluations of different worksheet versions line up by component code."""

    code: str
    name: str

    @property
    def sort_key(self) -> str:
        return f"c{self.code}"


@dataclass
class Row:
    evaluation: Evaluation
    result: scoring.Result
    cells: list[scoring.Scored | None] = field(default_factory=list)
    rank: int | None = None
    previous: Row | None = None

    @property
    def unit(self) -> OrgUnit:
        return self.evaluation.unit

    @property
    def year(self) -> int:
        return self.evaluation.year

    @property
    def total(self) -> Decimal:
        return self.result.total

    @property
    def grade(self) -> str:
        return self.result.grade

    @property
    def change(self) -> Decimal | None:
        """The shown total minus the previous signed evaluation's, so a reader can check it."""
        return None if self.previous is None else self.total - self.previous.total

    @property
    def matches_stored(self) -> bool:
        return self.evaluation.total == self.total and self.evaluation.grade == self.grade


def _heads(evaluations: Sequence[Evaluation]) -> list[Head]:
    names: dict[str, str] = {}
    worksheets = {e.worksheet_id for e in evaluations}
    for code, name in Component.objects.filter(worksheet_id__in=worksheets).values_list("code", "name"):
        names.setdefault(code, name)
    return [Head(code, name) for code, name in names.items()]


def _rows(evaluations: Sequence[Evaluation]) -> tuple[list[Head], list[Row]]:
    results = results_of(evaluations)
    heads = _heads(evaluations)
    rows = []
    for evaluation in evaluations:
        result = results[evaluation.pk]
        by_code = {c.code: c for c in result.components}
        rows.append(Row(evaluation, result, [by_code.get(h.code) for h in heads]))
    return heads, rows


def _signed(user: Any) -> Any:
    return evaluation_list(user=user).filter(state=EvaluationState.SIGNED).select_related("unit", "worksheet")


@dataclass
class UnitComparison:
    unit: OrgUnit
    heads: list[Head]
    rows: list[Row]  # oldest year first

    def chart_data(self) -> dict[str, Any]:
        """What performance/charts.js draws: the total per year ("nko"), and each component's
        share of its weight per year ("indicators", chosen with the select)."""

        def number(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "labels": [str(row.year) for row in self.rows],
            "nko": [number(row.total) for row in self.rows],
            "indicators": [
                {
                    "code": f"{head.code}. {head.name}",
                    "name": head.name,
                    "achievement": [
                        number(c.percent if c else None) for c in (r.cells[i] for r in self.rows)
                    ],
                }
                for i, head in enumerate(self.heads)
            ],
        }


def unit_comparison(*, user: Any, code: str) -> UnitComparison:
    """A unit's signed evaluations across the years; 404 for a unit the user may not see."""
    unit = org_selectors.unit_get(user=user, code=code)
    evaluations = list(_signed(user).filter(unit=unit).order_by("year"))
    heads, rows = _rows(evaluations)
    for previous, row in pairwise(rows):
        row.previous = previous
    return UnitComparison(unit, heads, rows)


@dataclass
class YearComparison:
    year: int
    heads: list[Head]
    rows: list[Row]
    sort: str
    sorts: list[str]


def _rank(rows: list[Row]) -> None:
    """Competition ranking on the shown total (1, 2, 2, 4) among the units listed."""
    ordered = sorted(rows, key=lambda r: -r.total)
    for index, row in enumerate(ordered):
        same = index and ordered[index - 1].total == row.total
        row.rank = ordered[index - 1].rank if same else index + 1


def year_comparison(*, user: Any, year: int, sort: str = DEFAULT_SORT) -> YearComparison:
    """The units with a signed evaluation of `year` the user may see, ranked among themselves."""
    if year not in YEARS:
        raise Http404(str(year))
    evaluations = list(_signed(user).filter(year=year).order_by("unit__path"))
    heads, rows = _rows(evaluations)
    _rank(rows)
    sorts = [DEFAULT_SORT, "unit", *(h.sort_key for h in heads)]
    if sort not in sorts:
        sort = DEFAULT_SORT
    if sort == DEFAULT_SORT:
        rows.sort(key=lambda r: (r.rank, r.unit.path))
    elif sort.startswith("c"):
        column = sorts.index(sort) - 2
        rows.sort(key=lambda r: (-(c.exact if (c := r.cells[column]) else -1), r.unit.path))
    return YearComparison(year, heads, rows, sort, sorts)
