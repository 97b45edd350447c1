"""Every table view's Excel and PDF export, from the rows the page itself renders.

A view builds one `Table` from the same selector rows it shows and hands it to `export_response`
when the URL carries `?export=xlsx` or `?export=pdf`; nothing here queries the database, so an
export can never show more than the page (same restriction, same filters).

Text that a person typed may start with `=`, `+`, `-`, `@`…; a spreadsheet would run it as a
formula (OWASP "CSV injection"). Every text cell of every workbook Kinerja writes therefore goes
through `neutralise`, which prefixes such text with a single quote.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kinerja.formula.decimals import round_half_up
from kinerja.formula.indicator import TargetRange

from .pdf import html_to_pdf

CellValue = str | int | Decimal | datetime.date | None
Format = Literal["xlsx", "pdf"]
FORMATS: tuple[Format, ...] = ("xlsx", "pdf")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# OWASP's list, the typographic minus (U+2212), and the full-width forms some spreadsheet
# programs read as their ASCII twins.
DANGEROUS_LEADS = ("=", "+", "-", "\u2212", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

# The dashboards' precision: achievements, NPSS and NKO are rounded to 2 decimals.
DECIMAL_FORMAT = "0.00"
INTEGER_FORMAT = "0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Above this many columns (or this much text per row) the PDF is printed on landscape A4.
PORTRAIT_MAX_COLUMNS = 5
PORTRAIT_MAX_WIDTH = 90
MAX_COLUMN_WIDTH = 60
# openpyxl refuses the control characters XML 1.0 forbids; a pasted one must not break an export.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: CellValue) -> CellValue:
    """The value as a spreadsheet must store it: text that a spreadsheet would read as a formula
    gets a leading single quote; numbers, dates and None are returned untouched."""
    if isinstance(value, str) and value.startswith(DANGEROUS_LEADS):
        return "'" + value
    return value


def figure(value: Decimal | TargetRange | None) -> CellValue:
    """A target or value as a cell: the number itself, or a stabilize range as "low–high" text
    (a spreadsheet has no range type)."""
    if isinstance(value, TargetRange):
        return f"{value.low}–{value.high}"
    return value


def restore(value: Any) -> Any:
    """Text read back from a workbook Kinerja wrote, without the quote `neutralise` added, so an
    Excel round trip (the realisation and validation templates) gives back what was stored."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(DANGEROUS_LEADS):
        return value[1:]
    return value


@dataclass(frozen=True)
class Column:
    header: str
    # An Excel number format for the column's numbers and dates ("0.00", "0", "0.0%"…);
    # None: chosen by the value's type (2 decimals for a Decimal, a whole number for an int).
    number_format: str | None = None


@dataclass
class Table:
    """What a table view shows: its title, the filters that produced it, its columns and rows."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[CellValue]]
    filters: str = ""  # one line, e.g. "Year 2025 · Eselon I: PSDKP · verified figures"
    filename: str = ""  # the download's name without extension; the title's slug when empty
    exported_at: datetime.datetime = field(default_factory=timezone.now)

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows:
            if len(row) != width:
                raise ValueError(f"row of {len(row)} cells for {width} columns: {row!r}")


def _cell_format(value: CellValue, column: Column) -> str | None:
    if value is None or isinstance(value, str):
        return None
    if column.number_format:
        return column.number_format
    if isinstance(value, datetime.datetime):
        return DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return DATE_FORMAT
    return INTEGER_FORMAT if isinstance(value, int) else DECIMAL_FORMAT


def _naive(value: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: an aware time is written as the site's local time."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _xlsx_value(value: CellValue) -> str | int | Decimal | datetime.date | None:
    if isinstance(value, str):
        return neutralise(_ILLEGAL.sub("", value))
    if isinstance(value, datetime.datetime):
        return _naive(value)
    return value


def _text(value: CellValue, column: Column) -> str:
    """A cell as the PDF prints it, in the active language's number and date formats."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    if isinstance(value, datetime.datetime):
        return formats.date_format(_naive(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    pattern = column.number_format or (INTEGER_FORMAT if isinstance(value, int) else DECIMAL_FORMAT)
    places = len(pattern.split(".", 1)[1].rstrip("%")) if "." in pattern else 0
    shown = round_half_up(Decimal(value) * 100 if pattern.endswith("%") else Decimal(value), places)
    return formats.number_format(shown, decimal_pos=places) + ("%" if pattern.endswith("%") else "")


def table_xlsx(table: Table) -> bytes:
    """The table as a one-sheet workbook: title and filters above a bold, frozen header row;
    numbers and dates stored as such, every text cell neutralised."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = (re.sub(r"[\[\]:*?/\\]", " ", table.title).strip() or "Kinerja")[:31]
    sheet.append([neutralise(table.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    exported = _("Exported from Kinerja on %(time)s") % {
        "time": formats.date_format(_naive(table.exported_at), "DATETIME_FORMAT")
    }
    sheet.append([neutralise(" · ".join(part for part in (table.filters, exported) if part))])
    header_row = 3
    sheet.append([neutralise(column.header) for column in table.columns])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(column.header) for column in table.columns]
    for row in table.rows:
        sheet.append([_xlsx_value(value) for value in row])
        for index, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            number_format = _cell_format(value, column)
            if number_format:
                sheet.cell(row=sheet.max_row, column=index + 1).number_format = number_format
            widths[index] = max(widths[index], len(_text(value, column)))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 6) + 2, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_pdf(table: Table) -> bytes:
    """The table printed on A4 (landscape when wide), its header repeated on every page."""
    texts = [
        [_text(value, column) for value, column in zip(row, table.columns, strict=True)] for row in table.rows
    ]
    numeric = [
        bool(table.rows) and all(row[i] is None or isinstance(row[i], int | Decimal) for row in table.rows)
        for i in range(len(table.columns))
    ]
    longest = [max([len(c.header)] + [len(r[i]) for r in texts]) for i, c in enumerate(table.columns)]
    landscape = (
        len(table.columns) > PORTRAIT_MAX_COLUMNS or sum(min(w, 40) for w in longest) > PORTRAIT_MAX_WIDTH
    )
    html = render_to_string(
        "core/table_print.html",
        {
            "table": table,
            "rows": [list(zip(row, numeric, strict=True)) for row in texts],
            "landscape": landscape,
            "exported_at": _naive(table.exported_at),
        },
    )
    return html_to_pdf(html)


def requested_format(request: HttpRequest) -> Format | None:
    """The export asked for by `?export=`, or None to render the page as usual."""
    asked = request.GET.get("export", "")
    return next((fmt for fmt in FORMATS if fmt == asked), None)


def export_filename(table: Table, fmt: Format) -> str:
    stem = slugify(table.filename or table.title)[:80].strip("-") or "kinerja"
    return f"{stem}-{timezone.localdate(table.exported_at):%Y%m%d}.{fmt}"


def export_response(request: HttpRequest, table: Table, fmt: Format) -> HttpResponse:
    """The download of `table` in `fmt`, with an ASCII-only attachment name."""
    if fmt == "xlsx":
        response = HttpResponse(table_xlsx(table), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(table_pdf(table), content_type="application/pdf")
    disposition = content_disposition_header(as_attachment=True, filename=export_filename(table, fmt))
    assert disposition is not None  # None only for an inline response without a name
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
