"""The scores of an evaluation, read from its answers: the evaluator's (`score`) or the unit's own
estimate (`self`). One place, so the page, the report PDF and the API show the same figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from . import scoring, worksheet
from .models import Answer, Component, Evaluation, GradeBand, SubComponent

Side = Literal["score", "self"]
VALUE_OF = {"score": "score_option__value", "self": "self_option__value"}


def results_of(evaluations: Sequence[Evaluation], side: Side = "score") -> dict[int, scoring.Result]:
    """`scoring.score` over the chosen side's option values (an unanswered criterion counts 0),
    for many evaluations with one query for all their answers and one read per worksheet."""
    values: dict[int, dict[str, Decimal | None]] = {e.pk: {} for e in evaluations}
    answers = Answer.objects.filter(evaluation__in=list(values)).values_list(
        "evaluation_id", "criterion__code", VALUE_OF[side]
    )
    for evaluation_id, code, value in answers:
        values[evaluation_id][code] = value
    specs: dict[int, tuple[list[scoring.ComponentSpec], list[scoring.Band]]] = {}
    results = {}
    for evaluation in evaluations:
        if evaluation.worksheet_id not in specs:
            specs[evaluation.worksheet_id] = worksheet.specs(evaluation.worksheet_id)
        components, bands = specs[evaluation.worksheet_id]
        results[evaluation.pk] = scoring.score(components, values[evaluation.pk], bands)
    return results


def evaluation_result(evaluation: Evaluation, side: Side = "score") -> scoring.Result:
    return results_of([evaluation], side)[evaluation.pk]


def grade_label(evaluation: Evaluation, grade: str) -> str:
    """What a grade means in the evaluation's worksheet (AA: Sangat Memuaskan …)."""
    band = GradeBand.objects.filter(worksheet_id=evaluation.worksheet_id, grade=grade).first()
    return band.label if band is not None else ""


@dataclass
class SubRow:
    sub: SubComponent
    self_part: scoring.Scored
    score_part: scoring.Scored
    answers: list[Answer] = field(default_factory=list)


@dataclass
class ComponentRow:
    component: Component
    self_part: scoring.Scored
    score_part: scoring.Scored
    subs: list[SubRow] = field(default_factory=list)


@dataclass
class Tree:
    """The worksheet as the page and the report walk it: component → sub-component → answers."""

    components: list[ComponentRow]
    self_result: scoring.Result
    score_result: scoring.Result


def evaluation_tree(evaluation: Evaluation, *, answers: list[Answer] | None = None) -> Tree:
    if answers is None:
        answers = list(
            evaluation.answers.select_related(
                "criterion__subcomponent", "criterion__scale", "self_option", "score_option", "scored_by"
            )
        )
    # Both sides from the answers already loaded: no second read of them.
    components, bands = worksheet.specs(evaluation.worksheet_id)
    own = {a.criterion.code: a.self_option.value if a.self_option else None for a in answers}
    scored = {a.criterion.code: a.score_option.value if a.score_option else None for a in answers}
    self_result = scoring.score(components, own, bands)
    score_result = scoring.score(components, scored, bands)
    by_sub: dict[int, list[Answer]] = {}
    for answer in answers:
        by_sub.setdefault(answer.criterion.subcomponent_id, []).append(answer)
    rows: list[ComponentRow] = []
    subs = SubComponent.objects.filter(component__worksheet_id=evaluation.worksheet_id).select_related(
        "component"
    )
    for sub in subs.order_by("component__order", "component__code", "order", "code"):
        if not rows or rows[-1].component.pk != sub.component_id:
            code = sub.component.code
            rows.append(
                ComponentRow(sub.component, self_result.component(code), score_result.component(code))
            )
        row = rows[-1]
        row.subs.append(
            SubRow(
                sub,
                _part(row.self_part, sub.code),
                _part(row.score_part, sub.code),
                by_sub.get(sub.pk, []),
            )
        )
    return Tree(rows, self_result, score_result)


def _part(scored: scoring.Scored, code: str) -> scoring.Scored:
    return next(p for p in scored.parts if p.code == code)


def result_dict(result: scoring.Result) -> dict[str, Any]:
    """A result as plain data (the API): decimals as strings, so no figure is rounded twice."""
    return {
        "total": str(result.total),
        "grade": result.grade,
        "answered": result.answered,
        "criteria": result.criteria,
        "components": [
            {
                "code": c.code,
                "weight": str(c.weight),
                "score": str(c.score),
                "answered": c.answered,
                "criteria": c.criteria,
                "subcomponents": [
                    {
                        "code": p.code,
                        "weight": str(p.weight),
                        "score": str(p.score),
                        "answered": p.answered,
                        "criteria": p.criteria,
                    }
                    for p in c.parts
                ],
            }
            for c in result.components
        ],
    }
