"""The current Perjanjian Kinerja as the computation reads it: targets per period, and weights.

Bulk reads for many units at once (the recompute of a whole ministry reads them in a handful of
queries), returning the engine's own target types.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from kinerja.formula.indicator import Target, TargetRange

from .models import AgreementIndicator, AgreementSasaran


def parse_target(raw: Any) -> Target | None:
    """A stored period target: a decimal string, or {"low": ..., "high": ...} for stabilize."""
    if raw is None or raw == "":
        return None
    try:
        if isinstance(raw, dict):
            return TargetRange(Decimal(str(raw["low"])), Decimal(str(raw["high"])))
        return Decimal(str(raw))
    except (InvalidOperation, KeyError, TypeError):
        return None


@dataclass
class PlannedIndicator:
    indicator_id: int
    sasaran_id: int
    weight: Decimal | None
    targets: dict[str, Target] = field(default_factory=dict)


@dataclass
class UnitPlan:
    """One unit's current PK for a year: its indicators and sasaran with their weights."""

    unit_id: int
    indicators: dict[int, PlannedIndicator] = field(default_factory=dict)
    sasaran_weights: dict[int, Decimal | None] = field(default_factory=dict)


def unit_plans(unit_ids: Iterable[int], year: int) -> dict[int, UnitPlan]:
    """The current agreement of each unit (units without one are absent)."""
    ids = list(unit_ids)
    plans: dict[int, UnitPlan] = {}
    for row in AgreementSasaran.objects.filter(
        agreement__unit_id__in=ids, agreement__year=year, agreement__is_current=True
    ).values("agreement__unit_id", "sasaran_id", "weight"):
        plan = plans.setdefault(row["agreement__unit_id"], UnitPlan(row["agreement__unit_id"]))
        plan.sasaran_weights[row["sasaran_id"]] = row["weight"]
    for item in AgreementIndicator.objects.filter(
        agreement__unit_id__in=ids, agreement__year=year, agreement__is_current=True
    ).values("agreement__unit_id", "indicator_id", "sasaran_row__sasaran_id", "weight", "period_targets"):
        plan = plans.setdefault(item["agreement__unit_id"], UnitPlan(item["agreement__unit_id"]))
        targets = {
            period: target
            for period, raw in (item["period_targets"] or {}).items()
            if (target := parse_target(raw)) is not None
        }
        plan.indicators[item["indicator_id"]] = PlannedIndicator(
            item["indicator_id"], item["sasaran_row__sasaran_id"], item["weight"], targets
        )
    return plans
