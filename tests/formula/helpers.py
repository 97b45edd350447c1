"""Shared helpers for the formula tests (plain functions; no Django, no database)."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from kinerja.formula import (
    Field,
    IndicatorDefinition,
    PeriodResult,
    Program,
    Schema,
    compile_formula,
    compute_periods,
    load_definitions,
)

ROOT = Path(__file__).resolve().parents[2]
CATALOG_PATH = ROOT / "kinerja" / "catalog" / "data" / "tarakan_formulas.json"

D = Decimal


@cache
def catalog() -> dict[str, IndicatorDefinition]:
    data = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    return {d.code: d for d in load_definitions(data)}


def run(code: str, period: str, inputs: dict[str, Any], target: Any = None) -> PeriodResult:
    """Compute one period of a catalogue indicator."""
    entry: dict[str, Any] = {"inputs": inputs}
    if target is not None:
        entry["target"] = target
    return compute_periods(catalog()[code], {"year": 2024, "periods": {period: entry}})[period]


def run_year(code: str, periods: dict[str, Any]) -> dict[str, PeriodResult]:
    return compute_periods(catalog()[code], {"year": 2024, "periods": periods})


#: A general-purpose schema for engine tests.
SCHEMA = Schema(
    fields={
        "a": Field.number(),
        "b": Field.number(),
        "c": Field.number(),
        "flag": Field.boolean(),
        "note": Field.text(),
        "level": Field.choice({"S1": 15, "S2": 20, "S3": 25}),
        "plain": Field.choice({"x": None, "y": None}),
        "t0": Field.number(situational=True),
        "rows": Field.table(
            {
                "x": Field.number(),
                "y": Field.number(),
                "ok": Field.boolean(),
                "kind": Field.choice({"S1": 15, "S2": 20, "S3": 25}),
            }
        ),
        "other": Field.table({"z": Field.number()}),
    },
)


def program(text: str, result: str = "any") -> Program:
    return compile_formula(text, SCHEMA, result=result)  # type: ignore[arg-type]


def evaluate(text: str, result: str = "any", target: Any = None, ref: Any = None, **inputs: Any) -> Any:
    prog = program(text, result)
    return prog.evaluate(prog.prepare(inputs), target=target, ref=ref)


def vessel(**overrides: int) -> dict[str, int]:
    """A vessel row with every item at target 1, actual 1 (index 100), then ``overrides``."""
    row: dict[str, int] = {}
    for item in (
        "periksa_kapal",
        "periksa_kelautan",
        "cakupan",
        "intercept",
        "sar",
        "sita_alat",
        "rumpon",
        "ops_bersama",
    ):
        row[f"{item}_target"] = 1
        row[f"{item}_realisasi"] = 1
    row.update(overrides)
    return row


#: The spec's worked example (IK-02, one vessel, TW1).
WORKED_VESSEL = vessel(
    periksa_kapal_target=270,
    periksa_kapal_realisasi=180,
    periksa_kelautan_target=2,
    periksa_kelautan_realisasi=2,
    cakupan_target=25000,
    cakupan_realisasi=30000,
    intercept_target=4,
    intercept_realisasi=3,
    sar_target=0,
    sar_realisasi=0,
    sita_alat_target=2,
    sita_alat_realisasi=1,
    rumpon_target=0,
    rumpon_realisasi=0,
    ops_bersama_target=1,
    ops_bersama_realisasi=1,
)


def respondents(n: int, total: int) -> list[dict[str, int]]:
    """``n`` IKM questionnaires (u1..u9 in 1..4) whose answers add up to ``total``."""
    assert 9 * n <= total <= 36 * n
    rows = [{f"u{i}": 1 for i in range(1, 10)} for _ in range(n)]
    extra = total - 9 * n
    for row in rows:
        for key in row:
            step = min(3, extra)
            row[key] += step
            extra -= step
    assert extra == 0
    return rows
