"""The proposal matrix as an Excel workbook: a template to fill offline, and its reading back.

Columns are read by position, not by header text, so a template downloaded in English reads the
same as one in Indonesian. Every refused cell is reported (sheet, row, column and why), and the
import saves nothing unless every row is accepted.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja.catalog.models import IndicatorKind, TargetAspect
from kinerja.core.exports import neutralise, restore
from kinerja.performance.excel import XLSX_CONTENT_TYPE, check_file
from kinerja.planning.periods import QUARTERS
from kinerja.workflows.models import ServiceRequest

from .models import Polarity
from .services import proposal_clean

__all__ = ["XLSX_CONTENT_TYPE", "matrix_parse", "matrix_template"]

SHEET: Final = "Matriks"
MAX_ROWS: Final = 500
FIRST_ROW: Final = 3  # row 1: headers, row 2: the example


@dataclass(frozen=True)
class Column:
    field: str
    label: Any
    width: int
    quarter: str = ""

    @property
    def header(self) -> str:
        return str(self.label) % {"quarter": self.quarter} if self.quarter else str(self.label)


COLUMNS: Final = (
    Column("no", gettext_lazy("No."), 6),
    Column("sasaran", gettext_lazy("Objective (sasaran)"), 36),
    Column("kind", gettext_lazy("Kind (IKU/IK)"), 12),
    Column("name", gettext_lazy("Proposed indicator"), 40),
    Column("definition", gettext_lazy("Definition"), 40),
    Column("formula", gettext_lazy("Formula"), 36),
    Column("measure_unit", gettext_lazy("Unit of measure (satuan)"), 14),
    Column("target", gettext_lazy("Annual target"), 12),
    *(Column(f"target_{q}", gettext_lazy("Target %(quarter)s"), 11, quarter=q) for q in QUARTERS),
    Column("polarity", gettext_lazy("Polarity"), 22),
    Column("target_aspect", gettext_lazy("Target aspect"), 14),
)
LETTER: Final = {column.field: get_column_letter(index) for index, column in enumerate(COLUMNS, start=1)}
HEADER: Final = {column.field: column for column in COLUMNS}


def _labels(choices: Any) -> dict[str, str]:
    """Every way a choice may be typed (its value, and its label in each language) → the value."""
    aliases: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices.choices:
                aliases[str(label).casefold()] = value
    for value in choices.values:
        aliases[value.casefold()] = value
    return aliases


def _example() -> dict[str, Any]:
    return {
        "no": _("Example"),
        "sasaran": _("Increased compliance of fishing businesses"),
        "kind": IndicatorKind.IKU,
        "name": _("Percentage of fishing vessels inspected that comply"),
        "definition": _("Share of the vessels inspected in the year that were found compliant."),
        "formula": _("compliant vessels / vessels inspected × 100%"),
        "measure_unit": "%",
        "target": 85,
        "target_TW1": 80,
        "target_TW2": 82,
        "target_TW3": 84,
        "target_TW4": 85,
        "polarity": str(Polarity.MAXIMIZE.label),
        "target_aspect": str(TargetAspect.KUANTITAS.label),
    }


def _row_of(proposal: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "no": proposal.sort_order,
        "sasaran": proposal.sasaran,
        "kind": proposal.kind,
        "name": proposal.name,
        "definition": proposal.definition,
        "formula": proposal.formula,
        "measure_unit": proposal.measure_unit,
        "target": float(proposal.target) if proposal.target is not None else None,
        "polarity": proposal.get_polarity_display(),
        "target_aspect": proposal.get_target_aspect_display() if proposal.target_aspect else "",
    }
    for quarter in QUARTERS:
        value = proposal.quarter_targets.get(quarter)
        row[f"target_{quarter}"] = float(value) if value else None
    return row


def _list(ws: Any, values: list[str], column: str, prompt: str) -> None:
    formula = '"' + ",".join(value.replace(",", " ") for value in values) + '"'
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
    validation.error = prompt
    validation.add(f"{column}2:{column}{MAX_ROWS + FIRST_ROW}")
    ws.add_data_validation(validation)


def matrix_template(request: ServiceRequest | None = None) -> bytes:
    """The template: headers, an example row, then the request's current rows (if any)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DCE6F0")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    example = _example()
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=2, column=index, value=example[column.field])
        cell.font = Font(italic=True, color="777777")
    if request is not None:
        for offset, proposal in enumerate(request.proposals.order_by("sort_order", "pk")):
            values = _row_of(proposal)
            for index, column in enumerate(COLUMNS, start=1):
                ws.cell(row=FIRST_ROW + offset, column=index, value=neutralise(values[column.field]))
    ws.freeze_panes = "B2"
    _list(ws, list(IndicatorKind.values), LETTER["kind"], _("Choose IKU or IK."))
    _list(ws, [str(label) for label in Polarity.labels], LETTER["polarity"], _("Choose from the list."))
    _list(
        ws, [str(label) for label in TargetAspect.labels], LETTER["target_aspect"], _("Choose from the list.")
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- reading it back ----------------------------------------------------------------------------


class _Refused(Exception):
    pass


def _cell_text(cell: Any, *, keep_formula: bool = False) -> Any:
    value = cell.value
    if cell.data_type == "e":
        raise _Refused(_("the cell shows an error (%(error)s); type the value itself") % {"error": value})
    if isinstance(value, str) and value.startswith("=") and not keep_formula:
        raise _Refused(_("formulas are not accepted; type the value itself"))
    value = restore(value)
    if isinstance(value, (datetime, date)):
        raise _Refused(_("a date is not accepted here"))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _choice(aliases: dict[str, str]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if value in (None, ""):
            return ""
        found = aliases.get(str(value).strip().casefold())
        if found is None:
            raise _Refused(_("“%(value)s” is not one of the choices of the list") % {"value": value})
        return found

    return read


def _example_marks() -> set[str]:
    marks = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            marks.add(_("Example").casefold())
    return marks


def matrix_parse(data: bytes) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of a filled template as proposal fields, and every problem found (none: all good)."""
    problem = check_file(data)
    if problem:
        return [], [problem]
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a broken file
        return [], [_("The workbook cannot be read.")]
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    sheet = ws.title
    readers: dict[str, Callable[[Any], Any]] = {
        "kind": _choice({value.casefold(): value for value in IndicatorKind.values}),
        "polarity": _choice(_labels(Polarity)),
        "target_aspect": _choice(_labels(TargetAspect)),
    }
    marks = _example_marks()
    rows: list[dict[str, Any]] = []
    problems: list[str] = []

    def refuse(row: int, field: str, reason: str) -> None:
        problems.append(
            _("Sheet %(sheet)s, row %(row)s, column %(column)s (%(header)s): %(reason)s")
            % {
                "sheet": sheet,
                "row": row,
                "column": LETTER.get(field, "A"),
                "header": HEADER[field].header if field in HEADER else "",
                "reason": reason,
            }
        )

    for row_number, cells in enumerate(ws.iter_rows(min_row=2, max_col=len(COLUMNS)), start=2):
        raw: dict[str, Any] = {}
        for column, cell in zip(COLUMNS, cells, strict=False):
            try:
                raw[column.field] = _cell_text(cell, keep_formula=column.field == "formula")
            except _Refused as refused:
                refuse(row_number, column.field, str(refused))
                raw[column.field] = None
        if all(value in (None, "") for value in raw.values()):
            continue
        if str(raw.get("no") or "").casefold() in marks:
            continue
        if len(rows) >= MAX_ROWS:
            refuse(row_number, "no", _("a matrix has at most %(limit)s rows") % {"limit": MAX_ROWS})
            break
        values: dict[str, Any] = {}
        refused_here = False
        for field, read in readers.items():
            try:
                values[field] = read(raw.get(field))
            except _Refused as refused:
                refuse(row_number, field, str(refused))
                refused_here = True
        values.update(
            {
                field: raw.get(field)
                for field in ("sasaran", "name", "definition", "formula", "measure_unit", "target")
            }
        )
        values["quarter_targets"] = {
            q: raw.get(f"target_{q}") for q in QUARTERS if raw.get(f"target_{q}") not in (None, "")
        }
        # Each field on its own, so every refused cell of the row is reported, not only the first.
        for field in (
            "sasaran",
            "kind",
            "name",
            "definition",
            "formula",
            "measure_unit",
            "target",
            "polarity",
            "target_aspect",
        ):
            try:
                proposal_clean({"sasaran": "-", "name": "-", field: values.get(field)})
            except ValidationError as exc:
                for message in exc.message_dict.get(field, exc.messages):
                    refuse(row_number, field, message)
                refused_here = True
        for quarter, value in values["quarter_targets"].items():
            try:
                proposal_clean({"sasaran": "-", "name": "-", "quarter_targets": {quarter: value}})
            except ValidationError as exc:
                for message in exc.messages:
                    refuse(row_number, f"target_{quarter}", message)
                refused_here = True
        if not refused_here:
            rows.append(proposal_clean(values))
    wb.close()
    return rows, problems
