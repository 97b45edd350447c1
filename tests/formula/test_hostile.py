"""A corpus of hostile formulas: all refused with the engine's own error, quickly."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.formula import EvaluationError, FormulaCheckError, compile_formula
from tests.formula.helpers import SCHEMA

PACKAGE = Path(__file__).resolve().parents[2] / "kinerja" / "formula"

HOSTILE = {
    # escapes to Python objects
    "dunder name": "__class__",
    "dunder attribute": "().__class__.__bases__",
    "attribute of input": "a.__class__",
    "attribute of table": "rows.__dict__",
    "subclasses": "''.__class__.__mro__[1].__subclasses__()",
    "import statement": "import os",
    "import function": "__import__('os')",
    "eval": "eval('1 + 1')",
    "exec": 'exec("x = 1")',
    "compile": "compile('1', 'f', 'eval')",
    "open": "open('/etc/passwd')",
    "getattr": "getattr(a, '__class__')",
    "lambda": "lambda: 1",
    "comprehension": "[x for x in rows]",
    "dict literal": "{'a': 1}",
    "semicolon": "a; import os",
    "walrus": "(x := 1)",
    "backticks": "`ls`",
    "shell": "$(rm -rf /)",
    "format string": 'f"{a.__class__}"',
    "null byte": "a\x00 + 1",
    "bidi override": "a \u202e+ 1",
    "keyword as binding": "and = 1\n2",
    # numbers
    "tower of powers": "9^9^9",
    "huge power": "10^100000",
    "power of input": "a ^ 1000",
    "fractional power": "2 ^ 0.5",
    "folded overflow": "(10^12)^12",
    "huge literal": "1" * 1000,
    "many digits": "0." + "3" * 100,
    "exponent literal": "1e999",
    "hex literal": "0x10",
    "nineteen digits": "1" * 19,
    # size and nesting
    "one megabyte": "1 + " * 250_000 + "1",
    "10k parentheses": "(" * 10_000 + "1" + ")" * 10_000,
    "9k parentheses": "(" * 9_000 + "1" + ")" * 9_000,
    "10k unary minus": "-" * 10_000 + "1",
    "long flat sum": " + ".join(["a"] * 3_000),
    "nested calls": "abs(" * 4_000 + "1" + ")" * 4_000,
    "nested aggregates": "sum(rows: " * 100 + "x" + ")" * 100,
    "nested ifs": "if(flag, " * 1_000 + "1" + ", 2)" * 1_000,
    "many problems": "$" * 15_000,
    "unterminated string": '"' + "a" * 15_000,
    "long name": "a" * 5_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_formula_is_refused(name: str) -> None:
    """Refused by the parser's own limits (length, depth, nodes), not by a timeout."""
    text = HOSTILE[name]
    with pytest.raises(FormulaCheckError) as info:
        compile_formula(text, SCHEMA, result="any")
    problems = info.value.problems
    assert problems
    assert all(p.code and p.message_id and p.message_en for p in problems)
    assert not any(p.code.startswith("internal") for p in problems)
    assert len(problems) <= 101


def test_nested_aggregates_over_big_tables_hit_the_step_limit() -> None:
    program = compile_formula("sum(rows: sum(rows: sum(rows: x * y)))", SCHEMA)
    row = {"x": Decimal(1), "y": Decimal(2), "ok": True, "kind": "S1"}
    with pytest.raises(EvaluationError) as info:
        program.evaluate({"rows": [row] * 1_000})
    assert info.value.code == "step_limit"


def test_runtime_overflow_and_huge_powers_are_engine_errors() -> None:
    program = compile_formula("a ^ b * a ^ b", SCHEMA)
    with pytest.raises(EvaluationError) as info:
        program.evaluate({"a": Decimal(10), "b": Decimal(12)})
    assert info.value.code == "overflow"
    with pytest.raises(EvaluationError) as info:
        program.evaluate({"a": Decimal(9), "b": Decimal(387420489)})
    assert info.value.code == "exponent_too_large"


def test_hostile_input_values_are_engine_errors() -> None:
    program = compile_formula("a + b", SCHEMA)
    for bad in ("1", [1], {"x": 1}, object(), float("nan"), Decimal("NaN"), Decimal("Infinity")):
        with pytest.raises(EvaluationError):
            program.evaluate({"a": bad, "b": Decimal(1)})


SOURCE_FILES = sorted(PACKAGE.glob("*.py"))


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_engine_source_has_no_dynamic_code_and_no_django(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    forbidden = [
        r"\beval\(",
        r"\bexec\(",
        r"(?<![\w.])compile\(",
        r"^\s*import ast\b",
        r"^\s*from ast\b",
        r"__import__",
        r"importlib",
        r"\bdjango\b",
    ]
    for pattern in forbidden:
        assert not re.search(pattern, source, re.MULTILINE), (path.name, pattern)
