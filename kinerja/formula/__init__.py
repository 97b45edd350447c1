"""Kinerja's formula engine: indicator computations as data, safe to accept from planners.

A planner types a formula in a small expression language (``docs/formula-language.md``); the
engine parses it once with a hand-written parser, checks it statically (every problem, with
position and Indonesian/English messages), compiles it to closures and evaluates it many times
with Decimal arithmetic under hard limits. Pure Python: no Django import anywhere here, so the
same code serves the web application, the CLI and batch jobs.
"""

from __future__ import annotations

from kinerja.formula.bands import Band, BandTable
from kinerja.formula.checker import Dependencies
from kinerja.formula.compiler import NO_ROWS, NoRowsType
from kinerja.formula.decimals import CONTEXT, round_half_up, to_decimal
from kinerja.formula.errors import (
    DefinitionError,
    EvaluationError,
    FormulaCheckError,
    FormulaError,
    InputError,
    Problem,
)
from kinerja.formula.indicator import (
    PERIODS,
    IndicatorDefinition,
    PeriodInput,
    PeriodRefResolver,
    PeriodResult,
    TargetRange,
    achievement,
    check_catalog,
    compute_periods,
    find_ref_cycles,
    load_definitions,
    status,
)
from kinerja.formula.inputs import ChoiceOption, InputSpec
from kinerja.formula.program import (
    Program,
    RefResolver,
    Value,
    check_formula,
    compile_formula,
    find_cycles,
    formula_refs,
    prepare_inputs,
)
from kinerja.formula.schema import Field, Schema

__all__ = [
    "CONTEXT",
    "NO_ROWS",
    "PERIODS",
    "Band",
    "BandTable",
    "ChoiceOption",
    "DefinitionError",
    "Dependencies",
    "EvaluationError",
    "Field",
    "FormulaCheckError",
    "FormulaError",
    "IndicatorDefinition",
    "InputError",
    "InputSpec",
    "NoRowsType",
    "PeriodInput",
    "PeriodRefResolver",
    "PeriodResult",
    "Problem",
    "Program",
    "RefResolver",
    "Schema",
    "TargetRange",
    "Value",
    "achievement",
    "check_catalog",
    "check_formula",
    "compile_formula",
    "compute_periods",
    "find_cycles",
    "find_ref_cycles",
    "formula_refs",
    "load_definitions",
    "prepare_inputs",
    "round_half_up",
    "status",
    "to_decimal",
]
