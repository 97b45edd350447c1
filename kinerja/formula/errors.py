"""Problem records and the engine's own exception classes.

Everything the engine refuses is reported as a :class:`Problem` (machine code, Indonesian and
English message, position) wrapped in a :class:`FormulaError` subclass, so callers need to catch
exactly one exception family, whatever a planner typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from kinerja.formula.messages import render

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: a static problem, an evaluation error or an input error.

    ``line``/``column`` are 1-based positions in the formula text (0 when not about the text);
    ``where`` is a path into the definition dict for problems of the definition itself;
    ``indicator``/``period``/``field``/``row`` locate input errors.
    """

    code: str
    message_id: str
    message_en: str
    line: int = 0
    column: int = 0
    severity: Severity = "error"
    where: str = ""
    indicator: str = ""
    period: str = ""
    field: str = ""
    row: int = 0

    @classmethod
    def make(
        cls,
        code: str,
        line: int = 0,
        column: int = 0,
        /,
        *,
        severity: Severity = "error",
        where: str = "",
        indicator: str = "",
        period: str = "",
        field: str = "",
        row: int = 0,
        **params: object,
    ) -> Problem:
        """Render the bilingual message of ``code`` with ``params`` (and the location fields)."""
        return cls.build(
            code,
            params,
            line=line,
            column=column,
            severity=severity,
            where=where,
            indicator=indicator,
            period=period,
            field=field,
            row=row,
        )

    @classmethod
    def build(
        cls,
        code: str,
        params: Mapping[str, object],
        *,
        line: int = 0,
        column: int = 0,
        severity: Severity = "error",
        where: str = "",
        indicator: str = "",
        period: str = "",
        field: str = "",
        row: int = 0,
    ) -> Problem:
        """Like :meth:`make`, with the message parameters as a mapping."""
        context: dict[str, object] = {
            "indicator": indicator,
            "period": period,
            "field": field,
            "row": row,
            "where": where,
        }
        context.update(params)
        message_id, message_en = render(code, context)
        return cls(
            code,
            message_id,
            message_en,
            line,
            column,
            severity,
            where,
            indicator,
            period,
            field,
            row,
        )

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form, for API responses and report cells."""
        data: dict[str, object] = {
            "code": self.code,
            "severity": self.severity,
            "message_id": self.message_id,
            "message_en": self.message_en,
        }
        if self.line:
            data["line"] = self.line
            data["column"] = self.column
        for key in ("where", "indicator", "period", "field"):
            value = getattr(self, key)
            if value:
                data[key] = value
        if self.row:
            data["row"] = self.row
        return data

    def __str__(self) -> str:
        pos = f"{self.line}:{self.column}: " if self.line else ""
        return f"{pos}[{self.code}] {self.message_id} / {self.message_en}"


class FormulaError(Exception):
    """Base of every exception the engine raises on purpose."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = (problems,)
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:  # pragma: no cover - defensive
            self.problems = (Problem("unknown", "Galat.", "Error."),)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def problem(self) -> Problem:
        return self.problems[0]

    @property
    def code(self) -> str:
        return self.problems[0].code

    @property
    def message_id(self) -> str:
        return self.problems[0].message_id

    @property
    def message_en(self) -> str:
        return self.problems[0].message_en


class FormulaCheckError(FormulaError):
    """The formula text (or a definition) has static errors; ``problems`` lists all of them."""


class EvaluationError(FormulaError):
    """Evaluation failed (division by zero, missing input, step limit, ...): a cell-level error."""


class InputError(FormulaError):
    """Input for a period is refused; each problem names indicator, period, field and row."""


class DefinitionError(FormulaCheckError):
    """An indicator definition has errors and cannot compute."""
