"""The expression language: operators, Decimal exactness, functions, aggregates, errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.formula import (
    NO_ROWS,
    BandTable,
    EvaluationError,
    Field,
    FormulaCheckError,
    Schema,
    compile_formula,
    find_cycles,
    formula_refs,
    round_half_up,
)
from kinerja.formula.limits import MAX_STEPS
from tests.formula.helpers import SCHEMA, D, evaluate, program

ROWS = [
    {"x": 1, "y": 10, "ok": True, "kind": "S1"},
    {"x": 2, "y": 20, "ok": False, "kind": "S2"},
    {"x": 3, "y": 30, "ok": True, "kind": "S3"},
]


# --- arithmetic --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", D(7)),
        ("(1 + 2) * 3", D(9)),
        ("10 - 4 - 3", D(3)),  # left associative
        ("2 ^ 3 ^ 2", D(512)),  # right associative: 2^(3^2)
        ("-2 ^ 2", D(-4)),  # power binds tighter than unary minus
        ("2 ^ -2", D("0.25")),
        ("7 / 2", D("3.5")),
        ("- - 3", D(3)),
        ("0 ^ 0", D(1)),
        ("2 ^ 12", D(4096)),
        ("1.5 * 4", D("6.0")),
    ],
)
def test_arithmetic(text: str, expected: Decimal) -> None:
    assert evaluate(text) == expected


def test_decimal_exactness() -> None:
    # Binary floats would give 0.30000000000000004.
    assert evaluate("0.1 + 0.2") == D("0.3")
    assert evaluate("0.1 + 0.2 == 0.3") is True
    assert evaluate("a + b", a=0.1, b=0.2) == D("0.3")  # floats from JSON go through repr
    # 28 significant digits, rounded at each step (as a calculator would)
    assert evaluate("1 / 3") == D("0.3333333333333333333333333333")
    assert evaluate("1 / 3 * 3") == D("0.9999999999999999999999999999")
    assert round_half_up(evaluate("1 / 3 * 3")) == 1


def test_round_is_half_up() -> None:
    assert evaluate("round(2.345, 2)") == D("2.35")  # half-even would give 2.34
    assert evaluate("round(2.5, 0)") == D(3)
    assert evaluate("round(-2.5, 0)") == D(-3)
    assert evaluate("round(a, 1)", a=0.25) == D("0.3")
    assert round_half_up(D("87.665")) == D("87.67")
    assert round_half_up(D("0.005")) == D("0.01")


def test_comparisons_and_logic() -> None:
    assert evaluate("1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 != 2") is True
    assert evaluate("not 1 == 1 or false") is False
    assert evaluate("not (1 == 2)") is True
    assert evaluate('"abc" == "abc"') is True
    assert evaluate("true == false") is False
    # and/or are lazy: the division by zero on the right is never evaluated
    assert evaluate("false and 1 / a > 0", a=0) is False
    assert evaluate("true or 1 / a > 0", a=0) is True


# --- functions ---------------------------------------------------------------------------
def test_min_max_clamp_abs() -> None:
    assert evaluate("min(3, 1, 2)") == 1
    assert evaluate("max(3, 1, 2)") == 3
    assert evaluate("min(a, b)", a=5, b=4) == 4
    assert evaluate("max(a, b)", a=5, b=4) == 5
    assert evaluate("clamp(a, 0, 100)", a=120) == 100
    assert evaluate("clamp(a, 0, 100)", a=-5) == 0
    assert evaluate("clamp(a, 0, 100)", a=55) == 55
    assert evaluate("abs(a)", a=-2.5) == D("2.5")


def test_clamp_with_crossed_bounds_is_an_error() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate("clamp(1, a, b)", a=5, b=1)
    assert info.value.code == "clamp_bounds"


def test_if_is_lazy() -> None:
    assert evaluate("if(a == 0, 100, 1 / a)", a=0) == 100
    assert evaluate("if(a == 0, 100, 1 / a)", a=4) == D("0.25")
    assert evaluate('if(flag, "ya", "tidak")', flag=True) == "ya"


def test_ratio() -> None:
    assert evaluate("ratio(a, b)", a=180, b=270) == D(2) / D(3)
    assert evaluate("ratio(a, b)", a=30000, b=25000) == 1  # capped at 1
    assert evaluate("ratio_s(a, t0)", a=0, t0=0) == 1  # situational: target 0 = achieved
    assert evaluate("ratio_s(a, t0)", a=1, t0=4) == D("0.25")
    with pytest.raises(EvaluationError) as info:
        evaluate("x = 1\nratio(a, b)", a=1, b=0)
    problem = info.value.problem
    assert (problem.code, problem.line, problem.column) == ("ratio_zero_target", 2, 1)
    assert "target" in problem.message_en
    assert "Target" in problem.message_id


def test_weighted() -> None:
    assert evaluate("weighted(0.20: a, 0.30: b, 0.50: c)", a=80, b=70, c=90) == D(82)
    assert evaluate("weighted(0.5: a, 0.5: b)", a=1, b=3) == 2
    assert evaluate("weighted(1: a)", a=7) == 7
    four = "weighted(0.435: a, 0.286: b, 0.182: c, 0.097: a)"
    assert evaluate(four, a=90, b=80, c=70) == D("0.435") * 90 + D("22.88") + D("12.74") + D("8.73")


def test_score_band_label() -> None:
    assert evaluate("score(level)", level="S2") == 20
    table = BandTable.from_json(
        "grade",
        [
            {"lower": None, "upper": 50, "upper_inclusive": False, "score": 1, "label": "low"},
            {"lower": 50, "lower_inclusive": True, "upper": None, "score": 2, "label": "high"},
        ],
    )[0]
    schema = Schema({"a": Field.number()}, {"grade": table})
    prog = compile_formula('category = label(a, "grade")\nband(a, "grade")', schema)
    assert prog.evaluate_outputs({"a": D("49.99")}, ("value", "category")) == (1, "low")
    assert prog.evaluate_outputs({"a": D(50)}, ("value", "category")) == (2, "high")


def test_band_gap_is_an_evaluation_error() -> None:
    table = BandTable.from_json("gap", [{"lower": 0, "upper": 10, "score": 1, "label": "x"}])[0]
    prog = compile_formula('band(a, "gap")', Schema({"a": Field.number()}, {"gap": table}))
    assert prog.evaluate({"a": D(5)}) == 1
    with pytest.raises(EvaluationError) as info:
        prog.evaluate({"a": D(10)})  # upper edge is exclusive by default
    assert info.value.code == "no_band"


def test_count_true_and_if_empty() -> None:
    assert evaluate("count_true(flag, true, false)", flag=True) == 2
    assert evaluate("if_empty(mean(rows.x), 0)", rows=[]) == 0
    assert evaluate("if_empty(mean(rows.x), 0)", rows=ROWS) == 2


# --- aggregates --------------------------------------------------------------------------
def test_aggregates_over_columns_and_rows() -> None:
    assert evaluate("sum(rows.x)", rows=ROWS) == 6
    assert evaluate("mean(rows.y)", rows=ROWS) == 20
    assert evaluate("count(rows)", rows=ROWS) == 3
    assert evaluate("min(rows.y)", rows=ROWS) == 10
    assert evaluate("max(rows.y)", rows=ROWS) == 30
    assert evaluate("sum(rows: x * y)", rows=ROWS) == 140
    assert evaluate("count(rows where ok)", rows=ROWS) == 2
    assert evaluate("sum(rows.y where ok)", rows=ROWS) == 40
    assert evaluate("mean(rows: x + y where x > 1)", rows=ROWS) == D("27.5")
    assert evaluate("all(rows: y >= 10)", rows=ROWS) is True
    assert evaluate("any(rows: y > 25)", rows=ROWS) is True
    assert evaluate("all(rows.ok)", rows=ROWS) is False
    assert evaluate("sum(rows: score(kind))", rows=ROWS) == 60
    assert evaluate('count(rows where kind == "S2")', rows=ROWS) == 1


def test_row_formulas_are_computed_columns() -> None:
    text = "rows.p = x * 10 + y\nrows.q = p / 2\nvalue = sum(rows.q)"
    # p = 20, 40, 60 -> q = 10, 20, 30
    assert evaluate(text, rows=ROWS) == 60
    # Row formulas see scalar inputs and earlier bindings too.
    assert evaluate("k = a * 2\nrows.p = x * k\nsum(rows.p)", a=5, rows=ROWS) == 60


def test_row_formulas_do_not_modify_the_inputs() -> None:
    prog = program("rows.p = x * 2\nsum(rows.p)")
    inputs = prog.prepare({"rows": ROWS})
    assert prog.evaluate(inputs) == 12
    assert "p" not in inputs["rows"][0]


def test_aggregate_over_no_rows_is_the_no_rows_outcome() -> None:
    for text in ("sum(rows.x)", "mean(rows.x)", "min(rows.x)", "max(rows.x)", "1 + mean(rows.x)"):
        assert evaluate(text, rows=[]) is NO_ROWS
    # ...also when a filter leaves no rows
    assert evaluate("sum(rows.x where x > 100)", rows=ROWS) is NO_ROWS
    # count, all and any have a natural value on zero rows
    assert evaluate("count(rows)", rows=[]) == 0
    assert evaluate("all(rows: x > 0)", rows=[]) is True
    assert evaluate("any(rows: x > 0)", rows=[]) is False
    # a binding that has no rows does not hide the other outputs
    prog = program('m = mean(rows.x)\ncategory = "ok"\nvalue = a')
    inputs = prog.prepare({"rows": [], "a": 1})
    assert prog.evaluate_outputs(inputs, ("value", "category")) == (1, "ok")
    assert prog.trace(inputs)["m"] is NO_ROWS


# --- target and ref ----------------------------------------------------------------------
def test_target() -> None:
    assert evaluate("if(b == 0, target, a / b * 100)", a=1, b=0, target=D(90)) == 90
    with pytest.raises(EvaluationError) as info:
        evaluate("if(b == 0, target, a / b * 100)", a=1, b=0)
    assert info.value.code == "target_missing"
    with pytest.raises(EvaluationError) as info:
        evaluate("target", target=(D(1), D(2)))
    assert info.value.code == "target_is_range"
    assert evaluate("target * 2", target=40) == 80  # a plain int target is accepted


def test_ref() -> None:
    values = {"IK-16": D("86.25")}
    assert evaluate('ref("IK-16") / 2', ref=values.get) == D("43.125")
    with pytest.raises(EvaluationError) as info:
        evaluate('ref("IK-99")', ref=values.get)
    assert info.value.code == "ref_unavailable"
    with pytest.raises(EvaluationError) as info:
        evaluate('ref("IK-16")')  # no resolver
    assert info.value.code == "ref_unavailable"

    def broken(code: str) -> Decimal:
        raise RuntimeError("database down")

    with pytest.raises(EvaluationError) as info:
        evaluate('ref("IK-16")', ref=broken)
    assert info.value.code == "ref_failed"


def test_ref_cycles() -> None:
    graph = {"A": ["B"], "B": ["C"], "C": ["A"], "D": ["D"], "E": ["A"]}
    assert find_cycles(graph) == [["A", "B", "C", "A"], ["D", "D"]]
    assert find_cycles({"A": ["B"], "B": []}) == []
    assert formula_refs('x = ref("IK-01")\nvalue = x + ref("IK-02")') == {"IK-01", "IK-02"}
    # refs are found even when another line of the formula has errors
    assert formula_refs('x = ref("IK-03")\ny = 1 +\nvalue = x') == {"IK-03"}


# --- dependencies ------------------------------------------------------------------------
def test_dependency_extraction() -> None:
    text = (
        'rows.p = x * a\nk = if(flag, target, ref("IK-16"))\nvalue = sum(rows.p where ok) + k + count(other)'
    )
    deps = program(text).dependencies
    assert deps.inputs == {"rows", "a", "flag", "other"}
    assert deps.columns == {("rows", "x"), ("rows", "ok")}
    assert deps.refs == {"IK-16"}
    assert deps.target is True
    assert program("a + b").dependencies.target is False


# --- evaluation errors -------------------------------------------------------------------
def test_division_by_zero_has_a_position() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate("x = a + 1\ny = x / b\ny", a=1, b=0)
    problem = info.value.problem
    assert (problem.code, problem.line, problem.column) == ("division_by_zero", 2, 7)
    assert problem.message_id == "Pembagian dengan nol."
    assert problem.message_en == "Division by zero."


def test_error_inside_a_row_names_the_row() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate("sum(rows: x / y)", rows=[{"x": 1, "y": 2}, {"x": 1, "y": 0}])
    problem = info.value.problem
    assert problem.code == "division_by_zero"
    assert problem.row == 2
    assert "baris 2" in problem.message_id
    assert "row 2" in problem.message_en


def test_missing_input() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate("a + b", a=1)
    assert info.value.code == "missing_input"
    assert "b" in info.value.message_en


def test_overflow_is_an_engine_error() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate("a * a * a", a=10**17)
    assert info.value.code == "overflow"
    with pytest.raises(EvaluationError) as info:
        evaluate("a ^ b", a=2, b=13)  # a runtime exponent beyond the limit
    assert info.value.code == "exponent_too_large"
    with pytest.raises(EvaluationError) as info:
        evaluate("a ^ -1", a=0)
    assert info.value.code == "division_by_zero"


def test_step_limit() -> None:
    prog = program("sum(rows: sum(rows: sum(rows: x)))")
    rows = prog.prepare({"rows": [{"x": 1, "y": 1, "ok": True, "kind": "S1"}] * 200})
    with pytest.raises(EvaluationError) as info:
        prog.evaluate(rows)
    assert info.value.code == "step_limit"
    small = prog.prepare({"rows": ROWS})
    assert prog.evaluate(small) == 54
    assert prog.trace(small)["$steps"] <= MAX_STEPS


def test_bad_value_types_are_engine_errors() -> None:
    prog = program("a + 1")
    with pytest.raises(EvaluationError) as info:
        prog.evaluate({"a": "not a number"})
    assert info.value.code == "bad_value"
    with pytest.raises(EvaluationError):
        prog.prepare({"a": float("nan")})


def test_parse_once_evaluate_many() -> None:
    prog = program("rows.p = x * a\nsum(rows.p)")
    for a in range(5):
        assert prog.evaluate(prog.prepare({"a": a, "rows": ROWS})) == 6 * a


def test_compile_refuses_text_with_errors() -> None:
    with pytest.raises(FormulaCheckError) as info:
        compile_formula("a +", SCHEMA)
    assert info.value.code == "unexpected_token"
