"""Indicators as data: typed inputs, validation of a period's input, and the period results.

An :class:`IndicatorDefinition` is built from a plain JSON-serialisable dict (exactly what the
database stores), so a planner can define or change an indicator without a code release. The
dict format is documented in ``docs/formula-language.md``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cached_property
from typing import Any, Final, Literal

from kinerja.formula.bands import BandTable, _json_number
from kinerja.formula.compiler import NO_ROWS
from kinerja.formula.decimals import CONTEXT, HUNDRED, ZERO, round_half_up, to_decimal
from kinerja.formula.errors import (
    DefinitionError,
    EvaluationError,
    FormulaCheckError,
    InputError,
    Problem,
)
from kinerja.formula.inputs import (
    InputSpec,
    Refusal,
    make_validator,
    parse_input,
    show_value,
)
from kinerja.formula.limits import MAX_PROBLEMS, MAX_TEXT_LENGTH
from kinerja.formula.messages import Bi, render
from kinerja.formula.program import Program, compile_formula, find_cycles, formula_refs
from kinerja.formula.schema import Schema

Periodicity = Literal["quarter", "semester", "year"]
Aggregation = Literal["cumulative_mean", "last", "sum"]
Polarity = Literal["maximize", "minimize", "stabilize"]
Status = Literal["green", "yellow", "red"]

#: The periods of each periodicity, in order.
PERIODS: Final[dict[str, tuple[str, ...]]] = {
    "quarter": ("TW1", "TW2", "TW3", "TW4"),
    "semester": ("S1", "S2"),
    "year": ("TAHUN",),
}
PERIOD_ORDER: Final = ("TW1", "TW2", "TW3", "TW4", "S1", "S2", "TAHUN")
AGGREGATIONS: Final = ("cumulative_mean", "last", "sum")
POLARITIES: Final = ("maximize", "minimize", "stabilize")
CATEGORY_SOURCES: Final = ("reported", "value", "formula")

ACHIEVEMENT_MAX: Final = Decimal(120)
GREEN_FROM: Final = Decimal(100)
YELLOW_FROM: Final = Decimal(80)
_TWO: Final = Decimal(2)

_CODE_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}\Z")
_DEFINITION_KEYS: Final = frozenset(
    {
        "code",
        "name",
        "name_en",
        "unit",
        "periodicity",
        "assessment_period",
        "aggregation",
        "polarity",
        "inputs",
        "constraints",
        "formula",
        "bands",
        "category_band",
        "decisions",
        "notes",
    }
)
_CONSTRAINT_KEYS: Final = frozenset({"rule", "table", "message_id", "message_en"})

#: Resolves ``ref(code)`` for a period: ``(code, period) -> value or None``.
PeriodRefResolver = Callable[[str, str], Decimal | None]


# ---------------------------------------------------------------------------------------------
# Public small functions
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TargetRange:
    """A stabilize target: achievement is 100 inside ``[low, high]``."""

    low: Decimal
    high: Decimal


Target = Decimal | TargetRange


def achievement(reported: Decimal | None, target: Target | None, polarity: str) -> Decimal | None:
    """Capaian (%) by polarity, clamped to [0, 120] and rounded to 2 decimals (half up).

    ``reported`` should be the *unrounded* reported value: rounding it first would shift the
    achievement (87.666... vs 80 is 109.58, while 87.67 vs 80 would give 109.59).
    """
    if reported is None or target is None:
        return None
    with localcontext(CONTEXT):
        if polarity == "stabilize":
            if not isinstance(target, TargetRange):
                raise EvaluationError(Problem.make("target_is_range"))
            if target.low <= ZERO or target.high <= ZERO:
                raise EvaluationError(Problem.make("target_not_positive"))
            if reported < target.low:
                value = reported / target.low * HUNDRED
            elif reported > target.high:
                value = (_TWO - reported / target.high) * HUNDRED
            else:
                value = HUNDRED
        else:
            if isinstance(target, TargetRange):
                raise EvaluationError(Problem.make("target_is_range"))
            if target <= ZERO:
                raise EvaluationError(Problem.make("target_not_positive"))
            if polarity == "minimize":
                value = (_TWO - reported / target) * HUNDRED
            else:
                value = reported / target * HUNDRED
        value = min(max(value, ZERO), ACHIEVEMENT_MAX)
    return round_half_up(value)


def status(achievement_value: Decimal | None) -> Status | None:
    """Traffic light of an achievement: green >= 100, yellow >= 80, red below; None without."""
    if achievement_value is None:
        return None
    if achievement_value >= GREEN_FROM:
        return "green"
    if achievement_value >= YELLOW_FROM:
        return "yellow"
    return "red"


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PeriodResult:
    """One period's outputs; numbers are Decimals rounded to 2 decimals (half up)."""

    period: str
    value: Decimal | None
    reported: Decimal | None
    category: str | None
    target: Target | None
    achievement: Decimal | None
    status: Status | None
    error: Problem | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``kinerja compute`` shape: JSON numbers, ``null`` where there is nothing."""

        def number(value: Decimal | None) -> int | float | None:
            return None if value is None else _json_number(value)

        target: Any
        if isinstance(self.target, TargetRange):
            target = {"low": number(self.target.low), "high": number(self.target.high)}
        else:
            target = number(self.target)
        data: dict[str, Any] = {
            "value": number(self.value),
            "reported": number(self.reported),
            "category": self.category,
            "target": target,
            "achievement": number(self.achievement),
            "status": self.status,
        }
        if self.error is not None:
            data["error"] = self.error.to_dict()
        return data


@dataclass(frozen=True)
class PeriodInput:
    """One validated period of a payload: typed inputs (None: target only) and its target."""

    inputs: dict[str, Any] | None
    target: Target | None


@dataclass(frozen=True)
class _Constraint:
    program: Program
    table: str | None
    message_id: str
    message_en: str
    fields: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# The definition
# ---------------------------------------------------------------------------------------------
class IndicatorDefinition:
    """An indicator built from its JSON definition; see ``docs/formula-language.md``."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data: dict[str, Any] = copy.deepcopy(dict(data)) if isinstance(data, Mapping) else {}
        self._problems: list[Problem] = []
        self.program: Program | None = None
        self._constraints: list[_Constraint] = []
        self._build()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> IndicatorDefinition:
        """Build without raising: structural problems are kept for :meth:`check`."""
        return cls(data)

    def to_dict(self) -> dict[str, Any]:
        """The definition dict as given (a deep copy), for storage."""
        return copy.deepcopy(self._data)

    def check(self) -> list[Problem]:
        """Every static problem of the definition and its formula (errors and warnings)."""
        return list(self._problems)

    @property
    def is_valid(self) -> bool:
        return self.program is not None and not any(p.is_error for p in self._problems)

    def ensure_valid(self) -> Program:
        """The compiled formula, or :class:`DefinitionError` with every problem."""
        if self.program is None or not self.is_valid:
            errors = [p for p in self._problems if p.is_error]
            head = Problem.make("definition_invalid", indicator=self.code, code=self.code)
            raise DefinitionError([head, *errors])
        return self.program

    # -- construction -----------------------------------------------------------------------
    def _bad(self, where: str, detail: Bi) -> None:
        self._problems.append(Problem.make("spec_invalid", where=where, indicator=self.code, detail=detail))

    def _text(self, key: str, *, required: bool = True) -> str:
        value = self._data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT_LENGTH:
            self._bad(key, Bi("teks wajib diisi", "a non-empty text is required"))
            return ""
        return value

    def _choice(self, key: str, allowed: Iterable[str], default: str | None = None) -> str:
        value = self._data.get(key, default)
        allowed = tuple(allowed)
        if value not in allowed:
            self._bad(key, Bi(f"harus salah satu dari {list(allowed)}", f"must be one of {list(allowed)}"))
            return allowed[0]
        assert isinstance(value, str)
        return value

    def _build(self) -> None:
        data = self._data
        raw_code = data.get("code")
        self.code: str = raw_code if isinstance(raw_code, str) else ""
        if not isinstance(raw_code, str) or not _CODE_RE.match(raw_code):
            self._bad(
                "code",
                Bi(
                    "kode singkat seperti IK-01 wajib diisi",
                    "a short code such as IK-01 is required",
                ),
            )
        unknown = sorted(k for k in data if k not in _DEFINITION_KEYS and not k.startswith("x_"))
        if unknown:
            self._bad(
                "",
                Bi(
                    f"kunci tidak dikenal {unknown} (kunci tambahan harus diawali x_)",
                    f"unknown keys {unknown} (extensions must start with x_)",
                ),
            )
        self.name = self._text("name")
        self.name_en = self._text("name_en", required=False)
        self.unit = self._text("unit")
        self.periodicity: str = self._choice("periodicity", PERIODS)
        self.aggregation: str = self._choice("aggregation", AGGREGATIONS)
        self.polarity: str = self._choice("polarity", POLARITIES, "maximize")
        assessed = data.get("assessment_period")
        self.assessment_period: str | None = None
        if assessed is not None:
            if self.periodicity != "year" or assessed not in PERIODS["quarter"]:
                self._bad(
                    "assessment_period",
                    Bi(
                        "hanya untuk indikator tahunan, dan harus TW1..TW4",
                        "only a year indicator has one, and it must be TW1..TW4",
                    ),
                )
            else:
                self.assessment_period = str(assessed)
        for key in ("decisions", "notes"):
            items = data.get(key, [])
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                self._bad(key, Bi("harus berupa daftar teks", "must be a list of texts"))
        # inputs
        self.inputs: tuple[InputSpec, ...] = ()
        raw_inputs = data.get("inputs")
        specs: list[InputSpec] = []
        if not isinstance(raw_inputs, list):
            self._bad("inputs", Bi("daftar inputs wajib diisi", "a list of inputs is required"))
        else:
            seen: set[str] = set()
            for i, raw in enumerate(raw_inputs):
                before = len(self._problems)
                spec = parse_input(raw, f"inputs[{i}]", self._problems, column=False)
                for j in range(before, len(self._problems)):
                    p = self._problems[j]
                    self._problems[j] = Problem(
                        p.code, p.message_id, p.message_en, where=p.where, indicator=self.code
                    )
                if spec is None:
                    continue
                if spec.name in seen:
                    self._bad(
                        f"inputs[{i}].name",
                        Bi(f"isian ganda {spec.name!r}", f"duplicate input {spec.name!r}"),
                    )
                    continue
                seen.add(spec.name)
                specs.append(spec)
        self.inputs = tuple(specs)
        self._by_name = {spec.name: spec for spec in specs}
        self._validators = {spec.name: make_validator(spec) for spec in specs}
        self._column_validators = {
            spec.name: [(c.name, make_validator(c), c.default, c.required) for c in spec.columns]
            for spec in specs
            if spec.type == "table"
        }
        self._column_names = {
            spec.name: frozenset(c.name for c in spec.columns) for spec in specs if spec.type == "table"
        }
        # bands
        bands: dict[str, BandTable] = {}
        raw_bands = data.get("bands", {})
        if not isinstance(raw_bands, Mapping):
            self._bad(
                "bands",
                Bi("harus berupa objek berisi tabel rentang", "must be an object of band tables"),
            )
        else:
            for band_name, raw_table in raw_bands.items():
                if not isinstance(band_name, str) or not band_name:
                    self._bad(
                        "bands",
                        Bi("nama tabel rentang harus berupa teks", "band table names must be texts"),
                    )
                    continue
                table, problems = BandTable.from_json(band_name, raw_table)
                self._problems.extend(problems)
                self._problems.extend(table.check())
                bands[band_name] = table
        self.bands = bands
        # category
        self.category_source: str | None = None
        self.category_table: BandTable | None = None
        self.category_round: int | None = None
        raw_category = data.get("category_band")
        if raw_category is not None:
            self._category(raw_category)
        # formula
        self.schema = Schema({spec.name: spec.field() for spec in specs}, bands)
        formula = data.get("formula")
        if not isinstance(formula, str):
            self._bad("formula", Bi("teks rumus wajib diisi", "the formula text is required"))
            return
        try:
            program = compile_formula(formula, self.schema, result="number")
        except FormulaCheckError as error:
            self._problems.extend(_tag(error.problems, self.code, "formula"))
        else:
            self._problems.extend(_tag(program.warnings, self.code, "formula"))
            self.program = program
            if self.category_source == "formula":
                kind = program.binding_types.get("category")
                if kind not in ("text", "choice"):
                    self._bad(
                        "category_band",
                        Bi(
                            "source 'formula' memerlukan baris teks 'category = ...' di rumus",
                            "source 'formula' needs a text binding 'category = ...' in the formula",
                        ),
                    )
        self._build_constraints()

    def _category(self, raw: object) -> None:
        if not isinstance(raw, Mapping):
            self._bad("category_band", Bi("harus berupa objek atau null", "must be an object or null"))
            return
        extra = sorted(set(raw) - {"source", "table", "round"})
        if extra:
            self._bad("category_band", Bi(f"kunci tidak dikenal {extra}", f"unknown keys {extra}"))
        source = raw.get("source", "reported")
        if source not in CATEGORY_SOURCES:
            self._bad(
                "category_band.source",
                Bi(
                    f"harus salah satu dari {list(CATEGORY_SOURCES)}",
                    f"must be one of {list(CATEGORY_SOURCES)}",
                ),
            )
            return
        self.category_source = str(source)
        places = raw.get("round")
        if places is not None:
            if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
                self._bad(
                    "category_band.round",
                    Bi(
                        "harus bilangan bulat 0..10 atau null",
                        "must be a whole number 0..10 or null",
                    ),
                )
            else:
                self.category_round = places
        if source == "formula":
            return
        table_name = raw.get("table")
        table = self.bands.get(table_name) if isinstance(table_name, str) else None
        if table is None:
            self._bad(
                "category_band.table",
                Bi(
                    f"tabel rentang tidak dikenal {table_name!r}",
                    f"unknown band table {table_name!r}",
                ),
            )
        elif not table.has_labels:
            self._bad(
                "category_band.table",
                Bi(
                    f"tabel rentang {table_name!r} memiliki rentang tanpa label",
                    f"band table {table_name!r} has a band without label",
                ),
            )
        else:
            self.category_table = table

    def _build_constraints(self) -> None:
        raw_list = self._data.get("constraints", [])
        if not isinstance(raw_list, list):
            self._bad("constraints", Bi("harus berupa daftar", "must be a list"))
            return
        scalar_fields = {spec.name: spec.field() for spec in self.inputs}
        for index, raw in enumerate(raw_list):
            where = f"constraints[{index}]"
            if not isinstance(raw, Mapping) or not isinstance(raw.get("rule"), str):
                self._bad(
                    where,
                    Bi("aturan memerlukan rule berupa teks", "a constraint needs a text rule"),
                )
                continue
            extra = sorted(set(raw) - _CONSTRAINT_KEYS)
            if extra:
                self._bad(where, Bi(f"kunci tidak dikenal {extra}", f"unknown keys {extra}"))
            messages = [raw.get("message_id"), raw.get("message_en")]
            if not all(isinstance(m, str) and m.strip() for m in messages):
                self._bad(
                    where,
                    Bi(
                        "message_id dan message_en wajib diisi",
                        "message_id and message_en are required",
                    ),
                )
                continue
            table = raw.get("table")
            fields = dict(scalar_fields)
            if table is not None:
                spec = self._by_name.get(table) if isinstance(table, str) else None
                if spec is None or spec.type != "table":
                    self._bad(
                        f"{where}.table",
                        Bi(f"tabel tidak dikenal {table!r}", f"unknown table {table!r}"),
                    )
                    continue
                fields.update({c.name: c.field() for c in spec.columns})
            try:
                program = compile_formula(raw["rule"], Schema(fields, self.bands), result="boolean")
            except FormulaCheckError as error:
                for p in error.problems:
                    if p.is_error:
                        self._problems.append(
                            Problem(
                                "constraint_invalid",
                                *_constraint_messages(index, p),
                                p.line,
                                p.column,
                                where=where,
                                indicator=self.code,
                            )
                        )
                continue
            deps = program.dependencies
            names = tuple(sorted(deps.inputs))
            self._constraints.append(
                _Constraint(
                    program,
                    str(table) if table is not None else None,
                    str(messages[0]),
                    str(messages[1]),
                    names,
                )
            )

    # -- convenience views ------------------------------------------------------------------
    @property
    def periods(self) -> tuple[str, ...]:
        """Periods a payload may name (the assessed quarter onwards too, when assessed)."""
        if self.assessment_period is not None:
            quarters = PERIODS["quarter"]
            return (*quarters[quarters.index(self.assessment_period) :], "TAHUN")
        return PERIODS[self.periodicity]

    @property
    def decisions(self) -> list[str]:
        items = self._data.get("decisions", [])
        return [str(i) for i in items] if isinstance(items, list) else []

    @cached_property
    def refs(self) -> frozenset[str]:
        """Codes this indicator reads with ref() (from the syntax; works despite errors).

        Cached: a definition never changes, and a recompute asks once per unit sharing it."""
        formula = self._data.get("formula")
        return formula_refs(formula) if isinstance(formula, str) else frozenset()

    # -- validation -------------------------------------------------------------------------
    def validate_inputs(self, period: str, raw: object) -> dict[str, Any]:
        """Typed inputs of one period, or :class:`InputError` naming every refused field."""
        issues: list[Problem] = []
        typed = self._validate_inputs(period, raw, issues)
        if issues:
            raise InputError(_capped(issues))
        return typed

    def _loc(self, period: str, field: str, table: str = "", row: int = 0) -> Bi:
        if table and row:
            return Bi(
                f"{self.code} {period}, tabel {table} baris {row} kolom {field}",
                f"{self.code} {period}, table {table} row {row} column {field}",
            )
        if row:
            return Bi(
                f"{self.code} {period}, tabel {field} baris {row}",
                f"{self.code} {period}, table {field} row {row}",
            )
        return Bi(f"{self.code} {period}, isian {field}", f"{self.code} {period}, field {field}")

    def _issue(
        self,
        code: str,
        period: str,
        field: str,
        params: Mapping[str, object] | None = None,
        *,
        table: str = "",
        row: int = 0,
    ) -> Problem:
        """An input problem located at indicator/period/field (and table row)."""
        merged = dict(params or {})
        merged["loc"] = self._loc(period, field, table, row)
        return Problem.build(
            code,
            merged,
            indicator=self.code,
            period=period,
            field=f"{table}.{field}" if table else field,
            row=row,
        )

    def _validate_inputs(self, period: str, raw: object, issues: list[Problem]) -> dict[str, Any]:
        if not isinstance(raw, Mapping):
            issues.append(
                Problem.make(
                    "input_bad_payload",
                    indicator=self.code,
                    period=period,
                    loc=f"periods.{period}.inputs",
                    detail_id="isian harus berupa objek",
                    detail_en="inputs must be an object",
                )
            )
            return {}
        typed: dict[str, Any] = {}
        for key in raw:
            if key not in self._by_name:
                issues.append(self._issue("input_unknown_field", period, str(key)))
        for spec in self.inputs:
            name = spec.name
            value = raw.get(name)
            if value is None:
                if spec.type == "table":
                    if spec.required and name not in raw:
                        issues.append(self._issue("input_missing", period, name))
                        continue
                    value = []
                elif spec.default is not None:
                    typed[name] = spec.default
                    continue
                elif spec.required:
                    issues.append(self._issue("input_missing", period, name))
                    continue
                else:
                    typed[name] = None
                    continue
            if spec.type == "table":
                typed[name] = self._validate_table(spec, period, value, issues)
                continue
            try:
                typed[name] = self._validators[name](value)
            except Refusal as refusal:
                issues.append(self._issue(refusal.code, period, name, refusal.params))
        if not issues:
            self._check_constraints(period, typed, issues)
        return typed

    def _validate_table(
        self, spec: InputSpec, period: str, value: object, issues: list[Problem]
    ) -> list[dict[str, Any]]:
        table = spec.name
        if not isinstance(value, list):
            issues.append(self._issue("input_not_table", period, table, {"got": show_value(value)}))
            return []
        if not spec.min_rows <= len(value) <= spec.max_rows:
            params = {"got": len(value), "min": spec.min_rows, "max": spec.max_rows}
            issues.append(self._issue("input_row_count", period, table, params))
            return []
        rows: list[dict[str, Any]] = []
        checks = self._column_validators[table]
        known = self._column_names[table]
        for index, raw_row in enumerate(value, start=1):
            if not isinstance(raw_row, Mapping):
                issues.append(self._issue("input_not_row", period, table, row=index))
                continue
            for key in raw_row:
                if key not in known:
                    issues.append(
                        self._issue("input_unknown_field", period, str(key), table=table, row=index)
                    )
            row: dict[str, Any] = {}
            for name, check, default, required in checks:
                cell = raw_row.get(name)
                if cell is None:
                    if default is not None:
                        row[name] = default
                    elif required:
                        issues.append(self._issue("input_missing", period, name, table=table, row=index))
                    else:
                        row[name] = None
                    continue
                try:
                    row[name] = check(cell)
                except Refusal as refusal:
                    issues.append(
                        self._issue(refusal.code, period, name, refusal.params, table=table, row=index)
                    )
            rows.append(row)
        return rows

    def _check_constraints(self, period: str, typed: dict[str, Any], issues: list[Problem]) -> None:
        for constraint in self._constraints:
            if constraint.table is None:
                contexts: list[tuple[int, Mapping[str, Any]]] = [(0, typed)]
            else:
                contexts = [
                    (i, {**typed, **row}) for i, row in enumerate(typed.get(constraint.table) or [], start=1)
                ]
            for row, scope in contexts:
                try:
                    ok = constraint.program.evaluate(scope)
                except EvaluationError:
                    continue  # a rule about an input that is not given does not apply
                if ok is NO_ROWS or ok:
                    continue
                fields = ", ".join(constraint.fields)
                if row:
                    where = Bi(
                        f"{self.code} {period}, tabel {constraint.table} baris {row} ({fields})",
                        f"{self.code} {period}, table {constraint.table} row {row} ({fields})",
                    )
                else:
                    where = Bi(f"{self.code} {period} ({fields})", f"{self.code} {period} ({fields})")
                issues.append(
                    Problem.make(
                        "constraint_failed",
                        loc=where,
                        rule_id=constraint.message_id,
                        rule_en=constraint.message_en,
                        indicator=self.code,
                        period=period,
                        field=fields,
                        row=row,
                    )
                )

    def _validate_target(self, period: str, raw: object, issues: list[Problem]) -> Target | None:
        if raw is None:
            return None

        def refuse(detail_id: str, detail_en: str) -> None:
            issues.append(
                Problem.make(
                    "input_bad_target",
                    indicator=self.code,
                    period=period,
                    field="target",
                    detail_id=detail_id,
                    detail_en=detail_en,
                )
            )

        if self.polarity == "stabilize":
            if not isinstance(raw, Mapping) or set(raw) != {"low", "high"}:
                refuse(
                    'indikator stabilize memerlukan {"low": L, "high": H}',
                    'a stabilize indicator needs {"low": L, "high": H}',
                )
                return None
            low, high = to_decimal(raw["low"]), to_decimal(raw["high"])
            if low is None or high is None or low <= ZERO or low > high:
                refuse(
                    "low dan high harus angka dengan 0 < low <= high",
                    "low and high must be numbers with 0 < low <= high",
                )
                return None
            return TargetRange(low, high)
        number = to_decimal(raw)
        if number is None:
            refuse(f"harus berupa angka, bukan {show_value(raw)}", f"must be a number, not {show_value(raw)}")
            return None
        if number <= ZERO:
            refuse("harus lebih besar dari 0", "must be greater than 0")
            return None
        return number

    def validate_payload(self, payload: object) -> dict[str, PeriodInput]:
        """Validate a whole ``kinerja compute`` payload; nothing is computed from half of it."""
        issues: list[Problem] = []

        def bad(where: str, detail_id: str, detail_en: str) -> None:
            issues.append(
                Problem.make(
                    "input_bad_payload",
                    loc=where,
                    detail_id=detail_id,
                    detail_en=detail_en,
                    indicator=self.code,
                )
            )

        result: dict[str, PeriodInput] = {}
        if not isinstance(payload, Mapping):
            bad("", "masukan harus berupa objek", "the input must be an object")
            raise InputError(_capped(issues))
        extra = sorted(str(k) for k in payload if k not in ("year", "periods"))
        if extra:
            bad(", ".join(extra), "kunci tidak dikenal", "unknown keys")
        year = payload.get("year")
        if year is not None and (
            isinstance(year, bool) or not isinstance(year, int) or not (1900 <= year <= 2200)
        ):
            bad("year", "tahun tidak sah", "invalid year")
        periods = payload.get("periods")
        if not isinstance(periods, Mapping):
            bad("periods", "periods harus berupa objek", "periods must be an object")
            raise InputError(_capped(issues))
        valid = self.periods
        for period, entry in periods.items():
            if period not in valid:
                issues.append(
                    Problem.make(
                        "input_unknown_period",
                        indicator=self.code,
                        period=str(period),
                        periods=", ".join(valid),
                    )
                )
                continue
            if not isinstance(entry, Mapping):
                bad(f"periods.{period}", "periode harus berupa objek", "a period must be an object")
                continue
            extra = sorted(str(k) for k in entry if k not in ("inputs", "target"))
            if extra:
                bad(f"periods.{period}: {', '.join(extra)}", "kunci tidak dikenal", "unknown keys")
            target = self._validate_target(period, entry.get("target"), issues)
            raw_inputs = entry.get("inputs")
            inputs = None
            if raw_inputs is not None:
                if self.assessment_period is not None and period not in (
                    self.assessment_period,
                    "TAHUN",
                ):
                    issues.append(
                        Problem.make(
                            "input_not_assessed",
                            indicator=self.code,
                            period=period,
                            assessed=self.assessment_period,
                        )
                    )
                    continue
                inputs = self._validate_inputs(period, raw_inputs, issues)
            result[period] = PeriodInput(inputs, target)
        if self.assessment_period is not None:
            given = [
                p for p in (self.assessment_period, "TAHUN") if p in result and result[p].inputs is not None
            ]
            if len(given) == 2:
                issues.append(
                    Problem.make("input_assessed_twice", indicator=self.code, first=given[0], second=given[1])
                )
        if issues:
            raise InputError(_capped(issues))
        return result

    # -- computation ------------------------------------------------------------------------
    def compute(
        self, payload: object, *, ref_resolver: PeriodRefResolver | None = None
    ) -> dict[str, PeriodResult]:
        return compute_periods(self, payload, ref_resolver=ref_resolver)

    def _evaluate(
        self,
        program: Program,
        period: str,
        entry: PeriodInput,
        ref_resolver: PeriodRefResolver | None,
    ) -> tuple[Decimal | None, str | None, Problem | None]:
        inputs = entry.inputs
        if inputs is None:
            return None, None, None
        for spec in self.inputs:
            if spec.type == "table" and spec.if_empty == "null" and not inputs.get(spec.name):
                return None, None, None
        target: Any = entry.target
        if isinstance(target, TargetRange):
            target = (target.low, target.high)
        ref = None
        if ref_resolver is not None:
            resolver = ref_resolver

            def ref(code: str) -> Decimal | None:
                return resolver(code, period)

        names = ("value", "category") if self.category_source == "formula" else ("value",)
        try:
            outputs = program.evaluate_outputs(inputs, names, target=target, ref=ref)
        except EvaluationError as error:
            p = error.problem
            return (
                None,
                None,
                Problem(
                    p.code,
                    p.message_id,
                    p.message_en,
                    p.line,
                    p.column,
                    p.severity,
                    p.where,
                    self.code,
                    period,
                    p.field,
                    p.row,
                ),
            )
        value = outputs[0]
        if not isinstance(value, Decimal):
            return None, None, None
        category: str | None = None
        if len(outputs) > 1 and isinstance(outputs[1], str):
            category = outputs[1]
        return value, category, None


def _capped(issues: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS input problems (a hostile payload could produce millions)."""
    if len(issues) <= MAX_PROBLEMS:
        return issues
    rest = len(issues) - MAX_PROBLEMS
    return [*issues[:MAX_PROBLEMS], Problem.make("too_many_problems", count=rest)]


def _constraint_messages(index: int, p: Problem) -> tuple[str, str]:
    return render("constraint_invalid", {"index": index, "detail": Bi(p.message_id, p.message_en)})


def _tag(problems: Iterable[Problem], code: str, where: str) -> list[Problem]:
    return [
        Problem(
            p.code,
            p.message_id,
            p.message_en,
            p.line,
            p.column,
            p.severity,
            p.where or where,
            code,
            p.period,
            p.field,
            p.row,
        )
        for p in problems
    ]


# ---------------------------------------------------------------------------------------------
def compute_periods(
    definition: IndicatorDefinition,
    year_payload: object,
    *,
    ref_resolver: PeriodRefResolver | None = None,
) -> dict[str, PeriodResult]:
    """Compute every period of a ``kinerja compute`` payload (see ``docs/formula-language.md``).

    Validates the whole payload first (:class:`InputError`), then evaluates each period; an
    evaluation failure becomes that period's ``error`` instead of an exception, so one bad cell
    does not hide the others.
    """
    program = definition.ensure_valid()
    entries = definition.validate_payload(year_payload)
    evaluated: dict[str, tuple[Decimal | None, str | None, Problem | None]] = {}
    for period in PERIOD_ORDER:
        if period in entries:
            evaluated[period] = definition._evaluate(program, period, entries[period], ref_resolver)
    targets = {period: entry.target for period, entry in entries.items()}
    if definition.assessment_period is not None:
        evaluated, targets = _carry_assessment(definition, evaluated, targets)
    results: dict[str, PeriodResult] = {}
    values: list[tuple[str, Decimal]] = []
    first_error: str | None = None
    for period in PERIOD_ORDER:
        if period not in evaluated:
            continue
        value, formula_category, error = evaluated[period]
        reported: Decimal | None
        if error is not None:
            reported = None
            first_error = first_error or period
        elif definition.aggregation == "last":
            reported = value
        else:
            if value is not None:
                values.append((period, value))
            if first_error is not None:
                reported = None
                error = Problem.make("prior_period_error", indicator=definition.code, period=first_error)
            elif not values:
                reported = None
            else:
                with localcontext(CONTEXT):
                    total = sum((v for _, v in values), ZERO)
                    reported = total / len(values) if definition.aggregation == "cumulative_mean" else total
        category = None
        source = definition.category_source
        if source == "formula":
            category = formula_category if error is None else None
        elif source is not None and definition.category_table is not None:
            basis = value if source == "value" else reported
            if basis is not None:
                if definition.category_round is not None:
                    basis = round_half_up(basis, definition.category_round)
                band = definition.category_table.find(basis)
                if band is None:
                    error = error or Problem.make(
                        "no_band",
                        indicator=definition.code,
                        period=period,
                        value=basis,
                        name=definition.category_table.name,
                    )
                else:
                    category = band.label
        target = targets.get(period)
        try:
            capaian = achievement(reported, target, definition.polarity)
        except EvaluationError as exc:
            capaian = None
            error = error or exc.problem
        results[period] = PeriodResult(
            period=period,
            value=None if value is None else round_half_up(value),
            reported=None if reported is None else round_half_up(reported),
            category=category,
            target=_round_target(target),
            achievement=capaian,
            status=status(capaian),
            error=error,
        )
    return results


def _round_target(target: Target | None) -> Target | None:
    if target is None:
        return None
    if isinstance(target, TargetRange):
        return TargetRange(round_half_up(target.low), round_half_up(target.high))
    return round_half_up(target)


def _carry_assessment(
    definition: IndicatorDefinition,
    evaluated: dict[str, tuple[Decimal | None, str | None, Problem | None]],
    targets: dict[str, Target | None],
) -> tuple[dict[str, tuple[Decimal | None, str | None, Problem | None]], dict[str, Target | None]]:
    """An assessed-at indicator (IK-16: TW3, TW4 = TW3) carries its one assessment forward."""
    assessed = definition.assessment_period
    assert assessed is not None
    source = None
    for period in (assessed, "TAHUN"):
        if period in evaluated and (evaluated[period][0] is not None or evaluated[period][2]):
            source = period
            break
    if source is None:
        return evaluated, targets
    outcome = evaluated[source]
    source_target = targets.get(source)
    carried: dict[str, tuple[Decimal | None, str | None, Problem | None]] = {}
    new_targets: dict[str, Target | None] = {}
    for period in definition.periods:
        carried[period] = outcome
        own = targets.get(period)
        new_targets[period] = own if own is not None else source_target
    return carried, new_targets


def check_catalog(definitions: Iterable[IndicatorDefinition]) -> list[Problem]:
    """Problems across a set of definitions: duplicate codes, unknown refs, reference cycles."""
    problems: list[Problem] = []
    graph: dict[str, frozenset[str]] = {}
    for definition in definitions:
        if definition.code in graph:
            problems.append(Problem.make("duplicate_code", indicator=definition.code, code=definition.code))
            continue
        graph[definition.code] = definition.refs
    for code, refs in graph.items():
        for ref in sorted(refs):
            if ref not in graph:
                problems.append(Problem.make("ref_unknown", indicator=code, code=code, ref=ref))
    for cycle in find_cycles(graph):
        problems.append(Problem.make("ref_cycle", indicator=cycle[0], cycle=" -> ".join(cycle)))
    return problems


def find_ref_cycles(definitions: Iterable[IndicatorDefinition]) -> list[list[str]]:
    """Reference cycles among definitions, e.g. ``[["IK-01", "IK-02", "IK-01"]]``."""
    return find_cycles({d.code: d.refs for d in definitions})


def load_definitions(items: Iterable[Mapping[str, Any]]) -> list[IndicatorDefinition]:
    """Definitions from a list of dicts (e.g. ``tarakan_formulas.json``)."""
    return [IndicatorDefinition.from_dict(item) for item in items]
