"""Input specs of an indicator, and validation of the values a unit enters for them.

Split from :mod:`kinerja.formula.indicator` so each half reads in one sitting: this module knows
what an input may be and whether a value fits it; the indicator module knows how periods compute.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, Literal

from kinerja.formula.checker import FUNCTIONS
from kinerja.formula.decimals import to_decimal
from kinerja.formula.errors import Problem
from kinerja.formula.lexer import KEYWORDS
from kinerja.formula.limits import MAX_ROWS, MAX_TEXT_LENGTH
from kinerja.formula.messages import Bi
from kinerja.formula.parser import AGGREGATES
from kinerja.formula.schema import Field

INPUT_TYPES: Final = ("number", "integer", "boolean", "choice", "text", "table")
NAME_RE: Final = re.compile(r"[a-z_][a-z0-9_]{0,63}\Z")
RESERVED_INPUT_NAMES: Final = (
    frozenset({"target", "value", "category"}) | KEYWORDS | frozenset(FUNCTIONS) | AGGREGATES
)
INPUT_KEYS: Final = frozenset(
    {
        "name",
        "label_id",
        "label_en",
        "help_id",
        "help_en",
        "type",
        "unit",
        "min",
        "max",
        "min_exclusive",
        "required",
        "default",
        "situational",
        "options",
        "columns",
        "min_rows",
        "max_rows",
        "if_empty",
        "max_length",
    }
)


@dataclass(frozen=True)
class ChoiceOption:
    value: str
    label: str
    score: Decimal | None


@dataclass(frozen=True)
class InputSpec:
    """One input (or table column) of an indicator, as a planner defines it in the form."""

    name: str
    type: str
    label_id: str
    label_en: str
    unit: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    min_exclusive: bool = False
    required: bool = True
    default: Any = None
    situational: bool = False
    options: tuple[ChoiceOption, ...] = ()
    columns: tuple[InputSpec, ...] = ()
    min_rows: int = 0
    max_rows: int = 1000
    if_empty: Literal["null", "evaluate"] = "null"
    max_length: int = MAX_TEXT_LENGTH

    def field(self) -> Field:
        """The engine's view of this input."""
        if self.type in ("number", "integer"):
            return Field.number(situational=self.situational)
        if self.type == "boolean":
            return Field.boolean()
        if self.type == "text":
            return Field.text()
        if self.type == "choice":
            return Field.choice({o.value: o.score for o in self.options})
        return Field.table({c.name: c.field() for c in self.columns})


def parse_input(data: object, where: str, problems: list[Problem], *, column: bool) -> InputSpec | None:
    def bad(detail: Bi, at: str = "") -> None:
        problems.append(Problem.make("spec_invalid", where=at or where, detail=detail))

    if not isinstance(data, Mapping):
        bad(Bi("isian harus berupa objek", "an input must be an object"))
        return None
    unknown = sorted(set(data) - INPUT_KEYS)
    if unknown:
        bad(Bi(f"kunci tidak dikenal {unknown}", f"unknown keys {unknown}"))
    name = data.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name):
        bad(
            Bi(
                "nama harus sesuai pola [a-z_][a-z0-9_]* (maksimum 64 karakter)",
                "name must match [a-z_][a-z0-9_]* (at most 64 characters)",
            ),
            f"{where}.name",
        )
        return None
    if name in RESERVED_INPUT_NAMES:
        bad(
            Bi(f"{name!r} adalah kata khusus", f"{name!r} is a reserved word"),
            f"{where}.name",
        )
        return None
    where = f"{where}({name})"
    kind = data.get("type")
    if kind not in INPUT_TYPES or (column and kind == "table"):
        types = [t for t in INPUT_TYPES if not column or t != "table"]
        bad(
            Bi(
                f"type harus salah satu dari {types}",
                f"type must be one of {types}",
            )
        )
        return None
    assert isinstance(kind, str)
    labels: dict[str, str] = {}
    for key in ("label_id", "label_en"):
        label = data.get(key)
        if not isinstance(label, str) or not label.strip() or len(label) > MAX_TEXT_LENGTH:
            bad(
                Bi("label wajib diisi", "a non-empty label is required"),
                f"{where}.{key}",
            )
            label = name
        labels[key] = label
    for key in ("help_id", "help_en"):
        if key in data and not isinstance(data[key], str):
            bad(Bi("harus berupa teks", "must be text"), f"{where}.{key}")
    unit = data.get("unit")
    if unit is not None and not isinstance(unit, str):
        bad(Bi("harus berupa teks", "must be text"), f"{where}.unit")
        unit = None
    flags: dict[str, bool] = {}
    for key, default in (("required", True), ("situational", False), ("min_exclusive", False)):
        flag = data.get(key, default)
        if not isinstance(flag, bool):
            bad(
                Bi("harus true atau false", "must be true or false"),
                f"{where}.{key}",
            )
            flag = default
        flags[key] = flag
    numeric = kind in ("number", "integer")
    bounds: dict[str, Decimal | None] = {"min": None, "max": None}
    for key in ("min", "max"):
        raw = data.get(key)
        if raw is None:
            continue
        if not numeric:
            bad(
                Bi(
                    f"{key} hanya berlaku untuk isian number dan integer",
                    f"{key} only applies to number and integer inputs",
                ),
                f"{where}.{key}",
            )
            continue
        number = to_decimal(raw)
        if number is None:
            bad(
                Bi("harus berupa angka", "must be a number"),
                f"{where}.{key}",
            )
        bounds[key] = number
    low, high = bounds["min"], bounds["max"]
    if low is not None and high is not None and low > high:
        bad(
            Bi("min lebih besar dari max", "min is greater than max"),
            f"{where}.min",
        )
    if flags["situational"] and not numeric:
        bad(
            Bi("situational hanya berlaku untuk angka", "situational only applies to numbers"),
            f"{where}.situational",
        )
    if flags["min_exclusive"] and low is None:
        bad(
            Bi("min_exclusive memerlukan min", "min_exclusive needs min"),
            f"{where}.min_exclusive",
        )
    options: list[ChoiceOption] = []
    if kind == "choice":
        raw_options = data.get("options")
        if not isinstance(raw_options, list) or not raw_options:
            bad(
                Bi(
                    "isian choice memerlukan daftar options yang tidak kosong",
                    "a choice needs a non-empty list of options",
                ),
                f"{where}.options",
            )
        else:
            seen: set[str] = set()
            for i, raw_option in enumerate(raw_options):
                at = f"{where}.options[{i}]"
                if not isinstance(raw_option, Mapping) or not isinstance(raw_option.get("value"), str):
                    bad(
                        Bi(
                            "setiap opsi memerlukan value berupa teks",
                            "an option needs a text value",
                        ),
                        at,
                    )
                    continue
                value = raw_option["value"]
                if value in seen:
                    bad(
                        Bi(f"opsi ganda {value!r}", f"duplicate option {value!r}"),
                        at,
                    )
                    continue
                seen.add(value)
                extra = sorted(set(raw_option) - {"value", "label", "label_en", "score"})
                if extra:
                    bad(
                        Bi(f"kunci tidak dikenal {extra}", f"unknown keys {extra}"),
                        at,
                    )
                option_label = raw_option.get("label", value)
                if not isinstance(option_label, str):
                    bad(
                        Bi("label harus berupa teks", "label must be text"),
                        at,
                    )
                    option_label = value
                score_raw = raw_option.get("score")
                score = None if score_raw is None else to_decimal(score_raw)
                if score_raw is not None and score is None:
                    bad(
                        Bi("score harus berupa angka", "score must be a number"),
                        at,
                    )
                options.append(ChoiceOption(value, option_label, score))
    elif "options" in data:
        bad(
            Bi("options hanya berlaku untuk isian choice", "options only apply to choice inputs"),
            f"{where}.options",
        )
    columns: list[InputSpec] = []
    min_rows, max_rows = 0, 1000
    if_empty: Literal["null", "evaluate"] = "null"
    if kind == "table":
        raw_columns = data.get("columns")
        if not isinstance(raw_columns, list) or not raw_columns:
            bad(
                Bi(
                    "tabel memerlukan daftar columns yang tidak kosong",
                    "a table needs a non-empty list of columns",
                ),
                f"{where}.columns",
            )
        else:
            names: set[str] = set()
            for i, raw_column in enumerate(raw_columns):
                spec = parse_input(raw_column, f"{where}.columns[{i}]", problems, column=True)
                if spec is None:
                    continue
                if spec.name in names:
                    bad(
                        Bi(f"kolom ganda {spec.name!r}", f"duplicate column {spec.name!r}"),
                        f"{where}.columns[{i}]",
                    )
                    continue
                names.add(spec.name)
                columns.append(spec)
        for key in ("min_rows", "max_rows"):
            raw_count = data.get(key)
            if raw_count is None:
                continue
            if (
                isinstance(raw_count, bool)
                or not isinstance(raw_count, int)
                or not (0 <= raw_count <= MAX_ROWS)
            ):
                bad(
                    Bi(
                        f"harus bilangan bulat 0..{MAX_ROWS}",
                        f"must be a whole number 0..{MAX_ROWS}",
                    ),
                    f"{where}.{key}",
                )
                continue
            if key == "min_rows":
                min_rows = raw_count
            else:
                max_rows = raw_count
        if min_rows > max_rows:
            bad(
                Bi("min_rows lebih besar dari max_rows", "min_rows is greater than max_rows"),
                f"{where}.min_rows",
            )
        raw_empty = data.get("if_empty", "null")
        if raw_empty not in ("null", "evaluate"):
            bad(
                Bi('harus "null" atau "evaluate"', 'must be "null" or "evaluate"'),
                f"{where}.if_empty",
            )
        else:
            if_empty = "evaluate" if raw_empty == "evaluate" else "null"
    else:
        for key in ("columns", "min_rows", "max_rows", "if_empty"):
            if key in data:
                bad(
                    Bi(
                        f"{key} hanya berlaku untuk isian table",
                        f"{key} only applies to table inputs",
                    ),
                    f"{where}.{key}",
                )
    max_length = MAX_TEXT_LENGTH
    if "max_length" in data:
        raw_length = data["max_length"]
        if kind != "text":
            bad(
                Bi(
                    "max_length hanya berlaku untuk isian text",
                    "max_length only applies to text inputs",
                ),
                f"{where}.max_length",
            )
        elif (
            isinstance(raw_length, bool)
            or not isinstance(raw_length, int)
            or not (1 <= raw_length <= MAX_TEXT_LENGTH)
        ):
            bad(
                Bi(
                    f"harus bilangan bulat 1..{MAX_TEXT_LENGTH}",
                    f"must be a whole number 1..{MAX_TEXT_LENGTH}",
                ),
                f"{where}.max_length",
            )
        else:
            max_length = raw_length
    spec = InputSpec(
        name=name,
        type=kind,
        label_id=labels["label_id"],
        label_en=labels["label_en"],
        unit=unit,
        min=low,
        max=high,
        min_exclusive=flags["min_exclusive"],
        required=flags["required"],
        situational=flags["situational"],
        options=tuple(options),
        columns=tuple(columns),
        min_rows=min_rows,
        max_rows=max_rows,
        if_empty=if_empty,
        max_length=max_length,
    )
    if "default" in data and data["default"] is not None:
        if kind == "table":
            bad(
                Bi("tabel tidak memiliki default", "a table has no default"),
                f"{where}.default",
            )
        else:
            try:
                typed = make_validator(spec)(data["default"])
            except Refusal:
                bad(
                    Bi(
                        "default bukan nilai yang sah untuk isian ini",
                        "the default is not a valid value of this input",
                    ),
                    f"{where}.default",
                )
            else:
                spec = InputSpec(**{**spec.__dict__, "default": typed})
    return spec


# ---------------------------------------------------------------------------------------------
# Value validation
# ---------------------------------------------------------------------------------------------
def show_value(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 30 else value[:30] + "..."
        return f'"{text}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[...]"
    if isinstance(value, Mapping):
        return "{...}"
    text = repr(value)
    return text if len(text) <= 30 else text[:30] + "..."


_SMALL_LIMIT: Final = 1_025
_SMALL_DECIMALS: Final = tuple(Decimal(i) for i in range(-_SMALL_LIMIT, _SMALL_LIMIT))


class Refusal(Exception):
    """Internal: a value refused by a validator (the caller adds the location)."""

    def __init__(self, code: str, params: dict[str, object]) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


Validator = Callable[[object], Any]


def make_validator(spec: InputSpec) -> Validator:
    """A fast checker of one value for ``spec``: the typed value, or raises ``Refusal``.

    Built once per definition so validating many rows costs no per-cell set-up.
    """
    kind = spec.type
    if kind in ("number", "integer"):
        integer = kind == "integer"
        low, high, exclusive = spec.min, spec.max, spec.min_exclusive

        # Fast path for the common case (a JSON integer within integral bounds): no Decimal
        # comparisons, and small values come from a cache of immutable Decimals.
        int_low = int(low) if low is not None and low == low.to_integral_value() else None
        int_high = int(high) if high is not None and high == high.to_integral_value() else None
        fast = (low is None or int_low is not None) and (high is None or int_high is not None)

        def check_number(value: object) -> Any:
            if (
                fast
                and type(value) is int
                and (
                    (int_low is None or value > int_low or (value == int_low and not exclusive))
                    and (int_high is None or value <= int_high)
                    and -_SMALL_LIMIT < value < _SMALL_LIMIT
                )
            ):
                return _SMALL_DECIMALS[value + _SMALL_LIMIT]
            number = to_decimal(value)
            if number is None:
                raise Refusal("input_not_number", {"got": show_value(value)})
            if integer and number != number.to_integral_value():
                raise Refusal("input_not_integer", {"got": show_value(value)})
            if low is not None:
                if exclusive and number <= low:
                    raise Refusal("input_not_above_min", {"got": number, "min": low})
                if number < low:
                    raise Refusal("input_below_min", {"got": number, "min": low})
            if high is not None and number > high:
                raise Refusal("input_above_max", {"got": number, "max": high})
            return number

        return check_number
    if kind == "boolean":

        def check_boolean(value: object) -> Any:
            if value is True or value is False:
                return value
            raise Refusal("input_not_boolean", {"got": show_value(value)})

        return check_boolean
    if kind == "choice":
        allowed = frozenset(o.value for o in spec.options)
        listed = ", ".join(o.value for o in spec.options)

        def check_choice(value: object) -> Any:
            if isinstance(value, str) and value in allowed:
                return value
            raise Refusal("input_bad_choice", {"got": show_value(value), "options": listed})

        return check_choice
    if kind == "text":
        limit = spec.max_length

        def check_text(value: object) -> Any:
            if not isinstance(value, str):
                raise Refusal("input_not_text", {"got": show_value(value)})
            if len(value) > limit:
                raise Refusal("input_text_too_long", {"limit": limit})
            return value

        return check_text

    def check_table(value: object) -> Any:  # pragma: no cover - tables are validated by rows
        raise Refusal("input_not_table", {"got": show_value(value)})

    return check_table
