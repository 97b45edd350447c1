"""The matrix's Excel template and its import: all rows or none, every refused cell named."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from kinerja.validation import services
from kinerja.validation.excel import COLUMNS, LETTER, SHEET, matrix_template
from kinerja.validation.models import IndicatorProposal

from .conftest import ROW, fill, submit


def workbook(request=None):
    return load_workbook(io.BytesIO(matrix_template(request)))


def put(ws, row, **values):
    for field, value in values.items():
        ws[f"{LETTER[field]}{row}"] = value


def save(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_template_has_headers_example_and_a_list_for_kind(awaiting):
    wb = workbook()
    ws = wb[SHEET]
    assert [cell.value for cell in ws[1]] == [column.header for column in COLUMNS]
    assert ws["A1"].value == "No."
    assert ws["A2"].value == "Example"
    assert ws[f"{LETTER['kind']}2"].value == "IKU"
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    kind_range = next(ref for ref in lists if ref.startswith(LETTER["kind"]))
    assert lists[kind_range] == '"IKU,IK"'
    assert any(formula == '"Higher is better,Lower is better"' for formula in lists.values())


def test_import_replaces_the_matrix(awaiting, actors):
    fill(actors, awaiting, rows=[ROW])
    wb = workbook()
    ws = wb[SHEET]
    put(
        ws,
        3,
        sasaran="Sasaran satu",
        kind="IKU",
        name="Indikator satu",
        definition="Def",
        formula="=A/B",
        measure_unit="%",
        target=85,
    )
    put(
        ws,
        4,
        sasaran="Sasaran dua",
        kind="ik",
        name="Indikator dua",
        target="7,5",
        target_TW1=2,
        target_TW4="7.5",
        polarity="Lower is better",
        target_aspect="Time",
    )
    created = services.proposals_import(actor=actors["operator_a"], request=awaiting, file=save(wb))
    assert [p.name for p in created] == ["Indikator satu", "Indikator dua"]
    rows = list(IndicatorProposal.objects.filter(request=awaiting).order_by("sort_order"))
    assert [(p.sort_order, p.kind) for p in rows] == [(1, "IKU"), (2, "IK")]
    assert rows[0].formula == "=A/B"  # the formula column keeps the unit's text
    assert str(rows[1].target) == "7.5000"
    assert rows[1].quarter_targets == {"TW1": "2", "TW4": "7.5"}
    assert (rows[1].polarity, rows[1].target_aspect) == ("minimize", "waktu")
    # The template of a filled matrix carries its rows: downloaded, uploaded again, unchanged.
    again = services.proposals_import(
        actor=actors["operator_a"], request=awaiting, file=matrix_template(awaiting)
    )
    assert [(p.name, p.target, p.quarter_targets, p.polarity) for p in again] == [
        (p.name, p.target, p.quarter_targets, p.polarity) for p in rows
    ]


def test_import_is_all_or_nothing_and_names_every_cell(awaiting, actors):
    fill(actors, awaiting, rows=[ROW])
    wb = workbook()
    ws = wb[SHEET]
    put(ws, 3, sasaran="Sasaran", kind="IK", name="Baik", target=1)
    put(ws, 4, sasaran="Sasaran", kind="IKK", name="Buruk", target="delapan")
    put(ws, 5, sasaran="", kind="IK", name="", target=5, target_TW2="=1+1", polarity="naik")
    with pytest.raises(ValidationError) as exc:
        services.proposals_import(actor=actors["operator_a"], request=awaiting, file=save(wb))
    problems = exc.value.message_dict["file"]
    text = "\n".join(problems)
    assert f"Sheet {SHEET}, row 4, column C (Kind (IKU/IK))" in text
    assert f"Sheet {SHEET}, row 4, column H (Annual target): Target: “delapan” is not a number." in text
    assert f"Sheet {SHEET}, row 5, column B" in text
    assert f"Sheet {SHEET}, row 5, column D" in text
    assert f"Sheet {SHEET}, row 5, column J" in text
    assert "formulas are not accepted" in text
    assert f"Sheet {SHEET}, row 5, column M (Polarity)" in text
    assert len(problems) == 6
    # Nothing changed: the matrix still has the row it had.
    assert list(awaiting.proposals.values_list("name", flat=True)) == [ROW["name"]]


def test_import_refuses_what_is_not_a_workbook(awaiting, actors):
    with pytest.raises(ValidationError) as exc:
        services.proposals_import(actor=actors["operator_a"], request=awaiting, file=b"name,target\nA,1\n")
    assert "not an Excel workbook" in exc.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as exc:
        services.proposals_import(actor=actors["operator_a"], request=awaiting, file=matrix_template())
    assert "no proposal rows" in exc.value.message_dict["file"][0]


def test_import_follows_the_matrix_rules(awaiting, actors):
    data = matrix_template()
    with pytest.raises(PermissionDenied):
        services.proposals_import(actor=actors["operator_b"], request=awaiting, file=data)
    fill(actors, awaiting)
    request = submit(actors, awaiting)
    with pytest.raises(ValidationError):
        services.proposals_import(actor=actors["operator_a"], request=request, file=data)
