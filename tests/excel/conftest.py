import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from kinerja.planning import services as planning_services
from kinerja.planning.models import Agreement, AgreementIndicator, AgreementSasaran
from tests.formula.helpers import WORKED_VESSEL as RESULTS_VESSEL

YEAR = 2026
IN_TW1 = datetime.date(2026, 2, 10)
IN_TW2 = datetime.date(2026, 5, 10)

# The worked example of docs (one vessel, TW1: 87.67), shared with the results tests.
VESSEL = RESULTS_VESSEL

PK_CODES = ("IK-02", "IK-04", "IK-09", "IK-13", "IK-15")


@pytest.fixture
def plan(actors, catalog, org):
    """An open 2026 with Tarakan's PK holding a table indicator (IK-02), scalar ones with integers
    (IK-09, IK-13), booleans (IK-04) and a semester table with choices (IK-15)."""
    planning_year = planning_services.year_create(actor=actors["planner"], year=YEAR)
    planning_services.year_open(
        actor=actors["planner"], planning_year=planning_year, expected_version=planning_year.row_version
    )
    unit = org["PSDKP-TARAKAN"]
    agreement = Agreement.objects.create(unit=unit, year=YEAR)
    indicators = {code: catalog[("PSDKP-TARAKAN", code)] for code in PK_CODES}
    rows = {}
    for indicator in indicators.values():
        if indicator.sasaran_id not in rows:
            rows[indicator.sasaran_id] = AgreementSasaran.objects.create(
                agreement=agreement, sasaran=indicator.sasaran
            )
        AgreementIndicator.objects.create(
            agreement=agreement,
            sasaran_row=rows[indicator.sasaran_id],
            indicator=indicator,
            target=Decimal(80),
            period_targets={"TW1": "80", "TW2": "80", "S1": "80"},
        )
    return {"unit": unit, **indicators}


def open_workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def save(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def header_columns(ws, header_row: int) -> dict[str, str]:
    """Header text -> column letter of one header row."""
    return {str(cell.value): cell.column_letter for cell in ws[header_row] if cell.value is not None}


def scalar_row(ws, code: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == code:
            return row[0].row
    raise AssertionError(f"{code} not on the sheet")
