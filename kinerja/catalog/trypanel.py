"""The "coba hitung" (try-compute) panel: a form generated from an indicator's inputs."""

import hashlib
import json
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kinerja.formula import IndicatorDefinition, InputSpec, Problem
from kinerja.formula.indicator import PERIODS

from .editor import text_value

# --- coba hitung (try-compute) --------------------------------------------------------------------
T = "t-"


def _label(spec: InputSpec) -> str:
    return spec.label_id if (get_language() or "id").startswith("id") else spec.label_en


def _typed(spec: InputSpec, raw: str | None) -> Any:
    """A posted text as the engine's value for ``spec``; None when nothing was entered."""
    if spec.type == "boolean":
        return bool(raw)  # an unticked box is posted as nothing and means "no"
    if raw is None or not raw.strip():
        return None
    if spec.type in ("number", "integer"):
        return _decimal(raw)
    return raw.strip() if spec.type == "choice" else raw


def _decimal(text: str) -> Decimal | str | None:
    """A typed number as the engine takes it (comma or point); the text itself when it is not one."""
    text = text.strip()
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", ".") if "." not in text else text)
    except (InvalidOperation, ValueError):
        return text
    return number if number.is_finite() else text


class TryPanel:
    """The try-compute form of one definition: fields from its inputs, and the payload they give."""

    def __init__(self, definition: IndicatorDefinition, data: Mapping[str, Any] | None = None) -> None:
        self.definition = definition
        self.data = data or {}
        self.bound = data is not None and (T + "period") in self.data
        self.periods = definition.periods or PERIODS["quarter"]
        period = self._get(T + "period")
        self.period = period if period in self.periods else self.periods[0]
        self.stabilize = definition.polarity == "stabilize"
        self.target = self._get(T + "target") or ""
        self.target_low = self._get(T + "target_low") or ""
        self.target_high = self._get(T + "target_high") or ""
        self.fields = [self._field(spec) for spec in definition.inputs]

    def _get(self, key: str) -> str | None:
        value = self.data.get(key)
        return value if isinstance(value, str) else None

    @property
    def signature(self) -> str:
        """Changes when the fields the panel needs change (inputs, periods, polarity)."""
        shape = [self.periods, self.stabilize, [_shape(spec) for spec in self.definition.inputs]]
        return hashlib.sha256(json.dumps(shape, default=str).encode()).hexdigest()[:16]

    def _field(self, spec: InputSpec) -> dict[str, Any]:
        name = f"{T}in-{spec.name}"
        item: dict[str, Any] = {
            "spec": spec,
            "name": name,
            "label": _label(spec),
            "type": spec.type,
            "options": [(o.value, o.label) for o in spec.options],
        }
        if spec.type != "table":
            raw = self._get(name)
            item["value"] = (
                raw if raw is not None else ("" if spec.default is None else text_value(spec.default))
            )
            item["checked"] = bool(raw) if self.bound else spec.default is True
            return item
        item["columns"] = [
            {"spec": col, "label": _label(col), "options": [(o.value, o.label) for o in col.options]}
            for col in spec.columns
        ]
        indices = self._row_indices(spec.name) if self.bound else ([0] if spec.max_rows else [])
        item["rows"] = [
            {"index": r, "number": n, "cells": [self._cell(spec, col, r) for col in spec.columns]}
            for n, r in enumerate(indices, start=1)
        ]
        item["next"] = (max(indices) + 1) if indices else 0
        item["template"] = {
            "index": "__r__",
            "cells": [self._cell(spec, col, "__r__") for col in spec.columns],
        }
        return item

    def _cell(self, table: InputSpec, col: InputSpec, row: int | str) -> dict[str, Any]:
        name = f"{T}in-{table.name}-{row}-{col.name}"
        raw = self._get(name)
        bound = self.bound and isinstance(row, int)
        default = "" if col.default is None else text_value(col.default)
        return {
            "spec": col,
            "name": name,
            "label": _label(col),
            "type": col.type,
            "options": [(o.value, o.label) for o in col.options],
            "value": raw if raw is not None else ("" if bound else default),
            "checked": bool(raw) if bound else col.default is True,
        }

    def _row_indices(self, table: str) -> list[int]:
        pattern = re.compile(rf"{re.escape(T)}row-{re.escape(table)}-(\d{{1,4}})\Z")
        return sorted({int(m.group(1)) for key in self.data if (m := pattern.match(key))})[:1000]

    def payload(self) -> dict[str, Any]:
        """The ``kinerja compute`` payload of the posted fields: one period, its inputs and target."""
        inputs: dict[str, Any] = {}
        for spec in self.definition.inputs:
            if spec.type == "table":
                rows = []
                for r in self._row_indices(spec.name):
                    row = {}
                    for col in spec.columns:
                        value = _typed(col, self._get(f"{T}in-{spec.name}-{r}-{col.name}"))
                        if value is not None:
                            row[col.name] = value
                    rows.append(row)
                inputs[spec.name] = rows
                continue
            value = _typed(spec, self._get(f"{T}in-{spec.name}"))
            if value is not None:
                inputs[spec.name] = value
        entry: dict[str, Any] = {"inputs": inputs}
        if self.stabilize:
            low, high = _decimal(self.target_low), _decimal(self.target_high)
            if low is not None or high is not None:
                entry["target"] = {"low": low, "high": high}
        else:
            target = _decimal(self.target)
            if target is not None:
                entry["target"] = target
        return {"periods": {self.period: entry}}

    def field_label(self, problem: Problem) -> str:
        """The form label of the field an input problem names (table › row › column)."""
        table, _sep, column = problem.field.partition(".")
        spec = next((s for s in self.definition.inputs if s.name == table), None)
        if spec is None:
            return str(_("Target")) if problem.field == "target" else problem.field
        label = _label(spec)
        row = _("row %(number)s") % {"number": problem.row}
        if column:
            col = next((c for c in spec.columns if c.name == column), None)
            return " › ".join([label, row, _label(col) if col else column])
        return f"{label} › {row}" if problem.row else label


def _shape(spec: InputSpec) -> list[Any]:
    return [
        spec.name,
        spec.type,
        spec.label_id,
        spec.label_en,
        spec.unit,
        str(spec.min),
        str(spec.max),
        [o.value for o in spec.options],
        [_shape(col) for col in spec.columns],
    ]
