"""Static checks: name resolution, types, literal rules, constant folding, dependencies.

The checker annotates the syntax tree in place (``ty``, ``const``, ``info``) for the compiler,
and collects *all* problems it finds instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from kinerja.formula.compiler import FIRST_FREE_SLOT, compile_node, run_constant
from kinerja.formula.errors import EvaluationError, Problem
from kinerja.formula.limits import MAX_EXPONENT, MAX_MAGNITUDE_DIGITS, MAX_ROUND_DIGITS
from kinerja.formula.messages import Bi, render, type_name
from kinerja.formula.nodes import (
    Aggregate,
    Binary,
    Bool,
    Call,
    Column,
    Module,
    Name,
    Node,
    Num,
    Str,
    Unary,
)
from kinerja.formula.parser import AGGREGATES, COMPARISONS
from kinerja.formula.schema import Field, Schema

#: Scalar functions: name -> (fewest, most) arguments; None means no upper bound.
FUNCTIONS: Final[dict[str, tuple[int, int | None]]] = {
    "min": (2, None),
    "max": (2, None),
    "clamp": (3, 3),
    "abs": (1, 1),
    "round": (2, 2),
    "if": (3, 3),
    "ratio": (2, 2),
    "ratio_s": (2, 2),
    "weighted": (1, None),
    "score": (1, 1),
    "band": (2, 2),
    "label": (2, 2),
    "ref": (1, 1),
    "if_empty": (2, 2),
    "count_true": (1, None),
}
_FOLDABLE: Final = frozenset(
    {"min", "max", "clamp", "abs", "round", "if", "ratio", "ratio_s", "weighted", "band", "label"}
    | {"count_true"}
)
RESERVED: Final = frozenset({"target"}) | frozenset(FUNCTIONS) | AGGREGATES


class Ty:
    """A static type: number, boolean, text, choice (with its field), table, or unknown."""

    __slots__ = ("field", "kind", "name")

    def __init__(self, kind: str, field: Field | None = None, name: str = "") -> None:
        self.kind = kind
        self.field = field
        self.name = name

    def __repr__(self) -> str:
        return self.kind


NUMBER: Final = Ty("number")
BOOLEAN: Final = Ty("boolean")
TEXT: Final = Ty("text")
UNKNOWN: Final = Ty("unknown")


def _is(ty: Ty, kind: str) -> bool:
    if ty.kind == "unknown":
        return True
    if kind == "text":
        return ty.kind in ("text", "choice")
    return ty.kind == kind


def _compatible(a: Ty, b: Ty) -> bool:
    if a.kind == "unknown" or b.kind == "unknown":
        return True
    textual = ("text", "choice")
    if a.kind in textual and b.kind in textual:
        return True
    return a.kind == b.kind


def _join(a: Ty, b: Ty) -> Ty:
    if a.kind == "unknown":
        return b
    if b.kind == "unknown" or (a.kind == b.kind and a.field is b.field):
        return a
    if a.kind in ("text", "choice"):
        return TEXT
    return a


@dataclass(frozen=True)
class Dependencies:
    """What a formula reads; used for forms, caching and reference-cycle detection."""

    #: Scalar inputs and tables read (by input name).
    inputs: frozenset[str]
    #: Input columns read, as (table, column).
    columns: frozenset[tuple[str, str]]
    #: Codes of other indicators read with ref().
    refs: frozenset[str]
    #: Whether the period's target is read.
    target: bool
    #: Band tables used by band() and label().
    bands: frozenset[str]


@dataclass
class _BindingInfo:
    slot: int
    line: int
    col: int
    ty: Ty
    used: bool = False


@dataclass
class _ColumnInfo:
    ty: Ty
    computed: bool
    field: Field | None
    line: int = 0
    col: int = 0
    used: bool = False


class Checker:
    """Check ``module`` against ``schema``; see :attr:`problems` and the annotated tree."""

    def __init__(self, schema: Schema, module: Module) -> None:
        self.schema = schema
        self.module = module
        self.problems: list[Problem] = []
        self.slots: dict[str, int] = {}
        self.next_slot = FIRST_FREE_SLOT
        for name in schema.fields:
            self.slots[name] = self.next_slot
            self.next_slot += 1
        self.bindings: dict[str, _BindingInfo] = {}
        self.later: set[str] = set()
        self.columns: dict[str, dict[str, _ColumnInfo]] = {}
        for name, fld in schema.fields.items():
            if fld.kind == "table":
                self.columns[name] = {
                    col: _ColumnInfo(_field_type(cf, col), False, cf) for col, cf in fld.columns.items()
                }
        self.used_inputs: set[str] = set()
        self.used_columns: set[tuple[str, str]] = set()
        self.refs: set[str] = set()
        self.bands: set[str] = set()
        self.uses_target = False
        self.shadow_warned: set[tuple[str, str]] = set()
        self.result_ty: Ty = UNKNOWN
        #: Row formulas and bindings in order: (table or None, name, slot or column, node, ty).
        self.plan: list[tuple[str | None, str, int, Node]] = []

    # -- problems ---------------------------------------------------------------------------
    def report(self, code: str, node: Any, **params: object) -> None:
        line = getattr(node, "line", 0)
        col = getattr(node, "col", 0)
        message_id, message_en = render(code, params)
        self.problems.append(Problem(code, message_id, message_en, line, col))

    def warn(self, code: str, line: int, col: int, **params: object) -> None:
        message_id, message_en = render(code, params)
        self.problems.append(Problem(code, message_id, message_en, line, col, "warning"))

    # -- the module -------------------------------------------------------------------------
    def run(self, *, result_kind: str = "number", last_failed: bool = False, complete: bool = True) -> None:
        module = self.module
        self.later = {b.name for b in module.bindings if b.table is None}
        for binding in module.bindings:
            if binding.table is None:
                self.later.discard(binding.name)
                self._scalar_binding(binding.name, binding.expr, binding.line, binding.col)
            else:
                self._row_binding(binding.table, binding.name, binding.expr, binding.line, binding.col)
        result = module.result
        if result is not None:
            ty = self.expression(result, None)
            info = _BindingInfo(self.next_slot, result.line, result.col, ty, used=True)
            self.next_slot += 1
            self.bindings.setdefault("value", info)
            self.plan.append((None, "value", info.slot, result))
        if result is not None and result.ty is not None and result.ty.kind == "table":
            self.report("table_as_value", result, name=result.ty.name)
        if "value" not in self.bindings:
            if not last_failed:
                self.problems.append(Problem.make("missing_value"))
        else:
            value = self.bindings["value"]
            value.used = True
            self.result_ty = value.ty
            if result_kind != "any" and not _is(value.ty, result_kind):
                self.report(
                    "result_type",
                    value,
                    name="value",
                    expected=type_name(result_kind),
                    found=type_name(value.ty.kind),
                )
        if "category" in self.bindings:
            self.bindings["category"].used = True
        if complete:
            self._unused()

    def _scalar_binding(self, name: str, expr: Node | None, line: int, col: int) -> None:
        position = _Pos(line, col)
        ok = True
        if name in RESERVED:
            self.report("reserved_name", position, name=name)
            ok = False
        elif name in self.schema.fields:
            self.report("binding_shadows_input", position, name=name)
            ok = False
        elif name in self.bindings:
            first = self.bindings[name]
            self.report("duplicate_binding", position, name=name, line=first.line)
            ok = False
        ty = self.expression(expr, None) if expr is not None else UNKNOWN
        if ty.kind == "table" and expr is not None:
            self.report("table_as_value", expr, name=ty.name)
            ty = UNKNOWN
        if not ok:
            return
        info = _BindingInfo(self.next_slot, line, col, ty)
        self.next_slot += 1
        self.bindings[name] = info
        if expr is not None:
            self.plan.append((None, name, info.slot, expr))

    def _row_binding(self, table: str, name: str, expr: Node | None, line: int, col: int) -> None:
        position = _Pos(line, col)
        columns = self.columns.get(table)
        if columns is None:
            self.report("unknown_table", position, name=table)
            if expr is not None:
                self.expression(expr, None)
            return
        self.used_inputs.add(table)
        ok = True
        if name in columns:
            existing = columns[name]
            self.report("duplicate_binding", position, name=f"{table}.{name}", line=existing.line)
            ok = False
        elif name in RESERVED:
            self.report("reserved_name", position, name=name)
            ok = False
        ty = self.expression(expr, table) if expr is not None else UNKNOWN
        if ty.kind == "table" and expr is not None:
            self.report("table_as_value", expr, name=ty.name)
            ty = UNKNOWN
        if not ok:
            return
        columns[name] = _ColumnInfo(ty, True, None, line, col)
        if expr is not None:
            self.plan.append((table, name, self.slots[table], expr))

    def _unused(self) -> None:
        for name, fld in self.schema.fields.items():
            if fld.kind == "text" or name in self.used_inputs:
                continue
            self.problems.append(Problem.make("unused_input", severity="warning", where=name, name=name))
        for name, info in self.bindings.items():
            if not info.used and name not in ("value", "category"):
                self.warn("unused_binding", info.line, info.col, name=name)
        for table, columns in self.columns.items():
            for name, col_info in columns.items():
                if col_info.computed and not col_info.used:
                    self.warn("unused_binding", col_info.line, col_info.col, name=f"{table}.{name}")

    # -- expressions ------------------------------------------------------------------------
    def expression(self, node: Node, row: str | None) -> Ty:
        ty = self._expression(node, row)
        node.ty = ty
        return ty

    def _expression(self, node: Node, row: str | None) -> Ty:
        if isinstance(node, Num):
            node.const = (node.value,)
            return NUMBER
        if isinstance(node, Str):
            node.const = (node.value,)
            return TEXT
        if isinstance(node, Bool):
            node.const = (node.value,)
            return BOOLEAN
        if isinstance(node, Name):
            return self._name(node, row)
        if isinstance(node, Column):
            if row is not None and node.table == row:
                return self._column(node, row, node.column)
            if node.table in self.columns:
                if node.column not in self.columns[node.table]:
                    self.report("unknown_column", node, table=node.table, name=node.column)
                else:
                    self.report("column_outside_aggregate", node, table=node.table, name=node.column)
            elif self._scalar_known(node.table):
                self.report("unknown_table", node, name=node.table)
            else:
                self.report("unknown_name", node, name=node.table)
            return UNKNOWN
        if isinstance(node, Unary):
            return self._unary(node, row)
        if isinstance(node, Binary):
            return self._binary(node, row)
        if isinstance(node, Call):
            return self._call(node, row)
        if isinstance(node, Aggregate):
            return self._aggregate(node, row)
        raise AssertionError(type(node).__name__)  # pragma: no cover

    def _scalar_known(self, name: str) -> bool:
        return name in self.bindings or name in self.schema.fields or name == "target"

    def _name(self, node: Name, row: str | None) -> Ty:
        name = node.name
        if row is not None and name in self.columns[row]:
            if self._scalar_known(name) and (row, name) not in self.shadow_warned:
                self.shadow_warned.add((row, name))
                self.warn("column_shadows_name", node.line, node.col, table=row, name=name)
            return self._column(node, row, name)
        if name in self.bindings:
            info = self.bindings[name]
            info.used = True
            node.info = ("binding", info.slot, name)
            return info.ty
        fld = self.schema.fields.get(name)
        if fld is not None:
            self.used_inputs.add(name)
            if fld.kind == "table":
                node.info = ("table", self.slots[name], name)
                return Ty("table", fld, name)
            node.info = ("input", self.slots[name], name)
            return _field_type(fld, name)
        if name == "target":
            self.uses_target = True
            node.info = ("target",)
            return NUMBER
        if name in self.later:
            self.report("used_before_definition", node, name=name)
        elif name in FUNCTIONS or name in AGGREGATES:
            self.report(
                "type_mismatch",
                node,
                what=name,
                expected=type_name("value"),
                found=type_name("function"),
            )
        else:
            self.report("unknown_name", node, name=name)
        return UNKNOWN

    def _column(self, node: Node, table: str, name: str) -> Ty:
        info = self.columns[table].get(name)
        if info is None:
            self.report("unknown_column", node, table=table, name=name)
            return UNKNOWN
        info.used = True
        if not info.computed:
            self.used_columns.add((table, name))
        node.info = ("column", name, info.computed)
        return info.ty

    def _need(self, node: Node, ty: Ty, kind: str, what: str | Bi) -> None:
        if not _is(ty, kind):
            if ty.kind == "table":
                self.report("table_as_value", node, name=ty.name)
            elif kind == "boolean":
                self.report("condition_not_boolean", node, found=type_name(ty.kind))
            else:
                self.report(
                    "type_mismatch",
                    node,
                    what=what,
                    expected=type_name(kind),
                    found=type_name(ty.kind),
                )

    def _unary(self, node: Unary, row: str | None) -> Ty:
        start = len(self.problems)
        ty = self.expression(node.operand, row)
        if node.op == "-":
            self._need(node.operand, ty, "number", "-")
            result = NUMBER
        else:
            self._need(node.operand, ty, "boolean", "not")
            result = BOOLEAN
        self._fold(node, (node.operand,), start)
        return result

    def _binary(self, node: Binary, row: str | None) -> Ty:
        op = node.op
        start = len(self.problems)
        lt = self.expression(node.left, row)
        rt = self.expression(node.right, row)
        if op in ("and", "or"):
            self._need(node.left, lt, "boolean", op)
            self._need(node.right, rt, "boolean", op)
            result = BOOLEAN
        elif op in ("==", "!="):
            if lt.kind == "table" or rt.kind == "table":
                self.report("table_as_value", node, name=lt.name or rt.name)
            elif not _compatible(lt, rt):
                self.report(
                    "type_mismatch",
                    node,
                    what=op,
                    expected=type_name(lt.kind),
                    found=type_name(rt.kind),
                )
            else:
                self._choice_literal(lt, node.right)
                self._choice_literal(rt, node.left)
            result = BOOLEAN
        elif op in COMPARISONS:
            self._need(node.left, lt, "number", op)
            self._need(node.right, rt, "number", op)
            result = BOOLEAN
        else:
            self._need(node.left, lt, "number", op)
            self._need(node.right, rt, "number", op)
            result = NUMBER
            rc = node.right.const
            if op == "/" and rc is not None and isinstance(rc[0], Decimal) and not rc[0]:
                self.report("division_by_zero", node)
                return result
            if op == "^" and rc is not None and isinstance(rc[0], Decimal):
                e = rc[0]
                if e != e.to_integral_value() or abs(e) > MAX_EXPONENT:
                    self.report("exponent_too_large", node.right, limit=MAX_EXPONENT)
                    return result
        self._fold(node, (node.left, node.right), start)
        return result

    def _choice_literal(self, ty: Ty, other: Node) -> None:
        if ty.kind != "choice" or ty.field is None or not isinstance(other, Str):
            return
        if other.value not in ty.field.scores:
            options = ", ".join(ty.field.scores)
            self.report(
                "unknown_choice_value",
                other,
                value=repr(other.value),
                name=ty.name,
                options=options,
            )

    def _fold(self, node: Node, children: tuple[Node, ...], start: int) -> None:
        """Replace a subtree of constants by its value, reporting its errors statically."""
        if not children or any(c.const is None for c in children):
            return
        if any(p.is_error for p in self.problems[start:]):
            return
        try:
            value = run_constant(compile_node(node))
        except EvaluationError as error:
            p = error.problem
            self.problems.append(Problem(p.code, p.message_id, p.message_en, node.line, node.col))
            return
        except ArithmeticError as error:
            name = type(error).__name__
            code = "overflow" if name == "Overflow" else "invalid_operation"
            if isinstance(error, ZeroDivisionError):
                code = "division_by_zero"
            self.report(code, node, limit=MAX_MAGNITUDE_DIGITS)
            return
        except (TypeError, KeyError, ValueError):  # pragma: no cover - types were checked
            return
        node.const = (value,)

    # -- calls ------------------------------------------------------------------------------
    def _call(self, node: Call, row: str | None) -> Ty:
        func = node.func
        spec = FUNCTIONS.get(func)
        if spec is None:
            for arg in node.args:
                self.expression(arg, row)
            if func in AGGREGATES:
                self.report("wrong_arg_count", node, name=func, expected="1", given=len(node.args))
            elif func in self.schema.fields or func in self.bindings:
                self.report("not_a_function", node, name=func)
            else:
                self.report("unknown_function", node, name=func)
            return UNKNOWN
        low, high = spec
        count = len(node.args)
        if count < low or (high is not None and count > high):
            for arg in node.args:
                self.expression(arg, row)
            expected = str(low) if high == low else f"{low}+"
            self.report("wrong_arg_count", node, name=func, expected=expected, given=count)
            return _RESULT_TYPES.get(func, UNKNOWN)
        handler = getattr(self, "_f_" + func)
        start = len(self.problems)
        result: Ty = handler(node, row)
        if func in _FOLDABLE:
            self._fold(node, tuple(node.args) + tuple(node.weights or ()), start)
        return result

    def _numbers(self, node: Call, row: str | None) -> Ty:
        for index, arg in enumerate(node.args, start=1):
            ty = self.expression(arg, row)
            self._need(arg, ty, "number", _argument(node.func, index))
        return NUMBER

    _f_min = _f_max = _f_clamp = _f_abs = _numbers

    def _f_round(self, node: Call, row: str | None) -> Ty:
        self._numbers(node, row)
        digits = node.args[1].const
        if (
            digits is None
            or not isinstance(digits[0], Decimal)
            or digits[0] != digits[0].to_integral_value()
            or not 0 <= digits[0] <= MAX_ROUND_DIGITS
        ):
            self.report("round_digits", node.args[1], limit=MAX_ROUND_DIGITS)
            node.args[1].const = None
        return NUMBER

    def _f_if(self, node: Call, row: str | None) -> Ty:
        cond, a, b = node.args
        self._need(cond, self.expression(cond, row), "boolean", "if()")
        return self._alternatives(a, b, "if()", row)

    def _f_if_empty(self, node: Call, row: str | None) -> Ty:
        a, b = node.args
        return self._alternatives(a, b, "if_empty()", row)

    def _alternatives(self, a: Node, b: Node, what: str, row: str | None) -> Ty:
        """Either branch may be the result: both must be plain values of compatible types."""
        ta = self.expression(a, row)
        tb = self.expression(b, row)
        for arg, ty in ((a, ta), (b, tb)):
            if ty.kind == "table":
                self.report("table_as_value", arg, name=ty.name)
                return UNKNOWN
        if not _compatible(ta, tb):
            self.report(
                "type_mismatch",
                b,
                what=what,
                expected=type_name(ta.kind),
                found=type_name(tb.kind),
            )
            return UNKNOWN
        return _join(ta, tb)

    def _f_ratio(self, node: Call, row: str | None) -> Ty:
        self._numbers(node, row)
        target = node.args[1]
        tc = target.const
        situational = node.func == "ratio_s"
        if tc is not None and isinstance(tc[0], Decimal) and not tc[0] and not situational:
            self.report("ratio_zero_target", target)
        fld = self._field_of(target, row)
        if fld is not None and fld.kind == "number":
            if fld.situational and not situational:
                self.warn("ratio_situational", target.line, target.col, name=_node_name(target))
            elif situational and not fld.situational:
                self.warn("ratio_not_situational", target.line, target.col, name=_node_name(target))
        return NUMBER

    _f_ratio_s = _f_ratio

    def _field_of(self, node: Node, row: str | None) -> Field | None:
        info = node.info
        if not isinstance(node, Name | Column) or not info:
            return None
        if info[0] == "input":
            return self.schema.fields.get(info[2])
        if info[0] == "column" and row is not None and not info[2]:
            col = self.columns[row].get(info[1])
            return col.field if col is not None else None
        return None

    def _f_weighted(self, node: Call, row: str | None) -> Ty:
        assert node.weights is not None
        total = Decimal(0)
        literal = True
        for weight in node.weights:
            ty = self.expression(weight, row)
            if not isinstance(weight, Num):
                self.report("weight_not_literal", weight)
                literal = False
                continue
            self._need(weight, ty, "number", Bi("bobot", "weight"))
            total += weight.value
        for index, arg in enumerate(node.args, start=1):
            ty = self.expression(arg, row)
            self._need(arg, ty, "number", _argument("weighted", index))
        if literal and total != 1:
            self.report("weights_sum", node, total=total.normalize())
        return NUMBER

    def _f_score(self, node: Call, row: str | None) -> Ty:
        arg = node.args[0]
        ty = self.expression(arg, row)
        if ty.kind == "unknown":
            return NUMBER
        if ty.kind != "choice" or ty.field is None or not isinstance(arg, Name | Column):
            self.report("score_needs_choice", arg, name=_node_name(arg) or ty.kind)
            return NUMBER
        missing = [value for value, score in ty.field.scores.items() if score is None]
        if missing:
            self.report("choice_without_score", arg, value=repr(missing[0]), name=ty.name)
        node.info = dict(ty.field.scores)
        return NUMBER

    def _band_table(self, node: Call, row: str | None, want_score: bool) -> Ty:
        value, table = node.args
        self._need(value, self.expression(value, row), "number", _argument(node.func, 1))
        self.expression(table, row)
        if not isinstance(table, Str):
            self.report("literal_required", table, position=2, name=node.func, what=Bi("teks", "text"))
            return NUMBER if want_score else TEXT
        bands = self.schema.bands.get(table.value)
        if bands is None:
            self.report("unknown_band_table", table, name=repr(table.value))
        else:
            self.bands.add(table.value)
            if want_score and not bands.has_scores:
                self.report("band_without_score", table, name=table.value)
            elif not want_score and not bands.has_labels:
                self.report("band_without_label", table, name=table.value)
            node.info = bands
        return NUMBER if want_score else TEXT

    def _f_band(self, node: Call, row: str | None) -> Ty:
        return self._band_table(node, row, True)

    def _f_label(self, node: Call, row: str | None) -> Ty:
        return self._band_table(node, row, False)

    def _f_ref(self, node: Call, row: str | None) -> Ty:
        arg = node.args[0]
        self.expression(arg, row)
        if not isinstance(arg, Str):
            self.report("literal_required", arg, position=1, name="ref", what=Bi("teks", "text"))
        else:
            self.refs.add(arg.value)
        return NUMBER

    def _f_count_true(self, node: Call, row: str | None) -> Ty:
        for arg in node.args:
            self._need(arg, self.expression(arg, row), "boolean", "count_true()")
        return NUMBER

    # -- aggregates -------------------------------------------------------------------------
    def _aggregate(self, node: Aggregate, row: str | None) -> Ty:
        func = node.func
        result = BOOLEAN if func in ("all", "any") else NUMBER
        source = node.source
        table: str | None = None
        key: str | None = None
        computed = False
        element: Ty | None = None
        if isinstance(source, Column):
            if source.table in self.columns:
                table = source.table
                info = self.columns[table].get(source.column)
                if info is None:
                    self.report("unknown_column", source, table=table, name=source.column)
                    element = UNKNOWN
                else:
                    info.used = True
                    key, computed, element = source.column, info.computed, info.ty
                    if not computed:
                        self.used_columns.add((table, key))
            elif self._scalar_known(source.table):
                self.report("unknown_table", source, name=source.table)
            else:
                self.report("unknown_name", source, name=source.table)
        elif (
            isinstance(source, Name)
            and source.name in self.columns
            and not (row is not None and source.name in self.columns[row])
        ):
            table = source.name
        else:
            ty = self.expression(source, row)
            if ty.kind != "unknown":
                if func in ("min", "max") and node.body is None and node.where is None:
                    self.report("wrong_arg_count", node, name=func, expected="2+", given=1)
                else:
                    self.report("unknown_table", source, name=_node_name(source) or ty.kind)
        if table is not None:
            self.used_inputs.add(table)
            source.ty = Ty("table", self.schema.fields[table], table)
        if node.body is not None:
            if key is not None:
                self.report("aggregate_needs_column", node.body, name=func)
            body_ty = self.expression(node.body, table) if table is not None else UNKNOWN
            if table is None:
                self._orphan(node.body, row)
            element = body_ty
        if node.where is not None:
            if table is not None:
                self._need(node.where, self.expression(node.where, table), "boolean", "where")
            else:
                self._orphan(node.where, row)
        if table is None:
            return result
        if func == "count":
            if key is not None or node.body is not None:
                self.report("count_form", node)
        elif element is None:
            self.report("aggregate_needs_column", node, name=func)
        else:
            kind = "boolean" if func in ("all", "any") else "number"
            self._need(node, element, kind, f"{func}()")
        node.info = (self.slots[table], table, key, computed)
        return result

    def _orphan(self, node: Node, row: str | None) -> None:
        """Check a subtree whose table is unknown, without cascading unknown-name errors."""
        before = len(self.problems)
        self.expression(node, row)
        del self.problems[before:]


class _Pos:
    __slots__ = ("col", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col


_RESULT_TYPES: Final = {
    "if": UNKNOWN,
    "if_empty": UNKNOWN,
    "label": TEXT,
}


def _field_type(fld: Field, name: str) -> Ty:
    if fld.kind == "number":
        return NUMBER
    if fld.kind == "boolean":
        return BOOLEAN
    if fld.kind == "text":
        return TEXT
    if fld.kind == "choice":
        return Ty("choice", fld, name)
    return Ty("table", fld, name)


def _argument(func: str, index: int) -> Bi:
    return Bi(f"argumen {index} {func}()", f"argument {index} of {func}()")


def _node_name(node: Node) -> str:
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Column):
        return f"{node.table}.{node.column}"
    return ""
