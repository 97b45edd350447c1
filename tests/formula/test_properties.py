"""Property tests: whatever a planner (or an attacker) types, and whatever input arrives, the
engine returns a value or raises its own error type, and never passes its step bound."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.formula import (
    NO_ROWS,
    EvaluationError,
    FormulaCheckError,
    InputError,
    Problem,
    check_formula,
    compile_formula,
    compute_periods,
)
from kinerja.formula.limits import MAX_STEPS
from tests.formula.helpers import SCHEMA, catalog

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

NUMBER_NAMES = ["a", "b", "c", "t0", "zz"]
ROW_NAMES = ["x", "y"]

numbers = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),
    st.sampled_from(["0", "0.1", "0.5", "1", "2", "12", "13", "100", "999999999999999999", "0.000001"]),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False).map(str),
)


def _binary(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    ops = st.sampled_from(["+", "-", "*", "/", "^", "==", "!=", "<", "<=", ">", ">=", "and", "or"])
    return st.tuples(children, ops, children).map(lambda t: f"({t[0]} {t[1]} {t[2]})")


def _call(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    funcs = st.sampled_from(
        [
            "min",
            "max",
            "clamp",
            "abs",
            "round",
            "if",
            "ratio",
            "ratio_s",
            "if_empty",
            "count_true",
            "nope",
        ]
    )
    return st.tuples(funcs, st.lists(children, min_size=0, max_size=4)).map(
        lambda t: f"{t[0]}({', '.join(t[1])})"
    )


def _weighted(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    weight = st.sampled_from(["0.5", "0.25", "1", "0.3", "a"])
    pair = st.tuples(weight, children).map(lambda t: f"{t[0]}: {t[1]}")
    return st.lists(pair, min_size=1, max_size=4).map(lambda ps: f"weighted({', '.join(ps)})")


row_leaf = st.one_of(numbers, st.sampled_from([*ROW_NAMES, "ok", "a", 'kind == "S1"', "score(kind)"]))
row_expr = st.recursive(row_leaf, lambda ch: st.one_of(_binary(ch), _call(ch)), max_leaves=6)


def _aggregate() -> st.SearchStrategy[str]:
    func = st.sampled_from(["sum", "mean", "count", "min", "max", "all", "any"])
    source = st.sampled_from(["rows", "rows.x", "rows.y", "rows.p", "other", "other.z", "a"])
    body = st.one_of(st.just(""), row_expr.map(lambda e: f": {e}"))
    where = st.one_of(st.just(""), row_expr.map(lambda e: f" where {e}"))
    return st.tuples(func, source, body, where).map(lambda t: f"{t[0]}({t[1]}{t[2]}{t[3]})")


leaf = st.one_of(
    numbers,
    st.sampled_from([*NUMBER_NAMES, "flag", "level", "note", "target", "true", "false", '"S2"']),
    st.just("score(level)"),
    st.just('ref("IK-01")'),
    _aggregate(),
)
expression = st.recursive(
    leaf,
    lambda ch: st.one_of(
        _binary(ch),
        _call(ch),
        _weighted(ch),
        ch.map(lambda e: f"-{e}"),
        ch.map(lambda e: f"not {e}"),
    ),
    max_leaves=12,
)
formula = st.tuples(
    st.lists(st.tuples(st.sampled_from(["k1", "k2", "rows.p", "value", "a"]), expression), max_size=3),
    st.one_of(st.just(""), expression),
).map(lambda t: "\n".join([f"{n} = {e}" for n, e in t[0]] + ([t[1]] if t[1] else [])))


# A typed grammar: mostly well-typed formulas, so that evaluation is exercised too.
row_num_leaf = st.one_of(numbers, st.sampled_from(["x", "y", "score(kind)", "a"]))
row_num = st.recursive(
    row_num_leaf,
    lambda ch: st.tuples(ch, st.sampled_from(["+", "-", "*", "/"]), ch).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"
    ),
    max_leaves=4,
)
row_bool = st.one_of(
    st.sampled_from(["ok", "not ok", 'kind == "S1"', 'kind != "S3"']),
    st.tuples(row_num, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), row_num).map(" ".join),
)
where = st.one_of(st.just(""), row_bool.map(lambda b: f" where {b}"))
num_aggregate = st.one_of(
    st.tuples(
        st.sampled_from(["sum", "mean", "min", "max"]), st.sampled_from(["rows.x", "rows.y"]), where
    ).map(lambda t: f"{t[0]}({t[1]}{t[2]})"),
    st.sampled_from(["sum(other.z)", "mean(other.z)", "count(other)"]),
    st.tuples(st.sampled_from(["sum", "mean", "min", "max"]), row_num, where).map(
        lambda t: f"{t[0]}(rows: {t[1]}{t[2]})"
    ),
    where.map(lambda w: f"count(rows{w})"),
)
bool_aggregate = st.tuples(st.sampled_from(["all", "any"]), row_bool).map(lambda t: f"{t[0]}(rows: {t[1]})")
num_leaf = st.one_of(
    numbers,
    st.sampled_from(["a", "b", "c", "t0", "target", "score(level)", 'ref("IK-01")', "k1"]),
    num_aggregate,
)
bool_leaf = st.one_of(st.sampled_from(["true", "false", "flag", 'level == "S2"']), bool_aggregate)

# Mutually recursive number and boolean expressions (deferred, so the strategy stays small).
num_expr: st.SearchStrategy[str] = st.deferred(
    lambda: st.one_of(
        num_leaf,
        num_leaf,
        st.tuples(num_expr, st.sampled_from(["+", "-", "*", "/", "^"]), num_expr).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        num_expr.map(lambda n: f"-{n}"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(num_expr, min_size=2, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
        st.tuples(num_expr, num_expr, num_expr).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"),
        num_expr.map(lambda n: f"abs({n})"),
        st.tuples(num_expr, st.integers(0, 4)).map(lambda t: f"round({t[0]}, {t[1]})"),
        st.tuples(st.sampled_from(["ratio", "ratio_s"]), num_expr, num_expr).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})"
        ),
        st.tuples(num_expr, num_expr).map(lambda t: f"weighted(0.25: {t[0]}, 0.75: {t[1]})"),
        st.tuples(bool_expr, num_expr, num_expr).map(lambda t: f"if({t[0]}, {t[1]}, {t[2]})"),
        st.tuples(num_expr, num_expr).map(lambda t: f"if_empty({t[0]}, {t[1]})"),
        st.lists(bool_expr, min_size=1, max_size=3).map(lambda bs: f"count_true({', '.join(bs)})"),
    )
)
bool_expr: st.SearchStrategy[str] = st.deferred(
    lambda: st.one_of(
        bool_leaf,
        st.tuples(num_expr, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), num_expr).map(" ".join),
        st.tuples(bool_expr, st.sampled_from(["and", "or"]), bool_expr).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        bool_expr.map(lambda b: f"not ({b})"),
    )
)
typed_expression = num_expr
typed_formula = st.tuples(typed_expression, st.booleans(), typed_expression).map(
    lambda t: f"k1 = {t[0]}\n" + ("rows.p = x * k1\nk2 = sum(rows.p)\n" if t[1] else "") + f"value = {t[2]}"
)

junk = st.lists(
    st.sampled_from([*list("abxyz_019.+-*/^()=<>!,:\"' \n#"), "where", "sum(", "rows", "é", "\x00"]),
    max_size=60,
).map("".join)

small_decimals = st.one_of(
    st.decimals(min_value=-(10**6), max_value=10**6, places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal(0), Decimal("1E+17"), Decimal("-1E+17"), Decimal("1E-20")]),
)
row = st.fixed_dictionaries(
    {
        "x": small_decimals,
        "y": small_decimals,
        "ok": st.booleans(),
        "kind": st.sampled_from(["S1", "S2", "S3"]),
    }
)
inputs = st.fixed_dictionaries(
    {
        "a": small_decimals,
        "b": small_decimals,
        "c": small_decimals,
        "t0": small_decimals,
        "flag": st.booleans(),
        "level": st.sampled_from(["S1", "S2", "S3"]),
        "note": st.text(max_size=5),
        "rows": st.lists(row, max_size=6),
        "other": st.lists(st.fixed_dictionaries({"z": small_decimals}), max_size=3),
    },
    optional={"plain": st.sampled_from(["x", "y"])},
)
targets = st.one_of(st.none(), small_decimals, st.tuples(small_decimals, small_decimals))


def resolver(code: str) -> Decimal | None:
    return Decimal("42.5") if code == "IK-01" else None


def _exercise(text: str, values: dict[str, Any], target: Any) -> None:
    found = check_formula(text, SCHEMA, result="any")
    assert all(isinstance(p, Problem) for p in found)
    assert not any(p.code.startswith("internal") for p in found), found
    try:
        program = compile_formula(text, SCHEMA, result="any")
    except FormulaCheckError as exc:
        refused: FormulaCheckError | None = exc
    else:
        refused = None
    if refused is not None:
        assert any(p.is_error for p in refused.problems)
        assert [p for p in refused.problems if p.is_error] == [p for p in found if p.is_error]
        return
    assert not any(p.is_error for p in found)
    try:
        trace = program.trace(values, target=target, ref=resolver)
    except EvaluationError as exc:
        failed: EvaluationError | None = exc
    else:
        failed = None
    if failed is not None:
        assert failed.problem.code
        return
    assert trace["$steps"] <= MAX_STEPS
    value = program.evaluate(values, target=target, ref=resolver)
    assert value is NO_ROWS or isinstance(value, Decimal | bool | str)


@SETTINGS
@given(text=formula, values=inputs, target=targets)
def test_grammar_formulas_never_escape(text: str, values: dict[str, Any], target: Any) -> None:
    _exercise(text, values, target)


@SETTINGS
@given(text=typed_formula, values=inputs, target=targets)
def test_typed_formulas_evaluate_or_raise_engine_errors(
    text: str, values: dict[str, Any], target: Any
) -> None:
    _exercise(text, values, target)


@SETTINGS
@given(text=junk, values=inputs, target=targets)
def test_junk_formulas_never_escape(text: str, values: dict[str, Any], target: Any) -> None:
    _exercise(text, values, target)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=200))
def test_any_unicode_text_is_checked_without_exception(text: str) -> None:
    assert all(isinstance(p, Problem) for p in check_formula(text, SCHEMA))


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=6),
    ),
    lambda ch: st.one_of(st.lists(ch, max_size=3), st.dictionaries(st.text(max_size=8), ch, max_size=3)),
    max_leaves=10,
)


@settings(max_examples=60, deadline=None)
@given(
    code=st.sampled_from(sorted(catalog())),
    period=st.sampled_from(["TW1", "TW3", "S1", "TAHUN", "X"]),
    raw=json_values,
    target=json_values,
)
def test_random_payloads_give_results_or_input_errors(code: str, period: str, raw: Any, target: Any) -> None:
    payload = {"year": 2024, "periods": {period: {"inputs": raw, "target": target}}}
    try:
        results = compute_periods(catalog()[code], payload)
    except InputError as exc:
        refused: InputError | None = exc
    else:
        refused = None
    if refused is not None:
        assert all(p.indicator == code for p in refused.problems)
        return
    for result in results.values():
        assert result.error is None or result.error.code
