"""Compile a checked syntax tree to nested Python closures (no generated source, no ``eval``).

Every closure has the signature ``fn(frame, row)``: ``frame`` is the evaluation's slot list
(slot 0 counts steps, 1 holds the target, 2 the reference resolver, then inputs and bindings),
``row`` is the current table row (a dict) inside row formulas and aggregates, else None.
Constant subtrees were folded by the checker and compile to a closure returning the constant.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any, Final, NoReturn

from kinerja.formula.bands import BandTable
from kinerja.formula.decimals import CONTEXT, ONE, ZERO, to_decimal
from kinerja.formula.errors import EvaluationError, FormulaError, Problem
from kinerja.formula.limits import MAX_EXPONENT, MAX_STEPS
from kinerja.formula.nodes import Aggregate, Binary, Call, Column, Name, Node, Unary

Fn = Callable[[list[Any], Any], Any]

STEP_SLOT: Final = 0
TARGET_SLOT: Final = 1
REF_SLOT: Final = 2
FIRST_FREE_SLOT: Final = 3

_SMALL_INTS: Final = tuple(Decimal(i) for i in range(257))


class NoRowsType:
    """The "no rows" outcome: an aggregate found no rows, so there is no value (not an error)."""

    _instance: NoRowsType | None = None

    def __new__(cls) -> NoRowsType:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NO_ROWS"

    def __bool__(self) -> bool:
        return False


NO_ROWS: Final = NoRowsType()


class NoRowsSignal(Exception):
    """Internal: unwinds from an aggregate over zero rows to the enclosing binding."""


_NO_ROWS_SIGNAL: Final = NoRowsSignal()


def _count(n: int) -> Decimal:
    return _SMALL_INTS[n] if n < 257 else Decimal(n)


def _fail(problem: Problem) -> NoReturn:
    raise EvaluationError(problem)


def _step_problem(node: Node) -> Problem:
    return Problem.make("step_limit", node.line, node.col, limit=MAX_STEPS)


def locate_row(fn: Fn, frame: list[Any], rows: list[Any]) -> int:
    """1-based number of the first row on which ``fn`` fails (0 if none does)."""
    for index, row in enumerate(rows, start=1):
        try:
            fn(frame, row)
        except (FormulaError, NoRowsSignal, ArithmeticError, TypeError, KeyError):
            return index
    return 0


def with_row(error: EvaluationError, table: str, row: int) -> EvaluationError:
    """Add the table row to an evaluation error raised inside a row formula."""
    p = error.problem
    if p.row or not row:
        return error
    field = p.field or table
    message_id = f"{p.message_id} (tabel {table}, baris {row})"
    message_en = f"{p.message_en} (table {table}, row {row})"
    return EvaluationError(
        Problem(
            p.code,
            message_id,
            message_en,
            p.line,
            p.column,
            p.severity,
            p.where,
            p.indicator,
            p.period,
            field,
            row,
        )
    )


# ---------------------------------------------------------------------------------------------
def compile_node(node: Node) -> Fn:
    const = node.const
    if const is not None:
        value = const[0]
        return lambda s, r: value
    kind = type(node)
    if kind is Name or kind is Column:
        return _compile_reference(node)
    if kind is Unary:
        assert isinstance(node, Unary)
        return _compile_unary(node)
    if kind is Binary:
        assert isinstance(node, Binary)
        return _compile_binary(node)
    if kind is Call:
        assert isinstance(node, Call)
        return _compile_call(node)
    if kind is Aggregate:
        assert isinstance(node, Aggregate)
        return _compile_aggregate(node)
    raise AssertionError(f"cannot compile {kind.__name__}")  # pragma: no cover


def run_constant(fn: Fn) -> Any:
    """Evaluate a closure that reads nothing (used for constant folding)."""
    frame: list[Any] = [0, None, None]
    with localcontext(CONTEXT):
        return fn(frame, None)


# ---------------------------------------------------------------------------------------------
def _compile_reference(node: Node) -> Fn:
    info = node.info
    kind = info[0]
    if kind == "input":
        slot = info[1]
        missing = Problem.make("missing_input", node.line, node.col, name=info[2], field=info[2])

        def read_input(s: list[Any], r: Any) -> Any:
            v = s[slot]
            if v is None:
                _fail(missing)
            return v

        return read_input
    if kind == "binding":
        slot = info[1]

        def read_binding(s: list[Any], r: Any) -> Any:
            v = s[slot]
            if v is NO_ROWS:
                raise _NO_ROWS_SIGNAL
            return v

        return read_binding
    if kind == "column":
        key, computed = info[1], info[2]
        if computed:

            def read_computed(s: list[Any], r: Any) -> Any:
                v = r[key]
                if v is NO_ROWS:
                    raise _NO_ROWS_SIGNAL
                return v

            return read_computed
        missing = Problem.make("missing_column", node.line, node.col, name=key, field=key)

        def read_column(s: list[Any], r: Any) -> Any:
            v = r[key]
            if v is None:
                _fail(missing)
            return v

        return read_column
    if kind == "target":
        no_target = Problem.make("target_missing", node.line, node.col)
        is_range = Problem.make("target_is_range", node.line, node.col)

        def read_target(s: list[Any], r: Any) -> Any:
            v = s[TARGET_SLOT]
            if v.__class__ is Decimal:
                return v
            _fail(no_target if v is None else is_range)

        return read_target
    raise AssertionError(f"unresolved reference {info!r}")  # pragma: no cover


def _compile_unary(node: Unary) -> Fn:
    a = compile_node(node.operand)
    if node.op == "-":
        return lambda s, r: -a(s, r)
    return lambda s, r: not a(s, r)


def _compile_binary(node: Binary) -> Fn:
    op = node.op
    left, right = node.left, node.right
    a = compile_node(left)
    b = compile_node(right)
    lc, rc = left.const, right.const
    if op == "+":
        if rc is not None:
            k = rc[0]
            return lambda s, r: a(s, r) + k
        if lc is not None:
            k = lc[0]
            return lambda s, r: k + b(s, r)
        return lambda s, r: a(s, r) + b(s, r)
    if op == "-":
        if rc is not None:
            k = rc[0]
            return lambda s, r: a(s, r) - k
        if lc is not None:
            k = lc[0]
            return lambda s, r: k - b(s, r)
        return lambda s, r: a(s, r) - b(s, r)
    if op == "*":
        if rc is not None:
            k = rc[0]
            return lambda s, r: a(s, r) * k
        if lc is not None:
            k = lc[0]
            return lambda s, r: k * b(s, r)
        return lambda s, r: a(s, r) * b(s, r)
    if op == "/":
        if rc is not None and rc[0]:
            k = rc[0]
            return lambda s, r: a(s, r) / k
        zero = Problem.make("division_by_zero", node.line, node.col)

        def divide(s: list[Any], r: Any) -> Any:
            n = a(s, r)
            d = b(s, r)
            if not d:
                _fail(zero)
            return n / d

        return divide
    if op == "^":
        return _compile_power(node, a, b)
    if op == "and":
        return lambda s, r: a(s, r) and b(s, r)
    if op == "or":
        return lambda s, r: a(s, r) or b(s, r)
    if op == "==":
        return lambda s, r: a(s, r) == b(s, r)
    if op == "!=":
        return lambda s, r: a(s, r) != b(s, r)
    if op == "<":
        if rc is not None:
            k = rc[0]
            return lambda s, r: a(s, r) < k
        return lambda s, r: a(s, r) < b(s, r)
    if op == "<=":
        if rc is not None:
            k = rc[0]
            return lambda s, r: a(s, r) <= k
        return lambda s, r: a(s, r) <= b(s, r)
    if op == ">":
        if rc is not None:
            k = rc[0]
            return lambda s, r: a(s, r) > k
        return lambda s, r: a(s, r) > b(s, r)
    if op == ">=":
        if rc is not None:
            k = rc[0]
            return lambda s, r: a(s, r) >= k
        return lambda s, r: a(s, r) >= b(s, r)
    raise AssertionError(f"unknown operator {op}")  # pragma: no cover


def power_value(x: Decimal, e: Decimal, node: Node) -> Decimal:
    """``x ^ e`` for an integer |e| <= MAX_EXPONENT; 0 ^ 0 is 1, 0 ^ negative is an error."""
    if not e.is_finite() or e != e.to_integral_value() or abs(e) > MAX_EXPONENT:
        _fail(Problem.make("exponent_too_large", node.line, node.col, limit=MAX_EXPONENT))
    k = int(e)
    if k == 0:
        return ONE
    if k < 0 and not x:
        _fail(Problem.make("division_by_zero", node.line, node.col))
    result: Decimal = x**k
    return result


def _compile_power(node: Binary, a: Fn, b: Fn) -> Fn:
    rc = node.right.const
    if rc is not None:
        exponent = rc[0]
        k = int(exponent)
        if k == 2:

            def square(s: list[Any], r: Any) -> Any:
                x = a(s, r)
                return x * x

            return square
        if k > 0:
            return lambda s, r: a(s, r) ** k

        return lambda s, r: power_value(a(s, r), exponent, node)
    return lambda s, r: power_value(a(s, r), b(s, r), node)


# ---------------------------------------------------------------------------------------------
def _compile_call(node: Call) -> Fn:
    func = node.func
    fns = [compile_node(arg) for arg in node.args]
    if func == "if":
        c, a, b = fns
        return lambda s, r: a(s, r) if c(s, r) else b(s, r)
    if func == "ratio" or func == "ratio_s":
        num, den = fns
        situational = func == "ratio_s"
        zero = Problem.make("ratio_zero_target", node.line, node.col)

        def ratio(s: list[Any], r: Any) -> Any:
            x = num(s, r)
            t = den(s, r)
            if not t:
                if situational:
                    return ONE
                _fail(zero)
            q = x / t
            return q if q < ONE else ONE

        return ratio
    if func == "weighted":
        assert node.weights is not None
        weights = [w.const[0] for w in node.weights]
        if len(fns) == 2:
            w0, w1 = weights
            f0, f1 = fns
            return lambda s, r: w0 * f0(s, r) + w1 * f1(s, r)
        if len(fns) == 3:
            w0, w1, w2 = weights
            f0, f1, f2 = fns
            return lambda s, r: w0 * f0(s, r) + w1 * f1(s, r) + w2 * f2(s, r)
        pairs = tuple(zip(weights, fns, strict=True))

        def weighted(s: list[Any], r: Any) -> Any:
            total = ZERO
            for w, f in pairs:
                total += w * f(s, r)
            return total

        return weighted
    if func == "min" or func == "max":
        if len(fns) == 2:
            f0, f1 = fns
            if func == "min":

                def min2(s: list[Any], r: Any) -> Any:
                    x = f0(s, r)
                    y = f1(s, r)
                    return x if x <= y else y

                return min2

            def max2(s: list[Any], r: Any) -> Any:
                x = f0(s, r)
                y = f1(s, r)
                return x if x >= y else y

            return max2
        pick = min if func == "min" else max
        return lambda s, r: pick([f(s, r) for f in fns])
    if func == "clamp":
        fx, flo, fhi = fns
        bounds = Problem.make("clamp_bounds", node.line, node.col)

        def clamp(s: list[Any], r: Any) -> Any:
            x = fx(s, r)
            lo = flo(s, r)
            hi = fhi(s, r)
            if lo > hi:
                _fail(bounds)
            return lo if x < lo else hi if x > hi else x

        return clamp
    if func == "abs":
        (fa,) = fns
        return lambda s, r: fa(s, r).copy_abs()
    if func == "round":
        fa = fns[0]
        quant = Decimal(1).scaleb(-int(node.args[1].const[0]))
        return lambda s, r: fa(s, r).quantize(quant, rounding=ROUND_HALF_UP)
    if func == "score":
        (fa,) = fns
        scores = node.info
        return lambda s, r: scores[fa(s, r)]
    if func == "band" or func == "label":
        return _compile_band(node, fns[0], func == "band")
    if func == "ref":
        return _compile_ref(node)
    if func == "if_empty":
        fa, fb = fns

        def if_empty(s: list[Any], r: Any) -> Any:
            try:
                return fa(s, r)
            except NoRowsSignal:
                return fb(s, r)

        return if_empty
    if func == "count_true":
        flags = tuple(fns)
        return lambda s, r: _count(sum(1 for f in flags if f(s, r)))
    raise AssertionError(f"unknown function {func}")  # pragma: no cover


def _compile_band(node: Call, fa: Fn, want_score: bool) -> Fn:
    table: BandTable = node.info
    entries = tuple(
        (b.lower, b.lower_inclusive, b.upper, b.upper_inclusive, b.score if want_score else b.label)
        for b in table.bands
    )
    name = table.name

    def band(s: list[Any], r: Any) -> Any:
        x = fa(s, r)
        for lo, lo_in, hi, hi_in, out in entries:
            if lo is not None and (x < lo or (x == lo and not lo_in)):
                continue
            if hi is not None and (x > hi or (x == hi and not hi_in)):
                continue
            return out
        _fail(Problem.make("no_band", node.line, node.col, value=x, name=name))

    return band


def _compile_ref(node: Call) -> Fn:
    code = node.args[0].const[0]
    unavailable = Problem.make("ref_unavailable", node.line, node.col, code=code)

    def ref(s: list[Any], r: Any) -> Any:
        resolver = s[REF_SLOT]
        if resolver is None:
            _fail(unavailable)
        try:
            value = resolver(code)
        except FormulaError:
            raise
        except Exception as exc:  # the resolver is host code; report, do not leak
            _fail(Problem.make("ref_failed", node.line, node.col, code=code, detail=repr(exc)))
        if value is None:
            _fail(unavailable)
        number = to_decimal(value)
        if number is None:
            _fail(
                Problem.make("ref_failed", node.line, node.col, code=code, detail=f"not a number: {value!r}")
            )
        return number

    return ref


# ---------------------------------------------------------------------------------------------
def _compile_aggregate(node: Aggregate) -> Fn:
    table_slot, table_name, key, _computed = node.info
    func = node.func
    body = compile_node(node.body) if node.body is not None else None
    where = compile_node(node.where) if node.where is not None else None
    per_row = 1 + (node.body.size if node.body is not None else 0)
    per_row += node.where.size if node.where is not None else 0
    missing_table = Problem.make("missing_input", node.line, node.col, name=table_name, field=table_name)
    too_long = _step_problem(node)

    def rows_of(s: list[Any]) -> list[Any]:
        rows: list[Any] | None = s[table_slot]
        if rows is None:
            _fail(missing_table)
        steps = s[STEP_SLOT] + len(rows) * per_row
        if steps > MAX_STEPS:
            _fail(too_long)
        s[STEP_SLOT] = steps
        if where is not None:
            try:
                return [row for row in rows if where(s, row)]
            except EvaluationError as error:
                raise with_row(error, table_name, locate_row(where, s, rows)) from None
        return rows

    if func == "count":

        def count(s: list[Any], r: Any) -> Any:
            return _count(len(rows_of(s)))

        return count

    missing_column = Problem.make("missing_column", node.line, node.col, name=key or "", field=key or "")

    def values(s: list[Any], rows: list[Any]) -> list[Any]:
        if body is not None:
            try:
                return [body(s, row) for row in rows]
            except EvaluationError as error:
                raise with_row(error, table_name, locate_row(body, s, rows)) from None
        return [row[key] for row in rows]

    def diagnose(vals: list[Any], rows: list[Any]) -> NoReturn:
        for index, v in enumerate(vals, start=1):
            if v is NO_ROWS:
                raise _NO_ROWS_SIGNAL
            if v is None:
                raise with_row(EvaluationError(missing_column), table_name, index)
        raise TypeError("aggregate over values of the wrong type")

    if func == "all" or func == "any":
        want = func == "all"

        def logical(s: list[Any], r: Any) -> Any:
            rows = rows_of(s)
            vals = values(s, rows)
            if body is None and (None in vals or NO_ROWS in vals):
                diagnose(vals, rows)
            return all(vals) if want else any(vals)

        return logical

    if func == "sum" or func == "mean":
        mean = func == "mean"

        def total(s: list[Any], r: Any) -> Any:
            rows = rows_of(s)
            if not rows:
                raise _NO_ROWS_SIGNAL
            vals = values(s, rows)
            try:
                result = sum(vals)
            except TypeError:
                diagnose(vals, rows)
            return result / len(vals) if mean else result

        return total

    pick = min if func == "min" else max

    def extreme(s: list[Any], r: Any) -> Any:
        rows = rows_of(s)
        if not rows:
            raise _NO_ROWS_SIGNAL
        vals = values(s, rows)
        try:
            result = pick(vals)
        except TypeError:
            diagnose(vals, rows)
        if result.__class__ is not Decimal:
            diagnose(vals, rows)
        return result

    return extreme
