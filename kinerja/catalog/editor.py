"""Forms of the catalogue: the sheet, the structured formula editor and the try-compute panel.

The formula editor posts flat fields (``c-in-0-name``, ``c-in-0-col-3-min``, ``c-band-1-row-2-upper``
…) so rows can be added and removed in the browser; :class:`ComputationEditor` turns them back into
the engine's definition dict. Each row carries the JSON it was loaded from (``…-orig``), so keys the
structured editor does not show (help texts, defaults, ``x_`` extensions) survive a save and an
unchanged editor gives back exactly the stored computation.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from kinerja.formula import Problem
from kinerja.formula.indicator import AGGREGATIONS, PERIODS, POLARITIES
from kinerja.formula.inputs import INPUT_TYPES

from .templatetags.catalog_ui import AGGREGATION_SHORT, PERIODICITY, POLARITY_SHORT, num
from .templatetags.catalog_ui import INPUT_TYPES as TYPE_LABELS

P = "c-"
MAX_EDITOR_ROWS = 300  # rows of one kind the editor reads; DATA_UPLOAD_MAX_NUMBER_FIELDS bounds the rest
# Keys of the computation the structured editor shows; everything else is carried in c-orig.
HEAVY = ("inputs", "bands", "constraints", "formula")

# The text fields and tick boxes of each kind of editor row.
INPUT_TEXTS = (
    "name",
    "label_id",
    "label_en",
    "type",
    "unit",
    "min",
    "max",
    "options",
    "min_rows",
    "max_rows",
)
INPUT_FLAGS = ("required", "situational", "min_exclusive", "if_empty")
BAND_TEXTS = ("lower", "upper", "score", "label", "note")
BAND_FLAGS = ("lower_inclusive", "upper_inclusive")
RULE_TEXTS = ("rule", "table", "message_id", "message_en")

_INPUT_KEY = re.compile(r"c-in-(\d{1,4})-name\Z")
_COLUMN_KEY = re.compile(r"c-in-(\d{1,4})-col-(\d{1,4})-name\Z")
_BAND_KEY = re.compile(r"c-band-(\d{1,4})-name\Z")
_BAND_ROW_KEY = re.compile(r"c-band-(\d{1,4})-row-(\d{1,4})-lower\Z")
_CONSTRAINT_KEY = re.compile(r"c-con-(\d{1,4})-rule\Z")
_WHERE_INPUT = re.compile(r"inputs\[(\d+)\](?:\([^)]*\))?(?:\.columns\[(\d+)\])?")
_WHERE_CONSTRAINT = re.compile(r"constraints\[(\d+)\]")


# --- small conversions ---------------------------------------------------------------------------
def text_value(value: Any) -> str:
    """A JSON value as the editor shows it in a text field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return num(value)
    return str(value)


def json_number(text: str) -> Any:
    """A typed number from a text field (comma or point), the raw text when it is not one, or None."""
    text = text.strip()
    if not text:
        return None
    candidate = text.replace(",", ".") if "." not in text else text
    try:
        number = Decimal(candidate)
    except (InvalidOperation, ValueError):
        return text
    if not number.is_finite() or abs(number.adjusted()) > 30:
        return text
    return int(number) if number == number.to_integral_value() else float(number)


def text_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _put(target: dict[str, Any], original: Mapping[str, Any], key: str, value: Any, default: Any) -> None:
    """Set a key, leaving out an empty value, and a default value the original did not spell out."""
    if value is None or (value == default and type(value) is type(default) and key not in original):
        target.pop(key, None)
    else:
        target[key] = value


def options_text(options: Any) -> str:
    """Choice options as lines ``value = score | label | English label``."""
    lines = []
    for option in options if isinstance(options, list) else []:
        if not isinstance(option, dict):
            continue
        line = text_value(option.get("value"))
        if option.get("score") is not None:
            line += f" = {text_value(option['score'])}"
        if "label" in option or "label_en" in option:
            line += f" | {text_value(option.get('label'))}"
        if "label_en" in option:
            line += f" | {text_value(option['label_en'])}"
        lines.append(line)
    return "\n".join(lines)


def parse_options(text: str) -> list[dict[str, Any]]:
    options = []
    for line in text_lines(text):
        head, *labels = (part.strip() for part in line.split("|"))
        value, _sep, score = head.partition("=")
        option: dict[str, Any] = {"value": value.strip()}
        if score.strip():
            option["score"] = json_number(score)
        if labels and labels[0]:
            option["label"] = labels[0]
        if len(labels) > 1 and labels[1]:
            option["label_en"] = labels[1]
        options.append(option)
    return options


# --- the structured editor -----------------------------------------------------------------------
@dataclass
class Row:
    """One row of the editor as the template shows it: raw texts, sub-rows and its problems."""

    key: str
    v: dict[str, str]
    children: list["Row"] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"ed-{self.key}"

    @property
    def index(self) -> str:
        return self.key.rsplit("-", 1)[-1]

    @property
    def next_child(self) -> int:
        return _next(self.children)


def _next(rows: list[Row]) -> int:
    numbers = [int(row.index) for row in rows if row.index.isdigit()]
    return max(numbers) + 1 if numbers else 0


def _blank(key: str, **values: str) -> Row:
    texts = dict.fromkeys((*INPUT_TEXTS, *INPUT_FLAGS, *BAND_TEXTS, *BAND_FLAGS, *RULE_TEXTS, "orig"), "")
    return Row(key, {**texts, **values})


@dataclass(frozen=True)
class Located:
    """A problem with where it points in the editor: a readable place and the row's anchor."""

    problem: Problem
    text: str
    place: str
    anchor: str

    @property
    def is_error(self) -> bool:
        return self.problem.is_error


def flatten(computation: Any) -> dict[str, str]:
    """The editor's form fields for a computation (checkboxes as "on", like a browser posts them)."""
    c = computation if isinstance(computation, dict) else {}
    post: dict[str, str] = {}
    for key in ("periodicity", "assessment_period", "aggregation", "polarity", "unit", "name_en", "formula"):
        post[P + key] = text_value(c.get(key))
    post[P + "polarity"] = post[P + "polarity"] or "maximize"
    for i, spec in enumerate(c.get("inputs") if isinstance(c.get("inputs"), list) else []):
        _flatten_input(post, f"{P}in-{i}", spec, column=False)
    bands = c.get("bands")
    for k, (name, rows) in enumerate(bands.items() if isinstance(bands, dict) else []):
        post[f"{P}band-{k}-name"] = str(name)
        for m, row in enumerate(rows if isinstance(rows, list) else []):
            row = row if isinstance(row, dict) else {}
            prefix = f"{P}band-{k}-row-{m}-"
            for key in BAND_TEXTS:
                post[prefix + key] = text_value(row.get(key))
            for key in BAND_FLAGS:
                if row.get(key) is True:
                    post[prefix + key] = "on"
            post[prefix + "orig"] = json.dumps(row, ensure_ascii=False)
    category = c.get("category_band")
    if isinstance(category, dict):
        post[P + "category_source"] = text_value(category.get("source", "reported"))
        post[P + "category_table"] = text_value(category.get("table"))
        post[P + "category_round"] = text_value(category.get("round"))
    for n, rule in enumerate(c.get("constraints") if isinstance(c.get("constraints"), list) else []):
        rule = rule if isinstance(rule, dict) else {}
        for key in RULE_TEXTS:
            post[f"{P}con-{n}-{key}"] = text_value(rule.get(key))
        post[f"{P}con-{n}-orig"] = json.dumps(rule, ensure_ascii=False)
    for key in ("decisions", "notes"):
        items = c.get(key)
        post[P + key] = "\n".join(str(i) for i in items) if isinstance(items, list) else ""
    post[P + "orig"] = json.dumps({k: (True if k in HEAVY else v) for k, v in c.items()}, ensure_ascii=False)
    post[P + "json"] = json.dumps(c, ensure_ascii=False, indent=2)
    return post


def _flatten_input(post: dict[str, str], prefix: str, spec: Any, *, column: bool) -> None:
    spec = spec if isinstance(spec, dict) else {}
    for key in INPUT_TEXTS:
        post[f"{prefix}-{key}"] = (
            options_text(spec.get(key)) if key == "options" else text_value(spec.get(key))
        )
    for key, default in (("required", True), ("situational", False), ("min_exclusive", False)):
        if spec.get(key, default) is True:
            post[f"{prefix}-{key}"] = "on"
    if spec.get("if_empty") == "evaluate":
        post[f"{prefix}-if_empty"] = "on"
    post[f"{prefix}-orig"] = json.dumps(
        {k: v for k, v in spec.items() if k not in ("columns", "options")}, ensure_ascii=False
    )
    if not column:
        for j, col in enumerate(spec.get("columns") if isinstance(spec.get("columns"), list) else []):
            _flatten_input(post, f"{prefix}-col-{j}", col, column=True)


def _indices(data: Mapping[str, Any], pattern: re.Pattern[str], **groups: str) -> list[int]:
    found = set()
    for key in data:
        match = pattern.match(key)
        if match and all(match.group(int(g)) == v for g, v in groups.items()):
            found.add(int(match.group(len(groups) + 1)))
    return sorted(found)[:MAX_EDITOR_ROWS]


class ComputationEditor:
    """The posted editor: its rows (for re-rendering) and the computation they describe."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.problems: list[Problem] = []
        self.use_json = self._checked(P + "use_json")
        self.inputs: list[Row] = []
        self.bands: list[Row] = []
        self.constraints: list[Row] = []
        self.general: list[str] = []
        self.computation = self._read()

    @classmethod
    def for_computation(cls, computation: dict[str, Any]) -> "ComputationEditor":
        """An editor loaded from a stored computation; JSON view when the form cannot show it all."""
        editor = cls(flatten(computation))
        if editor.computation != computation:
            data = {**flatten(computation), P + "use_json": "on"}
            editor = cls(data)
            editor.general.append(
                str(_("Some settings of this formula have no place in the form; edit them as JSON below."))
            )
        return editor

    # -- what the template shows ---------------------------------------------------------------
    TOP = (
        "periodicity",
        "assessment_period",
        "aggregation",
        "polarity",
        "unit",
        "name_en",
        "formula",
        "category_source",
        "category_table",
        "category_round",
        "decisions",
        "notes",
        "orig",
    )

    @property
    def f(self) -> dict[str, str]:
        return {key: self.value(key) for key in self.TOP}

    @property
    def next_input(self) -> int:
        return _next(self.inputs)

    @property
    def next_band(self) -> int:
        return _next(self.bands)

    @property
    def next_constraint(self) -> int:
        return _next(self.constraints)

    @property
    def json_text(self) -> str:
        """The JSON view: as typed while it is in use, else the computation the fields describe."""
        if self.use_json:
            return self.value("json")
        return json.dumps(self.computation, ensure_ascii=False, indent=2)

    @property
    def band_names(self) -> list[str]:
        return [row.v["name"] for row in self.bands if row.v["name"]]

    blank_input = _blank("in-__i__", type="number", required="on")
    blank_column = _blank("in-__i__-col-__j__", type="number", required="on")
    blank_band = _blank("band-__k__")
    blank_band_row = _blank("band-__k__-row-__m__", lower_inclusive="on")
    blank_constraint = _blank("con-__n__")

    # -- reading -------------------------------------------------------------------------------
    def get(self, key: str) -> str:
        value = self.data.get(key, "")
        return value.replace("\r\n", "\n") if isinstance(value, str) else ""

    def _checked(self, key: str) -> bool:
        return bool(self.get(key))

    def value(self, key: str) -> str:
        return self.get(P + key)

    def _read(self) -> dict[str, Any]:
        structured = self._read_structured()
        if not self.use_json:
            return structured
        text = self.value("json")
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            self.problems.append(_json_problem(exc.msg, exc.lineno, exc.colno))
            return {}
        except (ValueError, RecursionError):
            self.problems.append(_json_problem("too deeply nested", 1, 1))
            return {}
        if not isinstance(parsed, dict):
            self.problems.append(_json_problem("expected an object { … }", 1, 1))
            return {}
        return parsed

    def _read_structured(self) -> dict[str, Any]:
        orig = _json_object(self.value("orig"))
        c = {k: v for k, v in orig.items() if k not in HEAVY}
        for key in ("periodicity", "aggregation"):
            c[key] = self.value(key)
        _put(c, orig, "polarity", self.value("polarity") or None, "maximize")
        c["unit"] = self.value("unit").strip()
        _put(c, orig, "assessment_period", self.value("assessment_period") or None, None)
        _put(c, orig, "name_en", self.value("name_en").strip() or None, None)
        inputs = []
        for i in _indices(self.data, _INPUT_KEY):
            spec, row = self._read_input(f"in-{i}", column=False)
            inputs.append(spec)
            self.inputs.append(row)
        c["inputs"] = inputs
        bands: dict[str, Any] = {}
        for k in _indices(self.data, _BAND_KEY):
            name = self.value(f"band-{k}-name").strip()
            rows = []
            children = []
            for m in _indices(self.data, _BAND_ROW_KEY, **{"1": str(k)}):
                band, row = self._read_band_row(f"band-{k}-row-{m}")
                rows.append(band)
                children.append(row)
            if name in bands:
                self.problems.append(
                    Problem(
                        "band_duplicate",
                        f"Nama tabel rentang {name!r} dipakai dua kali.",
                        f"The band table name {name!r} is used twice.",
                        where=f"bands.{name}",
                    )
                )
            bands[name] = rows
            self.bands.append(Row(f"band-{k}", {"name": name}, children))
        if bands or "bands" in orig:
            c["bands"] = bands
        else:
            c.pop("bands", None)
        self._read_category(c, orig)
        constraints = []
        for n in _indices(self.data, _CONSTRAINT_KEY):
            rule, row = self._read_constraint(f"con-{n}")
            constraints.append(rule)
            self.constraints.append(row)
        _put(c, orig, "constraints", constraints or ([] if "constraints" in orig else None), [])
        for key in ("decisions", "notes"):
            items = text_lines(self.value(key))
            _put(c, orig, key, items or ([] if key in orig else None), [])
        formula = self.value("formula")
        c["formula"] = formula
        return c

    def _read_input(self, key: str, *, column: bool) -> tuple[dict[str, Any], Row]:
        def get(name: str) -> str:
            return self.value(f"{key}-{name}")

        def checked(name: str) -> bool:
            return self._checked(f"{P}{key}-{name}")

        orig = _json_object(get("orig"))
        kind = get("type").strip()
        spec = {k: v for k, v in orig.items() if k not in ("columns", "options")}
        spec["name"] = get("name").strip()
        spec["label_id"] = get("label_id").strip()
        spec["label_en"] = get("label_en").strip()
        spec["type"] = kind
        numeric = kind in ("number", "integer")
        _put(spec, orig, "unit", get("unit").strip() or None, None)
        _put(spec, orig, "min", json_number(get("min")) if numeric else None, None)
        _put(spec, orig, "max", json_number(get("max")) if numeric else None, None)
        _put(spec, orig, "min_exclusive", numeric and checked("min_exclusive"), False)
        _put(spec, orig, "required", checked("required"), True)
        _put(spec, orig, "situational", numeric and checked("situational"), False)
        if orig.get("type") != kind:
            spec.pop("default", None)  # a default of another type could not be fixed in the form
        if kind != "text":
            spec.pop("max_length", None)
        if kind == "choice":
            spec["options"] = parse_options(get("options"))
        children = []
        if kind == "table" and not column:
            columns = []
            for j in _indices(self.data, _COLUMN_KEY, **{"1": key.split("-")[1]}):
                col, row = self._read_input(f"{key}-col-{j}", column=True)
                columns.append(col)
                children.append(row)
            spec["columns"] = columns
            _put(spec, orig, "min_rows", json_number(get("min_rows")), None)
            _put(spec, orig, "max_rows", json_number(get("max_rows")), None)
            _put(spec, orig, "if_empty", "evaluate" if checked("if_empty") else "null", "null")
        else:
            for name in ("min_rows", "max_rows", "if_empty"):
                spec.pop(name, None)
        texts = {name: get(name) for name in (*INPUT_TEXTS, "orig")}
        texts.update({name: "on" if checked(name) else "" for name in INPUT_FLAGS})
        if not column:
            # Columns are kept even while the type is not "table", so switching back loses nothing.
            children = children or [
                self._read_input(f"{key}-col-{j}", column=True)[1]
                for j in _indices(self.data, _COLUMN_KEY, **{"1": key.split("-")[1]})
            ]
        return spec, Row(key, texts, children)

    def _read_band_row(self, key: str) -> tuple[dict[str, Any], Row]:
        def get(name: str) -> str:
            return self.value(f"{key}-{name}")

        orig = _json_object(get("orig"))
        band = dict(orig)
        band["lower"] = json_number(get("lower"))
        band["lower_inclusive"] = self._checked(f"{P}{key}-lower_inclusive")
        band["upper"] = json_number(get("upper"))
        band["upper_inclusive"] = self._checked(f"{P}{key}-upper_inclusive")
        _put(band, orig, "score", json_number(get("score")), None)
        _put(band, orig, "label", get("label").strip() or None, None)
        _put(band, orig, "note", get("note").strip() or None, None)
        texts = {name: get(name) for name in (*BAND_TEXTS, "orig")}
        texts.update({name: "on" if band[name] else "" for name in BAND_FLAGS})
        return band, Row(key, texts)

    def _read_category(self, c: dict[str, Any], orig: dict[str, Any]) -> None:
        source = self.value("category_source")
        previous = orig.get("category_band")
        if not source:
            if "category_band" in orig and previous is None:
                c["category_band"] = None
            else:
                c.pop("category_band", None)
            return
        previous = previous if isinstance(previous, dict) else {}
        category = dict(previous)
        _put(category, previous, "source", source, "reported")
        table = self.value("category_table").strip()
        _put(category, previous, "table", None if source == "formula" else (table or None), None)
        _put(category, previous, "round", json_number(self.value("category_round")), None)
        c["category_band"] = category

    def _read_constraint(self, key: str) -> tuple[dict[str, Any], Row]:
        def get(name: str) -> str:
            return self.value(f"{key}-{name}")

        orig = _json_object(get("orig"))
        rule = dict(orig)
        rule["rule"] = get("rule").strip()
        _put(rule, orig, "table", get("table").strip() or None, None)
        rule["message_id"] = get("message_id").strip()
        rule["message_en"] = get("message_en").strip()
        texts = {name: get(name) for name in (*RULE_TEXTS, "orig")}
        return rule, Row(key, texts)

    # -- problems ------------------------------------------------------------------------------
    def locate(self, problems: list[Problem], text: Any) -> list[Located]:
        """Each problem with its place in the editor; rows keep their own problems for re-rendering."""
        located = []
        for problem in [*self.problems, *problems]:
            place, row = self._place(problem)
            message = text(problem)
            if row is not None:
                row.problems.append(message)
            located.append(Located(problem, message, place, row.anchor if row else _anchor(problem)))
        return located

    @property
    def unreadable(self) -> bool:
        """The JSON view is in use and is not a JSON object: there is nothing to check."""
        return any(p.code == "json_invalid" for p in self.problems)

    def _place(self, problem: Problem) -> tuple[str, Row | None]:
        where = problem.where
        if problem.code == "json_invalid":
            return str(_("Computation as JSON")), None
        if self.use_json:
            return where or str(_("Formula")), None
        match = _WHERE_INPUT.match(where)
        if match and int(match.group(1)) < len(self.inputs):
            row = self.inputs[int(match.group(1))]
            place = _("Input %(number)s") % {"number": int(match.group(1)) + 1}
            place += f" ({row.v['name'] or '?'})"
            if match.group(2) is not None and int(match.group(2)) < len(row.children):
                col = row.children[int(match.group(2))]
                place += " › " + _("column %(number)s") % {"number": int(match.group(2)) + 1}
                place += f" ({col.v['name'] or '?'})"
                return place, col
            return place, row
        match = _WHERE_CONSTRAINT.match(where)
        if match and int(match.group(1)) < len(self.constraints):
            return _("Rule %(number)s") % {"number": int(match.group(1)) + 1}, self.constraints[
                int(match.group(1))
            ]
        if where.startswith("bands."):
            name = where.removeprefix("bands.")
            for row in self.bands:
                if row.v["name"] == name:
                    return _("Band table %(name)s") % {"name": name}, row
        if problem.line or where == "formula":
            return str(_("Formula")), None
        if where.startswith("category_band"):
            return str(_("Category")), None
        if where.split(".")[0] in (
            "periodicity",
            "aggregation",
            "polarity",
            "unit",
            "assessment_period",
            "name_en",
        ):
            return str(_("Settings")), None
        return where or str(_("Definition")), None


def _anchor(problem: Problem) -> str:
    if problem.code == "json_invalid":
        return "ed-json"
    if problem.line or problem.where == "formula":
        return "ed-formula"
    if problem.where.startswith("category_band"):
        return "ed-category"
    return "ed-settings"


def _json_problem(detail: str, line: int, column: int) -> Problem:
    return Problem(
        "json_invalid",
        f"JSON tidak sah: {detail}.",
        f"Invalid JSON: {detail}.",
        line=line,
        column=column,
        where="json",
    )


def blank_computation() -> dict[str, Any]:
    """Where a new indicator starts: one number input reported as it is."""
    return {
        "unit": "%",
        "periodicity": "quarter",
        "aggregation": "last",
        "polarity": "maximize",
        "inputs": [
            {
                "name": "nilai",
                "label_id": "Nilai capaian",
                "label_en": "Achieved value",
                "type": "number",
                "min": 0,
            }
        ],
        "formula": "value = nilai\n",
    }


def editor_choices() -> dict[str, list[tuple[str, Any]]]:
    return {
        "periodicity": [(key, PERIODICITY[key]) for key in PERIODS],
        "aggregation": [(key, AGGREGATION_SHORT[key]) for key in AGGREGATIONS],
        "polarity": [(key, POLARITY_SHORT[key]) for key in POLARITIES],
        "types": [(key, TYPE_LABELS[key]) for key in INPUT_TYPES],
        "quarters": [(q, q) for q in PERIODS["quarter"]],
    }
