"""Reads of the verification service: a request's lines with their targets, and the counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from kinerja.formula.indicator import Target, TargetRange
from kinerja.planning.targets import unit_plans
from kinerja.workflows.models import ServiceKind, ServiceRequest
from kinerja.workflows.selectors import request_get

from .models import Verdict, VerificationLine


def verification_get(*, user: Any, number: str) -> ServiceRequest:
    """A verification request the user may see (404 otherwise, and for the other services)."""
    request = request_get(user=user, number=number)
    if request.kind != ServiceKind.VERIFIKASI:
        raise Http404(number)
    return request


def line_get(*, request: ServiceRequest, pk: int) -> VerificationLine:
    line = request.verification_lines.select_related("indicator", "request__unit").filter(pk=pk).first()
    if line is None:
        raise Http404(str(pk))
    return line


def target_text(target: Target | None) -> str:
    if target is None:
        return "—"
    if isinstance(target, TargetRange):
        return f"{target.low.normalize():f}–{target.high.normalize():f}"
    return f"{target.normalize():f}"


@dataclass(frozen=True)
class LineRow:
    line: VerificationLine
    target: str
    unit_of_measure: str


def line_rows(request: ServiceRequest) -> list[LineRow]:
    """The lines in indicator order, each with the PK's target for its period."""
    plan = unit_plans([request.unit_id], request.year).get(request.unit_id)
    lines = request.verification_lines.select_related("indicator", "checked_by").order_by(
        "indicator__code", "period"
    )
    rows = []
    for line in lines:
        planned = plan.indicators.get(line.indicator_id) if plan is not None else None
        rows.append(
            LineRow(
                line=line,
                target=target_text(planned.targets.get(line.period) if planned is not None else None),
                unit_of_measure=str((line.indicator.computation or {}).get("unit", "")),
            )
        )
    return rows


def counts(request: ServiceRequest) -> dict[str, int]:
    found = dict.fromkeys(Verdict.values, 0)
    for verdict in request.verification_lines.values_list("verdict", flat=True):
        found[verdict] += 1
    return {**found, "total": sum(found.values())}
