"""Stored results: value, reported, achievement and status per indicator and period, NPSS and NKO.

Recomputed when an input changes (never on page view), for whole unit-years at a time because a
cumulative mean makes TW3 depend on TW1. The same function serves both bases: `working` reads the
realisations as entered, `verified` reads the values frozen in each quarter's latest verified
submission. Rounding: the engine rounds each achievement to 2 decimals; NPSS is the (weighted)
mean of those rounded achievements and NKO the (weighted) mean of the rounded NPSS, each rounded
half up to 2 decimals, so every figure on screen can be recomputed from the figures beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from django.db import transaction

from kinerja.catalog.models import Indicator
from kinerja.formula import FormulaError
from kinerja.formula.decimals import CONTEXT, round_half_up
from kinerja.formula.indicator import PeriodResult, TargetRange
from kinerja.planning.periods import QUARTER_OF, QUARTERS
from kinerja.planning.schedule import YearDefinition, year_definitions
from kinerja.planning.targets import UnitPlan, unit_plans

from .models import Basis, Realisation, RealisationState, Result, SasaranScore, Submission, UnitScore

#: Per quarter, which engine periods stand for an indicator there, in order of preference.
QUARTER_PERIODS: dict[str, tuple[str, ...]] = {
    q: (q, *(p for p in ("S1", "S2", "TAHUN") if QUARTER_OF[p] == q)) for q in QUARTERS
}


@dataclass(frozen=True)
class Entered:
    """A realisation as the computation sees it, from the table or from a verified snapshot."""

    indicator_id: int
    period: str
    state: str
    inputs: Any


def working_inputs(unit_ids: Sequence[int], year: int) -> dict[int, list[Entered]]:
    rows = Realisation.objects.filter(unit_id__in=unit_ids, year=year).values_list(
        "unit_id", "indicator_id", "period", "state", "inputs"
    )
    entered: dict[int, list[Entered]] = defaultdict(list)
    for unit_id, indicator_id, period, state, inputs in rows:
        entered[unit_id].append(Entered(indicator_id, period, state, inputs))
    return entered


def verified_inputs(unit_ids: Sequence[int], year: int) -> dict[int, list[Entered]]:
    """The realisations of each quarter's latest verified submission version."""
    entered: dict[int, list[Entered]] = defaultdict(list)
    submissions = Submission.objects.filter(unit_id__in=unit_ids, year=year, status="verified")
    for submission in submissions.prefetch_related("versions"):
        versions = [v for v in submission.versions.all() if v.verified]
        if not versions:
            continue
        latest = max(versions, key=lambda v: v.number)
        for item in latest.snapshot.get("realisations", []):
            entered[submission.unit_id].append(
                Entered(item["indicator"], item["period"], item["state"], item.get("inputs"))
            )
    return entered


def year_payload(
    year: int, yd: YearDefinition, entered: Iterable[Entered], targets: dict[str, Any]
) -> dict[str, Any]:
    """The engine's payload for one indicator's year: filled periods that apply, and their targets."""
    periods: dict[str, dict[str, Any]] = {}
    allowed = set(yd.definition.periods)
    for item in entered:
        if (
            item.state == RealisationState.VALUE
            and item.period in allowed
            and yd.applies_to(QUARTER_OF[item.period])
        ):
            periods.setdefault(item.period, {})["inputs"] = item.inputs
    for period, target in targets.items():
        if period in allowed and yd.applies_to(QUARTER_OF[period]):
            if isinstance(target, TargetRange):
                target = {"low": target.low, "high": target.high}
            periods.setdefault(period, {})["target"] = target
    return {"year": year, "periods": periods}


def _compute_unit(
    year: int, plan: UnitPlan, definitions: dict[int, YearDefinition], entered: list[Entered]
) -> dict[int, dict[str, PeriodResult]]:
    by_indicator: dict[int, list[Entered]] = defaultdict(list)
    for item in entered:
        by_indicator[item.indicator_id].append(item)
    computed: dict[int, dict[str, PeriodResult]] = {}
    values_by_code: dict[str, dict[str, Decimal | None]] = {}

    def resolve(code: str, period: str) -> Decimal | None:
        return values_by_code.get(code, {}).get(period)

    # Indicators that read others with ref() wait until those are computed.
    pending = [i for i in plan.indicators if i in definitions]
    for _round in range(len(pending) + 1):
        if not pending:
            break
        waiting = []
        for indicator_id in pending:
            yd = definitions[indicator_id]
            refs = yd.definition.refs
            if refs and not refs <= set(values_by_code) and _round < len(plan.indicators):
                waiting.append(indicator_id)
                continue
            payload = year_payload(
                year, yd, by_indicator[indicator_id], plan.indicators[indicator_id].targets
            )
            try:
                results = yd.definition.compute(payload, ref_resolver=resolve if refs else None)
            except FormulaError as exc:
                # Inputs were valid when saved; a frozen definition can still refuse them.
                results = {
                    period: PeriodResult(period, None, None, None, None, None, None, exc.problems[0])
                    for period in payload["periods"]
                }
            computed[indicator_id] = results
            values_by_code[yd.indicator.code] = {p: r.value for p, r in results.items()}
        pending = waiting
    return computed


def _mean(pairs: Iterable[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """Weighted mean when every item has a weight, plain mean otherwise; rounded half up."""
    items = list(pairs)
    if not items:
        return None
    with localcontext(CONTEXT):
        if all(weight is not None for _, weight in items):
            total_weight = sum((w for _, w in items if w is not None), Decimal(0))
            value = sum((v * w for v, w in items if w is not None), Decimal(0)) / total_weight
        else:
            value = sum((v for v, _ in items), Decimal(0)) / len(items)
    return round_half_up(value)


def _quarter_achievement(results: dict[str, PeriodResult], quarter: str) -> Decimal | None:
    for period in QUARTER_PERIODS[quarter]:
        result = results.get(period)
        if result is not None and result.achievement is not None:
            return result.achievement
    return None


#: Inside `recompute_once()`, the (unit, year, basis) triples waiting to be recomputed.
_pending: ContextVar[set[tuple[int, int, str]] | None] = ContextVar("kinerja_pending_recompute", default=None)


@contextmanager
def recompute_once() -> Iterator[None]:
    """Collect the recomputes of many writes (an import, demo data) and run each unit-year once at
    the end; nothing runs if the block fails, as its transaction is rolled back anyway."""
    if _pending.get() is not None:
        yield
        return
    pending: set[tuple[int, int, str]] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for year, basis, unit_id in sorted((y, b, u) for u, y, b in pending):
        results_recompute(unit_ids=[unit_id], year=year, basis=basis)


@transaction.atomic
def results_recompute(*, unit_ids: Iterable[int], year: int, basis: str = Basis.WORKING) -> int:
    """Rewrite the stored results, NPSS and NKO of the given units' year; returns result rows."""
    ids = sorted(set(unit_ids))
    pending = _pending.get()
    if pending is not None:
        pending.update((unit_id, year, str(basis)) for unit_id in ids)
        return 0
    plans = unit_plans(ids, year)
    indicator_ids = {i for plan in plans.values() for i in plan.indicators}
    indicators = list(Indicator.objects.filter(pk__in=indicator_ids).select_related("current_version"))
    definitions = year_definitions(year, indicators)
    entered = (working_inputs if basis == Basis.WORKING else verified_inputs)(ids, year)

    result_rows: list[Result] = []
    sasaran_rows: list[SasaranScore] = []
    unit_rows: list[UnitScore] = []
    for unit_id in ids:
        plan = plans.get(unit_id)
        if plan is None:
            continue
        unit_entered = entered.get(unit_id, [])
        computed = _compute_unit(year, plan, definitions, unit_entered)
        # A quarter nobody has entered yet gets no score, though a cumulative mean carries on.
        reached = {QUARTER_OF[e.period] for e in unit_entered if e.state == RealisationState.VALUE}
        for indicator_id, periods in computed.items():
            for period, r in periods.items():
                low = r.target.low if isinstance(r.target, TargetRange) else r.target
                high = r.target.high if isinstance(r.target, TargetRange) else None
                result_rows.append(
                    Result(
                        unit_id=unit_id,
                        indicator_id=indicator_id,
                        year=year,
                        period=period,
                        basis=basis,
                        value=r.value,
                        reported=r.reported,
                        category=r.category or "",
                        target=low,
                        target_high=high,
                        achievement=r.achievement,
                        status=r.status or "",
                        error=str(r.error) if r.error else "",
                    )
                )
        for quarter in QUARTERS:
            by_sasaran: dict[int, list[tuple[Decimal, Decimal | None]]] = defaultdict(list)
            for indicator_id, planned in plan.indicators.items():
                value = _quarter_achievement(computed.get(indicator_id, {}), quarter)
                if value is not None and quarter in reached:
                    by_sasaran[planned.sasaran_id].append((value, planned.weight))
            npss_items: list[tuple[Decimal, Decimal | None]] = []
            for sasaran_id in plan.sasaran_weights:
                items = by_sasaran.get(sasaran_id, [])
                npss = _mean(items)
                sasaran_rows.append(
                    SasaranScore(
                        unit_id=unit_id,
                        sasaran_id=sasaran_id,
                        year=year,
                        quarter=quarter,
                        basis=basis,
                        npss=npss,
                        indicator_count=len(items),
                    )
                )
                if npss is not None:
                    npss_items.append((npss, plan.sasaran_weights[sasaran_id]))
            unit_rows.append(
                UnitScore(
                    unit_id=unit_id,
                    year=year,
                    quarter=quarter,
                    basis=basis,
                    nko=_mean(npss_items),
                    sasaran_count=len(npss_items),
                )
            )
    for model in (Result, SasaranScore, UnitScore):
        model.objects.filter(unit_id__in=ids, year=year, basis=basis).delete()
    Result.objects.bulk_create(result_rows, batch_size=2000)
    SasaranScore.objects.bulk_create(sasaran_rows, batch_size=2000)
    UnitScore.objects.bulk_create(unit_rows, batch_size=2000)
    return len(result_rows)
