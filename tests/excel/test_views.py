"""The download and upload pages: who may use them, and what a user sees after an upload."""

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.performance.models import Realisation

from .conftest import IN_TW1, YEAR, header_columns, open_workbook, save, scalar_row

KWARGS = {"code": "PSDKP-TARAKAN", "year": YEAR, "quarter": "TW1"}


def url(name, **extra):
    return reverse(f"performance:{name}", kwargs={**KWARGS, **extra})


def upload(client, data):
    return client.post(url("excel_upload"), {"file": SimpleUploadedFile("isian.xlsx", data)})


def test_template_download_is_an_xlsx_for_those_who_see_the_unit(plan, actors, login):
    response = login(actors["inspector"]).get(url("excel_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "realisasi-PSDKP-TARAKAN-2026-TW1.xlsx" in response["Content-Disposition"]
    assert open_workbook(response.content).sheetnames[:2] == ["Petunjuk", "Isian"]
    assert login(actors["operator_b"]).get(url("excel_template")).status_code == 404


def test_unknown_quarter_is_not_found(plan, actors, login):
    assert login(actors["operator_a"]).get(url("excel_template", quarter="TW5")).status_code == 404


def test_upload_needs_change_access(plan, actors, login):
    data = login(actors["operator_a"]).get(url("excel_template")).content
    assert upload(login(actors["planner"]), data).status_code == 403
    assert upload(login(actors["operator_b"]), data).status_code == 404
    assert Realisation.objects.count() == 0


@time_machine.travel(IN_TW1)
def test_upload_lists_every_refused_cell_and_saves_nothing(plan, actors, login):
    client = login(actors["operator_a"])
    wb = open_workbook(client.get(url("excel_template")).content)
    ws = wb["Isian"]
    row = scalar_row(ws, "IK-09")
    ws[f"D{row}"] = "=2*3"
    ws[f"E{row}"] = 2.5
    response = upload(client, save(wb))
    assert response.status_code == 200
    problems = [(p.sheet, p.row, p.column) for p in response.context["problems"]]
    assert problems == [("Isian", row, "D"), ("Isian", row, "E")]
    assert f"<td>{row}</td>" in response.content.decode()
    assert Realisation.objects.count() == 0


@time_machine.travel(IN_TW1)
def test_upload_saves_and_shows_a_summary(plan, actors, login):
    client = login(actors["unit_head"])
    wb = open_workbook(client.get(url("excel_template")).content)
    ws = wb["Isian"]
    row = scalar_row(ws, "IK-13")
    letters = header_columns(ws, row - 1)
    assert len(letters) == 6  # code, name, period, the two inputs and the stored value
    ws[f"D{row}"], ws[f"E{row}"] = 3, 4
    response = upload(client, save(wb))
    assert response.status_code == 200
    assert response.context["report"].saved == ["IK-13 TW1"]
    assert Realisation.objects.get(indicator=plan["IK-13"]).value == 75


def test_a_non_xlsx_upload_is_refused_on_the_page(plan, actors, login):
    with time_machine.travel(IN_TW1):
        response = upload(login(actors["operator_a"]), b"%PDF-1.4 hello")
    assert response.status_code == 200
    assert [p.sheet for p in response.context["problems"]] == [""]
