"""Excel round trip of a unit-quarter's realisation: a template to fill offline, read back cell by cell.

Only the cells a unit fills are read back. Titles, the stored values shown for information and any
formula are never trusted: a value is always recomputed by the engine from the input cells. A
hidden marker on the cover sheet names the unit, year and quarter and, per indicator, the formula
version and the row version the template was built from, so a file for another quarter, or one
built on a formula that has changed since, is refused instead of being read with the wrong columns.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Final

from django.core.exceptions import PermissionDenied
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.accounts.access import Action, can
from kinerja.catalog.models import Indicator
from kinerja.core.exports import neutralise, restore
from kinerja.formula import InputError, InputSpec, Problem
from kinerja.organization.models import OrgUnit

from . import selectors, uploads
from .models import Realisation, RealisationState

MARKER_PREFIX: Final = "kinerja-realisation-template:"
MARKER_FORMAT: Final = 1
MARKER_ROW: Final = 60
COVER: Final = "Petunjuk"
SCALARS: Final = "Isian"
#: Table sheets: title rows, then the header row, then one row per item.
TABLE_HEADER_ROW: Final = 5
TABLE_FIRST_ROW: Final = TABLE_HEADER_ROW + 1
#: Empty rows offered below the existing ones (more can be added once the sheet is unprotected).
TABLE_BLANK_ROWS: Final = 30
#: Scalar sheet: code, name and period, then the inputs.
FIRST_INPUT_COLUMN: Final = 4
#: A compressed workbook larger than this when unpacked is not opened (zip bombs).
MAX_UNPACKED_BYTES: Final = 100 * 1024 * 1024
XLSX_CONTENT_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

YES: Final = frozenset({"ya", "yes", "y", "true", "benar"})
NO: Final = frozenset({"tidak", "no", "n", "false", "salah"})
_TEXT_NUMBER: Final = re.compile(r"-?\d+([.,]\d+)?\Z")
_THOUSANDS: Final = re.compile(r"-?\d{1,3}[.,]\d{3}\Z")
_UNSAFE_SHEET_CHARS: Final = re.compile(r"[^A-Za-z0-9 _.\-]")

_INPUT_FILL: Final = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL: Final = PatternFill("solid", fgColor="D9E2F3")
_INFO_FILL: Final = PatternFill("solid", fgColor="EDEDED")
_THIN: Final = Side(style="thin", color="A6A6A6")
_BORDER: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNLOCKED: Final = Protection(locked=False)
_WRAP: Final = Alignment(wrap_text=True, vertical="top")


# --- what the quarter asks for ------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    """One indicator-period of the quarter as the workbook lays it out."""

    row: selectors.EntryRow
    scalars: tuple[InputSpec, ...]
    tables: tuple[InputSpec, ...]
    sheets: dict[str, str]  # table input name -> sheet name

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    @property
    def label(self) -> str:
        return f"{self.row.indicator.code} {self.row.period}"

    @property
    def version_id(self) -> int:
        assert self.row.definition is not None
        return self.row.definition.version.pk


def sheet_name(code: str, table: str, taken: set[str]) -> str:
    """A safe, unique sheet name such as "IK-02 kapal" (Excel allows 31 characters)."""
    base = _UNSAFE_SHEET_CHARS.sub("_", f"{code} {table}").strip(" '")[:31] or "Tabel"
    name, n = base, 2
    while name.casefold() in taken or name.casefold() in {COVER.casefold(), SCALARS.casefold()}:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def quarter_items(*, unit: OrgUnit, year: int, quarter: str) -> list[Item]:
    """The PK indicators entered in the quarter (not those that do not apply yet), in code order."""
    items: list[Item] = []
    taken: set[str] = set()
    for row in selectors.quarter_rows(unit=unit, year=year, quarter=quarter):
        if not row.applicable or row.definition is None:
            continue
        specs = row.definition.definition.inputs
        tables = tuple(s for s in specs if s.type == "table")
        sheets = {t.name: sheet_name(row.indicator.code, t.name, taken) for t in tables}
        items.append(Item(row, tuple(s for s in specs if s.type != "table"), tables, sheets))
    return items


# --- headers: shown in the workbook's language, read back in either -------------------------------
def _indonesian() -> bool:
    return (get_language() or "id").startswith("id")


def _label(spec: InputSpec, indonesian: bool) -> str:
    label = spec.label_id if indonesian else spec.label_en
    return f"{label} ({spec.unit})" if spec.unit else label


def _normal(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def headers(specs: Iterable[InputSpec], indonesian: bool) -> dict[str, str]:
    """The header of each input; two inputs with the same label get their names added."""
    specs = list(specs)
    plain = {s.name: _label(s, indonesian) for s in specs}
    counts: dict[str, int] = {}
    for text in plain.values():
        counts[_normal(text)] = counts.get(_normal(text), 0) + 1
    return {name: (f"{text} [{name}]" if counts[_normal(text)] > 1 else text) for name, text in plain.items()}


def header_lookup(specs: Iterable[InputSpec]) -> dict[str, str]:
    """Header text (normalised) -> input name, for headers written in Indonesian or English, or the
    bare input name. A text that could mean two inputs is left out."""
    specs = list(specs)
    found: dict[str, set[str]] = {}
    for indonesian in (True, False):
        for name, text in headers(specs, indonesian).items():
            found.setdefault(_normal(text), set()).add(name)
    for spec in specs:
        found.setdefault(_normal(spec.name), set()).add(spec.name)
    return {text: next(iter(names)) for text, names in found.items() if len(names) == 1}


# --- building the template ----------------------------------------------------------------------
def _cell_value(spec: InputSpec, value: Any) -> Any:
    """A stored input as the workbook shows it."""
    if value is None:
        return None
    if spec.type == "boolean":
        return "Ya" if value is True else "Tidak" if value is False else str(value)
    if spec.type in ("number", "integer") and isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


def _input_cell(ws: Worksheet, row: int, column: int, spec: InputSpec, value: Any) -> Cell:
    cell = ws.cell(row=row, column=column, value=neutralise(_cell_value(spec, value)))
    cell.protection = _UNLOCKED
    cell.fill = _INPUT_FILL
    cell.border = _BORDER
    if spec.type == "integer":
        cell.number_format = "0"
    elif spec.type == "text":
        cell.number_format = "@"
    return cell


def _header_cell(ws: Worksheet, row: int, column: int, text: str) -> None:
    cell = ws.cell(row=row, column=column, value=neutralise(text))
    cell.font = Font(bold=True)
    cell.fill = _HEADER_FILL
    cell.border = _BORDER
    cell.alignment = _WRAP


def _info_cell(ws: Worksheet, row: int, column: int, value: Any) -> None:
    cell = ws.cell(row=row, column=column, value=value)
    cell.fill = _INFO_FILL
    cell.font = Font(italic=True, color="595959")
    cell.border = _BORDER


class _Validations:
    """One data validation per kind of input and sheet, so a sheet carries a handful, not one per cell."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.by_key: dict[tuple[Any, ...], DataValidation] = {}

    def _get(self, key: tuple[Any, ...], **options: Any) -> DataValidation:
        if key not in self.by_key:
            dv = DataValidation(allow_blank=True, showErrorMessage=True, **options)
            self.ws.add_data_validation(dv)
            self.by_key[key] = dv
        return self.by_key[key]

    def add(self, spec: InputSpec, cells: str) -> None:
        if spec.type == "boolean":
            dv = self._get(
                ("bool",),
                type="list",
                formula1='"Ya,Tidak"',
                errorTitle=_("Yes or no"),
                error=_("Choose Ya or Tidak."),
            )
        elif spec.type == "choice":
            values = [o.value for o in spec.options]
            listed = ",".join(values)
            if any("," in v or '"' in v for v in values) or len(listed) > 250:
                return  # Excel cannot list these; the upload still checks them
            dv = self._get(
                ("choice", listed),
                type="list",
                formula1=f'"{listed}"',
                errorTitle=_("Choice"),
                error=_("Choose one of: %(options)s") % {"options": ", ".join(values)},
            )
        elif spec.type in ("number", "integer") and (spec.min is not None or spec.max is not None):
            kind = "whole" if spec.type == "integer" else "decimal"
            if spec.min is not None and spec.max is not None:
                bounds: dict[str, Any] = {
                    "operator": "between",
                    "formula1": str(spec.min),
                    "formula2": str(spec.max),
                }
            elif spec.min is not None:
                bounds = {"operator": "greaterThanOrEqual", "formula1": str(spec.min)}
            else:
                bounds = {"operator": "lessThanOrEqual", "formula1": str(spec.max)}
            dv = self._get(
                (kind, spec.min, spec.max),
                type=kind,
                errorTitle=_("Number"),
                error=_("Type a number between %(min)s and %(max)s.")
                % {
                    "min": "…" if spec.min is None else spec.min,
                    "max": "…" if spec.max is None else spec.max,
                },
                **bounds,
            )
        else:
            return
        dv.add(cells)


def _protect(ws: Worksheet) -> None:
    """Locked without a password: it guards against slips, not against the user (the upload does that)."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _stored(realisation: Realisation | None) -> Any:
    if realisation is None or realisation.state == RealisationState.EMPTY:
        return ""
    if realisation.state == RealisationState.NOT_COMPUTABLE:
        return _("cannot be calculated: %(reason)s") % {"reason": realisation.reason}
    return realisation.value


def _build_scalars(ws: Worksheet, items: list[Item], indonesian: bool) -> None:
    ws["A1"] = _("Inputs of the indicators without a table")
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = _("Fill the yellow cells only. The grey column shows the stored value for information.")
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 45
    ws.column_dimensions["C"].width = 9
    validations = _Validations(ws)
    row = 4
    widest = FIRST_INPUT_COLUMN
    shown = [item for item in items if item.scalars]
    if not shown:
        ws.cell(row=row, column=1, value=_("No indicator of this quarter has inputs outside a table."))
    for item in shown:
        _header_cell(ws, row, 1, _("Code"))
        _header_cell(ws, row, 2, _("Indicator"))
        _header_cell(ws, row, 3, _("Period"))
        titles = headers(item.scalars, indonesian)
        inputs = (item.row.realisation.inputs if item.row.realisation else None) or {}
        for offset, spec in enumerate(item.scalars):
            column = FIRST_INPUT_COLUMN + offset
            _header_cell(ws, row, column, titles[spec.name])
            cell = _input_cell(ws, row + 1, column, spec, inputs.get(spec.name))
            validations.add(spec, cell.coordinate)
        info_column = FIRST_INPUT_COLUMN + len(item.scalars)
        _header_cell(ws, row, info_column, _("Stored value (information only, not read back)"))
        _info_cell(ws, row + 1, info_column, _stored(item.row.realisation))
        widest = max(widest, info_column)
        for column, value in ((1, item.indicator.code), (2, item.indicator.name), (3, item.row.period)):
            cell = ws.cell(row=row + 1, column=column, value=neutralise(value))
            cell.border = _BORDER
            cell.alignment = _WRAP
        ws.row_dimensions[row].height = 45
        row += 3
    for column in range(FIRST_INPUT_COLUMN, widest + 1):
        ws.column_dimensions[get_column_letter(column)].width = 18
    ws.freeze_panes = "D1"
    _protect(ws)


def _build_table(wb: Workbook, item: Item, spec: InputSpec, indonesian: bool) -> None:
    ws = wb.create_sheet(item.sheets[spec.name])
    ws["A1"] = neutralise(f"{item.indicator.code} {item.indicator.name}")
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = _("Period %(period)s · table “%(table)s”: one row per item; empty rows are skipped.") % {
        "period": item.row.period,
        "table": spec.label_id if indonesian else spec.label_en,
    }
    ws["A3"] = _("Stored value of the indicator (information only, not read back):")
    _info_cell(ws, 3, 4, _stored(item.row.realisation))
    columns = spec.columns
    titles = headers(columns, indonesian)
    _header_cell(ws, TABLE_HEADER_ROW, 1, _("No."))
    for offset, column in enumerate(columns, start=2):
        _header_cell(ws, TABLE_HEADER_ROW, offset, titles[column.name])
        ws.column_dimensions[get_column_letter(offset)].width = 16
    ws.column_dimensions["A"].width = 6
    ws.row_dimensions[TABLE_HEADER_ROW].height = 60
    stored = (item.row.realisation.inputs if item.row.realisation else None) or {}
    rows = stored.get(spec.name) or []
    count = min(max(len(rows) + TABLE_BLANK_ROWS, TABLE_BLANK_ROWS), max(spec.max_rows, len(rows)))
    last = TABLE_FIRST_ROW + count - 1
    for index in range(count):
        row = TABLE_FIRST_ROW + index
        ws.cell(row=row, column=1, value=index + 1).border = _BORDER
        values = rows[index] if index < len(rows) and isinstance(rows[index], dict) else {}
        for offset, column in enumerate(columns, start=2):
            _input_cell(ws, row, offset, column, values.get(column.name))
    validations = _Validations(ws)
    if count:
        for offset, column in enumerate(columns, start=2):
            letter = get_column_letter(offset)
            validations.add(column, f"{letter}{TABLE_FIRST_ROW}:{letter}{last}")
    ws.freeze_panes = ws.cell(row=TABLE_FIRST_ROW, column=2).coordinate
    _protect(ws)


def _build_cover(
    ws: Worksheet, *, unit: OrgUnit, year: int, quarter: str, user: Any, items: list[Item]
) -> None:
    ws["A1"] = _("Realisation template")
    ws["A1"].font = Font(bold=True, size=14)
    facts = [
        (_("Unit"), f"{unit.code} — {unit.name}"),
        (_("Year"), year),
        (_("Quarter"), quarter),
        (_("Downloaded"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (_("By"), getattr(user, "full_name", "") or getattr(user, "username", "")),
    ]
    for offset, (label, value) in enumerate(facts, start=3):
        ws.cell(row=offset, column=1, value=label).font = Font(bold=True)
        ws.cell(row=offset, column=2, value=neutralise(value))
    instructions = [
        _("Fill only the yellow cells. Every other cell is locked and is not read back."),
        _("Yes/no cells take Ya or Tidak; choice cells take one of the listed options."),
        _("Type values, not formulas: a cell holding a formula is refused."),
        _(
            "A table sheet takes one row per item (vessel, inspection, employee, …); empty rows are "
            "skipped. To add more rows than the sheet offers, unprotect the sheet (there is no "
            "password) and continue below the last row."
        ),
        _(
            "An indicator whose cells are all empty is left as it is in Kinerja. To clear a value, "
            "use the quarter's entry page."
        ),
        _("Stored values are shown for information only: Kinerja recomputes every value."),
        _(
            "Upload the whole file on the quarter's Excel page. If any cell is wrong, nothing is "
            "saved and every wrong cell is listed with its sheet, row and column."
        ),
        _("Do not rename the sheets or change the header rows."),
    ]
    ws.cell(row=9, column=1, value=_("How to fill this workbook")).font = Font(bold=True)
    for offset, text in enumerate(instructions, start=10):
        ws.cell(row=offset, column=1, value=f"{offset - 9}.")
        ws.cell(row=offset, column=2, value=text).alignment = Alignment(wrap_text=True)
    row = 11 + len(instructions)
    ws.cell(row=row, column=1, value=_("Indicators in this workbook")).font = Font(bold=True)
    for item in items:
        row += 1
        where = [SCALARS] if item.scalars else []
        where += [item.sheets[t.name] for t in item.tables]
        ws.cell(row=row, column=1, value=neutralise(item.label))
        ws.cell(row=row, column=2, value=neutralise(f"{item.indicator.name} — {', '.join(where)}"))
    if not items:
        ws.cell(row=row + 1, column=2, value=_("This unit has no PK indicator to enter in this quarter."))
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 100
    marker = {
        "format": MARKER_FORMAT,
        "unit": unit.code,
        "year": year,
        "quarter": quarter,
        "entries": [
            {
                "indicator": item.indicator.code,
                "period": item.row.period,
                "version": item.version_id,
                "row_version": item.row.realisation.row_version if item.row.realisation else 0,
                "sheets": item.sheets,
            }
            for item in items
        ],
    }
    row = max(MARKER_ROW, row + 2)
    ws.cell(row=row, column=1, value=MARKER_PREFIX + json.dumps(marker, separators=(",", ":")))
    ws.row_dimensions[row].hidden = True
    _protect(ws)


def template_build(*, unit: OrgUnit, year: int, quarter: str, user: Any) -> bytes:
    """The workbook of the unit's quarter, prefilled with the inputs entered so far."""
    if not can(user, Action.VIEW, unit):
        raise PermissionDenied
    indonesian = _indonesian()
    items = quarter_items(unit=unit, year=year, quarter=quarter)
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = COVER
    _build_cover(cover, unit=unit, year=year, quarter=quarter, user=user, items=items)
    _build_scalars(wb.create_sheet(SCALARS), items, indonesian)
    for item in items:
        for spec in item.tables:
            _build_table(wb, item, spec, indonesian)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- reading it back ----------------------------------------------------------------------------
@dataclass(frozen=True)
class CellProblem:
    """One refused cell (or the whole file when `sheet` is empty)."""

    sheet: str
    row: int | None
    column: str
    reason: str
    item: str = ""  # "IK-02 TW1"

    @property
    def cell(self) -> str:
        return f"{self.column}{self.row or ''}"

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.sheet and self.column else self.sheet
        head = " ".join(part for part in (where, self.item) if part)
        return f"{head}: {self.reason}" if head else self.reason


Location = tuple[str, int | None, str]


@dataclass
class CellMap:
    """Where each input of one indicator-period was read, to put the engine's problems on cells."""

    home: Location
    scalars: dict[str, Location] = field(default_factory=dict)
    table_sheets: dict[str, str] = field(default_factory=dict)
    table_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    table_rows: dict[str, list[int]] = field(default_factory=dict)

    def locate(self, problem: Problem) -> Location:
        """The cell of a problem; a rule over several inputs is put on the leftmost of them."""
        found = [
            where for name in problem.field.split(",") if (where := self._locate(name.strip(), problem.row))
        ]
        if not found:
            return self.home
        return min(found, key=lambda w: (w[0], w[1] or 0, len(w[2]), w[2]))

    def _locate(self, name: str, row: int) -> Location | None:
        table, _dot, column = name.partition(".")
        if column and table in self.table_sheets:
            return self._table_cell(table, column, row)
        if name in self.table_sheets:
            return self._table_cell(name, "", row)
        if row:  # a rule on table rows names the table's columns without the table
            for table, columns in self.table_columns.items():
                if name in columns:
                    return self._table_cell(table, name, row)
        return self.scalars.get(name)

    def _table_cell(self, table: str, column: str, row: int) -> Location:
        rows = self.table_rows.get(table, [])
        sheet_row = rows[row - 1] if 0 < row <= len(rows) else TABLE_HEADER_ROW
        return self.table_sheets[table], sheet_row, self.table_columns.get(table, {}).get(column, "")


@dataclass
class ParsedEntry:
    """One indicator-period with cells filled, validated by the engine."""

    item: Item
    inputs: dict[str, Any]
    expected_version: int
    unchanged: bool
    cells: CellMap

    @property
    def realisation(self) -> Realisation | None:
        return self.item.row.realisation


@dataclass
class ParsedImport:
    entries: list[ParsedEntry] = field(default_factory=list)
    untouched: list[str] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Empty:
    """Marker of an empty cell (distinct from a refused one)."""


EMPTY: Final = _Empty()


class CellRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _number_text(text: str) -> Any:
    if _THOUSANDS.match(text):
        raise CellRefused(
            _("“%(text)s” is ambiguous; type the number without a thousands separator.") % {"text": text}
        )
    if _TEXT_NUMBER.match(text):
        number = Decimal(text.replace(",", "."))
        return int(number) if number == number.to_integral_value() else float(number)
    return text  # the engine says it is not a number


def _plain(value: float) -> int | float:
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def read_cell(cell: Any, spec: InputSpec) -> Any:
    """The cell's value as the engine takes it, EMPTY, or CellRefused. Range, whole-number and
    option checks are the engine's, so a message reads the same in the form and in Excel."""
    value = cell.value
    if (
        cell.data_type == "f"
        or isinstance(value, (ArrayFormula, DataTableFormula))
        or (isinstance(value, str) and value.startswith("="))
    ):
        raise CellRefused(_("formulas are not accepted; type the value itself"))
    if cell.data_type == "e":
        raise CellRefused(_("the cell shows an error (%(error)s); type the value itself") % {"error": value})
    value = restore(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return EMPTY
    if isinstance(value, str):
        value = value.strip()
    kind = spec.type
    if kind in ("number", "integer"):
        if isinstance(value, float):
            return _plain(value)
        if isinstance(value, str):
            return _number_text(value)
        if isinstance(value, (datetime, date, time)):
            return value.isoformat()
        return value
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = _normal(value)
        if text in YES:
            return True
        if text in NO:
            return False
        raise CellRefused(_("type Ya or Tidak, not “%(value)s”") % {"value": value})
    text = _text(value)
    if kind == "choice":
        folded = _normal(text)
        for option in spec.options:
            if option.value == text:
                return text
        for option in spec.options:
            if folded in (_normal(option.value), _normal(option.label)):
                return option.value
    return text


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float):
        return str(_plain(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def engine_reason(problem: Problem) -> str:
    """The engine's message without its own location (the sheet, row and column say it better)."""
    message = problem.message_id if _indonesian() else problem.message_en
    if problem.code.startswith("input_") or problem.code == "constraint_failed":
        _head, sep, rest = message.partition(": ")
        if sep and rest:
            return rest
    return message


def _file_problem(reason: str) -> CellProblem:
    return CellProblem("", None, "", reason)


def check_file(data: bytes) -> str | None:
    """Why the bytes cannot be opened as a workbook, or None. Checked by content, not by name."""
    limit = uploads.max_bytes()
    if not data:
        return _("The file is empty.")
    if len(data) > limit:
        return _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
    if uploads.sniff(io.BytesIO(data), "upload.xlsx") != "xlsx":
        return _("This is not an Excel workbook (.xlsx); download the template and fill it in Excel.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return _("The workbook cannot be read.")
    if unpacked > MAX_UNPACKED_BYTES:
        return _("The workbook is too large once unpacked.")
    return None


def read_marker(wb: Workbook) -> dict[str, Any] | None:
    if COVER not in wb.sheetnames:
        return None
    for (value,) in wb[COVER].iter_rows(min_col=1, max_col=1, values_only=True):
        if isinstance(value, str) and value.startswith(MARKER_PREFIX):
            try:
                marker = json.loads(value[len(MARKER_PREFIX) :])
            except ValueError:
                return None
            if (
                isinstance(marker, dict)
                and marker.get("format") == MARKER_FORMAT
                and isinstance(marker.get("entries"), list)
            ):
                return marker
            return None
    return None


class _Reader:
    """Reads one item's cells, gathering every refused cell instead of stopping at the first."""

    def __init__(
        self, wb: Workbook, item: Item, marked: dict[str, Any], scalar_rows: dict[tuple[str, str], int]
    ):
        self.wb = wb
        self.item = item
        self.marked = marked
        self.scalar_rows = scalar_rows
        self.problems: list[CellProblem] = []
        self.refused: set[tuple[str, int]] = set()  # (field, row) already reported
        self.filled = False

    def problem(self, where: Location, reason: str) -> None:
        self.problems.append(CellProblem(*where, reason=reason, item=self.item.label))

    def _take(self, cell: Any, spec: InputSpec, where: Location, key: tuple[str, int]) -> Any:
        try:
            value = read_cell(cell, spec)
        except CellRefused as refused:
            self.filled = True
            self.refused.add(key)
            self.problem(where, refused.reason)
            return EMPTY
        if value is not EMPTY:
            self.filled = True
        return value

    def read(self) -> tuple[dict[str, Any], CellMap]:
        item = self.item
        raw: dict[str, Any] = {}
        cells = CellMap(home=(SCALARS, None, ""))
        if item.scalars:
            self._read_scalars(raw, cells)
        for spec in item.tables:
            self._read_table(spec, raw, cells)
        return raw, cells

    def _columns(
        self, ws: Worksheet, header_row: int, specs: tuple[InputSpec, ...], first: int
    ) -> dict[str, int]:
        lookup = header_lookup(specs)
        columns: dict[str, int] = {}
        for cell in next(ws.iter_rows(min_row=header_row, max_row=header_row, min_col=first), ()):
            if cell.value is None:
                continue
            name = lookup.get(_normal(cell.value))
            if name is not None and name not in columns:
                columns[name] = cell.column
        for spec in specs:
            if spec.name not in columns:
                self.problem(
                    (ws.title, header_row, ""),
                    _("the column “%(name)s” is missing from the header row; download a new template")
                    % {"name": headers([spec], _indonesian())[spec.name]},
                )
        return columns

    def _read_scalars(self, raw: dict[str, Any], cells: CellMap) -> None:
        item = self.item
        row = self.scalar_rows.get((item.indicator.code, item.row.period))
        if SCALARS not in self.wb.sheetnames or row is None or row <= 1:
            self.problem(
                (SCALARS, None, ""), _("the row of this indicator is missing; download a new template")
            )
            return
        ws = self.wb[SCALARS]
        cells.home = (SCALARS, row, "")
        columns = self._columns(ws, row - 1, item.scalars, FIRST_INPUT_COLUMN)
        for spec in item.scalars:
            column = columns.get(spec.name)
            if column is None:
                continue
            where = (SCALARS, row, get_column_letter(column))
            cells.scalars[spec.name] = where
            value = self._take(ws.cell(row=row, column=column), spec, where, (spec.name, 0))
            if value is not EMPTY:
                raw[spec.name] = value

    def _read_table(self, spec: InputSpec, raw: dict[str, Any], cells: CellMap) -> None:
        name = self.marked.get("sheets", {}).get(spec.name)
        if not isinstance(name, str) or name not in self.wb.sheetnames:
            self.problem(
                (self.item.sheets[spec.name], None, ""),
                _("the sheet of table “%(table)s” is missing; download a new template")
                % {"table": spec.name},
            )
            return
        ws = self.wb[name]
        cells.table_sheets[spec.name] = name
        if not self.item.scalars:
            cells.home = (name, TABLE_HEADER_ROW, "")
        columns = self._columns(ws, TABLE_HEADER_ROW, spec.columns, 1)
        cells.table_columns[spec.name] = {n: get_column_letter(c) for n, c in columns.items()}
        rows: list[dict[str, Any]] = []
        sheet_rows: list[int] = []
        by_column = [(c, columns[c.name]) for c in spec.columns if c.name in columns]
        for row_cells in ws.iter_rows(min_row=TABLE_FIRST_ROW):
            values: dict[str, Any] = {}
            index = len(rows) + 1
            for column, position in by_column:
                cell = row_cells[position - 1] if position - 1 < len(row_cells) else None
                if cell is None:
                    continue
                where = (name, cell.row, get_column_letter(position))
                value = self._take(cell, column, where, (f"{spec.name}.{column.name}", index))
                if value is not EMPTY:
                    values[column.name] = value
            number = row_cells[0].row if row_cells else 0
            if values or any((f"{spec.name}.{c.name}", index) in self.refused for c, _p in by_column):
                rows.append(values)
                sheet_rows.append(number)
        cells.table_rows[spec.name] = sheet_rows
        if rows:
            raw[spec.name] = rows


def _scalar_rows(wb: Workbook) -> dict[tuple[str, str], int]:
    """(code, period) -> the row of the Isian sheet that holds its values."""
    if SCALARS not in wb.sheetnames:
        return {}
    found: dict[tuple[str, str], int] = {}
    for index, (code, _name, period) in enumerate(
        wb[SCALARS].iter_rows(min_col=1, max_col=3, values_only=True), start=1
    ):
        if isinstance(code, str) and isinstance(period, str):
            found.setdefault((code.strip(), period.strip()), index)
    return found


def _same_inputs(item: Item, typed: dict[str, Any]) -> bool:
    """Whether the typed inputs equal those stored (so saving would change nothing)."""
    realisation = item.row.realisation
    if realisation is None or realisation.inputs is None or item.row.definition is None:
        return False
    try:
        stored = item.row.definition.definition.validate_inputs(item.row.period, realisation.inputs)
    except InputError:
        return False
    return stored == typed


def workbook_parse(*, data: bytes, unit: OrgUnit, year: int, quarter: str) -> ParsedImport:
    """Every input cell of the workbook, typed and validated by the engine, or every problem found.

    Refuses a file that is not an xlsx (by content), is too large, or was built for another unit,
    year or quarter. Reads input cells only, by their header names; formulas are refused.
    """
    parsed = ParsedImport()
    reason = check_file(data)
    if reason is not None:
        parsed.problems.append(_file_problem(reason))
        return parsed
    try:
        wb = load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file; each means "unreadable"
        parsed.problems.append(_file_problem(_("The workbook cannot be read.")))
        return parsed
    marker = read_marker(wb)
    if marker is None:
        parsed.problems.append(
            _file_problem(
                _(
                    "This workbook is not a Kinerja realisation template; "
                    "download the template and fill it in."
                )
            )
        )
        return parsed
    if (marker.get("unit"), marker.get("year"), marker.get("quarter")) != (unit.code, year, quarter):
        parsed.problems.append(
            _file_problem(
                _(
                    "This workbook is for %(unit)s %(quarter)s %(year)s, "
                    "not %(want_unit)s %(want_quarter)s %(want_year)s."
                )
                % {
                    "unit": marker.get("unit"),
                    "quarter": marker.get("quarter"),
                    "year": marker.get("year"),
                    "want_unit": unit.code,
                    "want_quarter": quarter,
                    "want_year": year,
                }
            )
        )
        return parsed
    items = {
        (i.indicator.code, i.row.period): i for i in quarter_items(unit=unit, year=year, quarter=quarter)
    }
    scalar_rows = _scalar_rows(wb)
    for marked in marker["entries"]:
        if not isinstance(marked, dict):
            continue
        key = (marked.get("indicator"), marked.get("period"))
        item = items.get(key)  # type: ignore[arg-type]
        if item is None:
            parsed.problems.append(
                CellProblem(
                    "",
                    None,
                    "",
                    _("%(item)s is no longer entered in this quarter; download a new template.")
                    % {"item": " ".join(str(k) for k in key)},
                )
            )
            continue
        _parse_item(parsed, wb, item, marked, scalar_rows)
    return parsed


def _parse_item(
    parsed: ParsedImport,
    wb: Workbook,
    item: Item,
    marked: dict[str, Any],
    scalar_rows: dict[tuple[str, str], int],
) -> None:
    reader = _Reader(wb, item, marked, scalar_rows)
    raw, cells = reader.read()
    if not reader.filled:
        parsed.problems.extend(reader.problems)  # a damaged layout is reported even when empty
        parsed.untouched.append(item.label)
        return
    parsed.problems.extend(reader.problems)
    if marked.get("version") != item.version_id:
        parsed.problems.append(
            CellProblem(
                *cells.home,
                reason=_(
                    "the formula of this indicator changed after the template was downloaded; "
                    "download a new template"
                ),
                item=item.label,
            )
        )
        return
    assert item.row.definition is not None
    definition = item.row.definition.definition
    try:
        typed = definition.validate_inputs(item.row.period, raw)
    except InputError as exc:
        for problem in exc.problems:
            where = cells.locate(problem)
            key = (problem.field, problem.row)
            if key in reader.refused or (problem.field, 0) in reader.refused:
                continue  # already reported as the cell itself
            parsed.problems.append(CellProblem(*where, reason=engine_reason(problem), item=item.label))
        return
    if reader.problems:
        return
    version = marked.get("row_version")
    parsed.entries.append(
        ParsedEntry(
            item=item,
            inputs=raw,
            expected_version=version if isinstance(version, int) and not isinstance(version, bool) else 0,
            unchanged=_same_inputs(item, typed),
            cells=cells,
        )
    )
