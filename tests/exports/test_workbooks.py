"""The workbooks Kinerja already wrote (realisation and validation templates) neutralise what
people typed, and their uploads read it back as it was stored."""

import io

from openpyxl import load_workbook

from kinerja.accounts.models import User
from kinerja.performance import excel
from kinerja.validation.excel import FIRST_ROW, LETTER, SHEET, matrix_parse, matrix_template
from kinerja.validation.models import IndicatorProposal
from kinerja.workflows.models import ServiceRequest
from tests.matrix import validation as validation_matrix

from .conftest import *  # noqa: F403  (the dashboards' data set)

EVIL = "=cmd|' /C calc'!A0"


def cells(data):
    book = load_workbook(io.BytesIO(data))
    return [
        cell for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None
    ]


def test_realisation_template_quotes_names_typed_as_formulas(actors, dataset):
    dataset["ik02"].name = EVIL
    dataset["ik02"].save(update_fields=["name"])
    User.objects.filter(pk=actors["operator_a"].pk).update(full_name="@operator")
    user = User.objects.get(pk=actors["operator_a"].pk)
    written = cells(excel.template_build(unit=dataset["unit"], year=2026, quarter="TW1", user=user))
    assert [c.coordinate for c in written if c.data_type == "f"] == []
    texts = [c.value for c in written if isinstance(c.value, str)]
    assert "'@operator" in texts
    assert any(text.startswith("'" + EVIL) for text in texts)
    assert not any(text.startswith(("=", "@", "+")) for text in texts)


def test_validation_template_quotes_typed_text_and_reads_it_back_unchanged(actors):
    validation_matrix.prepare(actors)
    request = ServiceRequest.objects.get(number=validation_matrix.AWAITING)
    IndicatorProposal.objects.filter(request=request).update(name=EVIL, formula="=a/b", definition="+62 laut")
    data = matrix_template(request)
    ws = load_workbook(io.BytesIO(data))[SHEET]
    row = FIRST_ROW
    assert ws[f"{LETTER['name']}{row}"].value == "'" + EVIL
    assert ws[f"{LETTER['formula']}{row}"].value == "'=a/b"
    assert ws[f"{LETTER['formula']}{row}"].data_type == "s"
    rows, problems = matrix_parse(data)
    assert problems == []
    assert (rows[0]["name"], rows[0]["formula"], rows[0]["definition"]) == (EVIL, "=a/b", "+62 laut")
