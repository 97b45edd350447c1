"""Parse once, evaluate many times: the compiled form of one formula text."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, DivisionByZero, InvalidOperation, Overflow, getcontext, setcontext
from typing import Any, Literal

from kinerja.formula.checker import Checker, Dependencies
from kinerja.formula.compiler import (
    NO_ROWS,
    REF_SLOT,
    STEP_SLOT,
    TARGET_SLOT,
    Fn,
    NoRowsSignal,
    NoRowsType,
    compile_node,
    locate_row,
    with_row,
)
from kinerja.formula.decimals import CONTEXT, to_decimal
from kinerja.formula.errors import EvaluationError, FormulaCheckError, FormulaError, Problem
from kinerja.formula.limits import MAX_MAGNITUDE_DIGITS, MAX_PROBLEMS, MAX_STEPS
from kinerja.formula.nodes import Call, Module, Str, walk
from kinerja.formula.parser import parse_module
from kinerja.formula.schema import Field, Schema

#: A value a formula computes or reads.
Value = Decimal | bool | str
#: What the period's target may be: a number, or (low, high) for a stabilize range.
TargetArg = Decimal | tuple[Decimal, Decimal] | None
#: Resolves ``ref("CODE")`` to the same period's value of another indicator (None: no value).
RefResolver = Callable[[str], Decimal | None]
ResultKind = Literal["number", "boolean", "text", "any"]

#: Each thread evaluates under its own copy of the engine context (flags are per context).
_THREAD = threading.local()


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    ordered = sorted(problems, key=lambda p: (p.line == 0, p.line, p.column))
    if len(ordered) > MAX_PROBLEMS:
        rest = len(ordered) - MAX_PROBLEMS
        ordered = ordered[:MAX_PROBLEMS]
        ordered.append(Problem.make("too_many_problems", count=rest))
    return ordered


def _analyse(text: str, schema: Schema, result: ResultKind) -> tuple[Module, Checker | None, list[Problem]]:
    try:
        module, problems, last_failed = parse_module(text)
        if any(p.code == "formula_too_long" for p in problems):
            return module, None, _sorted(problems)
        checker = Checker(schema, module)
        complete = not any(p.is_error for p in problems)
        checker.run(result_kind=result, last_failed=last_failed, complete=complete)
        return module, checker, _sorted(problems + checker.problems)
    except RecursionError:  # pragma: no cover - depth limits make this unreachable
        problem = Problem.make("internal_limit", 1, 1, detail="recursion")
        return Module([], None, 0), None, [problem]
    except Exception as exc:  # pragma: no cover - a checker bug must not crash a web form
        problem = Problem.make("internal_error", 1, 1, detail=type(exc).__name__)
        return Module([], None, 0), None, [problem]


def check_formula(text: str, schema: Schema, *, result: ResultKind = "number") -> list[Problem]:
    """Every static problem (errors and warnings) of ``text``; never raises."""
    return _analyse(text, schema, result)[2]


def compile_formula(text: str, schema: Schema, *, result: ResultKind = "number") -> Program:
    """Check and compile ``text``; raises :class:`FormulaCheckError` with all problems."""
    module, checker, problems = _analyse(text, schema, result)
    if checker is None or any(p.is_error for p in problems):
        raise FormulaCheckError([p for p in problems if p.is_error] + [p for p in problems if not p.is_error])
    try:
        return Program(text, schema, module, checker, tuple(problems))
    except RecursionError:  # pragma: no cover - depth limits make this unreachable
        raise FormulaCheckError(Problem.make("internal_limit", 1, 1, detail="recursion")) from None


class Program:
    """A compiled formula. Immutable and thread-safe: each evaluation uses its own frame."""

    __slots__ = (
        "_base_steps",
        "_loads",
        "_plan",
        "_size",
        "_slots",
        "_template",
        "binding_types",
        "dependencies",
        "schema",
        "text",
        "warnings",
    )

    def __init__(
        self,
        text: str,
        schema: Schema,
        module: Module,
        checker: Checker,
        warnings: tuple[Problem, ...],
    ) -> None:
        self.text = text
        self.schema = schema
        self.warnings = warnings
        self.dependencies = Dependencies(
            inputs=frozenset(checker.used_inputs),
            columns=frozenset(checker.used_columns),
            refs=frozenset(checker.refs),
            target=checker.uses_target,
            bands=frozenset(checker.bands),
        )
        self.binding_types: dict[str, str] = {name: info.ty.kind for name, info in checker.bindings.items()}
        self._slots = {name: info.slot for name, info in checker.bindings.items()}
        self._size = checker.next_slot
        template: list[Any] = [None] * checker.next_slot
        template[STEP_SLOT] = module.node_count
        self._template = template
        self._loads = tuple(
            (checker.slots[name], name) for name in schema.fields if name in checker.used_inputs
        )
        self._base_steps = module.node_count
        copied: set[str] = set()
        plan: list[Callable[[list[Any]], None]] = []
        for table, name, slot, node in checker.plan:
            fn = compile_node(node)
            if table is None:
                plan.append(_scalar_step(slot, fn))
            else:
                plan.append(_row_step(table, name, slot, fn, node.size, table not in copied, node))
                copied.add(table)
        self._plan = tuple(plan)

    # -- evaluation -------------------------------------------------------------------------
    def evaluate(
        self,
        inputs: Mapping[str, Any],
        *,
        target: TargetArg = None,
        ref: RefResolver | None = None,
    ) -> Value | NoRowsType:
        """The formula's value, or :data:`NO_ROWS`; raises :class:`EvaluationError`."""
        frame = self._run(inputs, target, ref)
        value: Value | NoRowsType = frame[self._slots["value"]]
        if value.__class__ is Decimal and not value.is_finite():  # type: ignore[union-attr]
            raise EvaluationError(Problem.make("bad_value", detail="NaN/Infinity"))
        return value

    def evaluate_outputs(
        self,
        inputs: Mapping[str, Any],
        names: Sequence[str] = ("value",),
        *,
        target: TargetArg = None,
        ref: RefResolver | None = None,
    ) -> tuple[Value | NoRowsType, ...]:
        """Several named results of one evaluation (e.g. ``("value", "category")``)."""
        frame = self._run(inputs, target, ref)
        values = tuple(frame[self._slots[name]] for name in names)
        for value in values:
            if value.__class__ is Decimal and not value.is_finite():
                raise EvaluationError(Problem.make("bad_value", detail="NaN/Infinity"))
        return values

    def trace(
        self,
        inputs: Mapping[str, Any],
        *,
        target: TargetArg = None,
        ref: RefResolver | None = None,
    ) -> dict[str, Any]:
        """Every binding's value plus ``"$steps"``, to show a planner how a value came about."""
        frame = self._run(inputs, target, ref)
        out: dict[str, Any] = {name: frame[slot] for name, slot in self._slots.items()}
        out["$steps"] = frame[STEP_SLOT]
        return out

    def _run(self, inputs: Mapping[str, Any], target: TargetArg, ref: RefResolver | None) -> list[Any]:
        frame = self._template.copy()
        if target is not None and target.__class__ is not Decimal:
            target = _target_arg(target)
        frame[TARGET_SLOT] = target
        frame[REF_SLOT] = ref
        # Swap in this thread's copy of the engine context (cheaper than localcontext(), which
        # copies a context on every call), and always put the caller's context back.
        try:
            engine_context = _THREAD.context
        except AttributeError:
            engine_context = _THREAD.context = CONTEXT.copy()
        caller_context = getcontext()
        setcontext(engine_context)
        try:
            get = inputs.get
            for slot, name in self._loads:
                frame[slot] = get(name)
            for step in self._plan:
                step(frame)
        except FormulaError:
            raise
        except RecursionError:
            raise EvaluationError(Problem.make("internal_limit", detail="recursion / rekursi")) from None
        except Overflow:
            raise EvaluationError(Problem.make("overflow", limit=MAX_MAGNITUDE_DIGITS)) from None
        except (DivisionByZero, ZeroDivisionError):
            raise EvaluationError(Problem.make("division_by_zero")) from None
        except InvalidOperation:
            raise EvaluationError(Problem.make("invalid_operation")) from None
        except (TypeError, KeyError, ValueError, AttributeError, IndexError, ArithmeticError) as e:
            raise EvaluationError(Problem.make("bad_value", detail=type(e).__name__)) from None
        finally:
            setcontext(caller_context)
        return frame

    # -- convenience ------------------------------------------------------------------------
    def prepare(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Convert plain JSON-ish values (ints, floats) to engine values, by the schema's kinds.

        This is a type conversion for engine-level callers and tests, not input validation
        (ranges, required fields): the indicator layer does that with proper messages.
        """
        return prepare_inputs(self.schema, raw)


def prepare_inputs(schema: Schema, raw: Mapping[str, Any]) -> dict[str, Any]:
    """See :meth:`Program.prepare`."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        fld = schema.fields.get(name)
        if fld is None:
            continue
        out[name] = _convert(fld, value, name)
    return out


def _convert(fld: Field, value: Any, name: str) -> Any:
    if value is None:
        return None
    if fld.kind == "number":
        number = to_decimal(value)
        if number is None:
            raise EvaluationError(Problem.make("bad_value", detail=name))
        return number
    if fld.kind == "boolean":
        if not isinstance(value, bool):
            raise EvaluationError(Problem.make("bad_value", detail=name))
        return value
    if fld.kind in ("choice", "text"):
        if not isinstance(value, str) or (fld.kind == "choice" and value not in fld.scores):
            raise EvaluationError(Problem.make("bad_value", detail=name))
        return value
    if not isinstance(value, list):
        raise EvaluationError(Problem.make("bad_value", detail=name))
    rows = []
    for row in value:
        if not isinstance(row, Mapping):
            raise EvaluationError(Problem.make("bad_value", detail=name))
        rows.append({col: _convert(cf, row.get(col), f"{name}.{col}") for col, cf in fld.columns.items()})
    return rows


def _target_arg(target: Any) -> Any:
    if isinstance(target, tuple) and len(target) == 2:
        low, high = to_decimal(target[0]), to_decimal(target[1])
        if low is None or high is None:
            raise EvaluationError(Problem.make("bad_value", detail="target"))
        return (low, high)
    number = to_decimal(target)
    if number is None:
        raise EvaluationError(Problem.make("bad_value", detail="target"))
    return number


def _scalar_step(slot: int, fn: Fn) -> Callable[[list[Any]], None]:
    def step(frame: list[Any]) -> None:
        try:
            frame[slot] = fn(frame, None)
        except NoRowsSignal:
            frame[slot] = NO_ROWS

    return step


def _row_step(
    table: str, name: str, slot: int, fn: Fn, size: int, copy: bool, node: Any
) -> Callable[[list[Any]], None]:
    missing = Problem.make("missing_input", node.line, node.col, name=table, field=table)
    too_long = Problem.make("step_limit", node.line, node.col, limit=MAX_STEPS)

    def step(frame: list[Any]) -> None:
        rows = frame[slot]
        if rows is None:
            raise EvaluationError(missing)
        steps = frame[STEP_SLOT] + len(rows) * size
        if steps > MAX_STEPS:
            raise EvaluationError(too_long)
        frame[STEP_SLOT] = steps
        if copy:
            rows = [dict(row) for row in rows]
            frame[slot] = rows
        for row in rows:
            try:
                row[name] = fn(frame, row)
            except NoRowsSignal:
                row[name] = NO_ROWS
            except EvaluationError as error:
                raise with_row(error, table, locate_row(fn, frame, rows)) from None

    return step


def formula_refs(text: str) -> frozenset[str]:
    """Codes read with ``ref("...")``, from the syntax alone (works for formulas with errors)."""
    try:
        module, _, _ = parse_module(text)
    except RecursionError:  # pragma: no cover
        return frozenset()
    refs: set[str] = set()
    roots = [b.expr for b in module.bindings if b.expr is not None]
    if module.result is not None:
        roots.append(module.result)
    for root in roots:
        for node in walk(root):
            if isinstance(node, Call) and node.func == "ref" and node.args:
                arg = node.args[0]
                if isinstance(arg, Str):
                    refs.add(arg.value)
    return frozenset(refs)


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Reference cycles in ``code -> referenced codes``; each cycle starts and ends with a code.

    Iterative depth-first search (no recursion), one cycle reported per back edge, each cycle
    reported once whatever node it is entered from.
    """
    edges = {code: sorted(set(targets)) for code, targets in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for start in sorted(edges):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        state[start] = 1
        while stack:
            code, index = stack[-1]
            targets = edges.get(code, [])
            if index < len(targets):
                stack[-1] = (code, index + 1)
                nxt = targets[index]
                if state.get(nxt) == 1:
                    cycle = path[path.index(nxt) :]
                    pivot = cycle.index(min(cycle))
                    key = tuple(cycle[pivot:] + cycle[:pivot])
                    if key not in seen:
                        seen.add(key)
                        cycles.append([*key, key[0]])
                elif not state.get(nxt) and nxt in edges:
                    state[nxt] = 1
                    stack.append((nxt, 0))
                    path.append(nxt)
            else:
                state[code] = 2
                stack.pop()
                path.pop()
    return cycles
