"""The validation API: the same services and rules as the pages."""

import io

from django.urls import reverse

from kinerja.validation.excel import LETTER, SHEET, matrix_template
from kinerja.validation.models import IndicatorProposal, Validator

from .conftest import ROW, fill
from .test_services import judge_all, sign_all

JSON = "application/json"


def test_proposals_crud(client, awaiting, actors):
    client.force_login(actors["operator_a"])
    listing = reverse("api:validation-proposal-list")
    created = client.post(
        listing, {**ROW, "request": awaiting.number, "quarter_targets": {"TW4": "85"}}, content_type=JSON
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["request"], body["verdict"], body["quarter_targets"]) == (
        awaiting.number,
        "pending",
        {"TW4": "85"},
    )
    bad = client.post(listing, {**ROW, "request": awaiting.number, "target": "x"}, content_type=JSON)
    assert bad.status_code == 400
    assert "target" in bad.json()
    rows = client.get(listing, {"request": awaiting.number}).json()
    assert rows["count"] == 1
    detail = reverse("api:validation-proposal-detail", kwargs={"pk": body["id"]})
    changed = client.patch(
        detail, {"definition": "Baru", "row_version": body["row_version"]}, content_type=JSON
    )
    assert changed.status_code == 200
    assert changed.json()["definition"] == "Baru"
    assert changed.json()["name"] == ROW["name"]
    stale = client.patch(
        detail, {"definition": "Lagi", "row_version": body["row_version"]}, content_type=JSON
    )
    assert stale.status_code == 409
    client.force_login(actors["operator_b"])
    assert client.get(detail).status_code == 404
    assert client.post(listing, {**ROW, "request": awaiting.number}, content_type=JSON).status_code == 404
    client.force_login(actors["inspector"])
    assert client.get(detail).status_code == 200
    assert client.delete(detail).status_code == 403
    client.force_login(actors["operator_a"])
    assert client.delete(detail).status_code == 204
    assert not IndicatorProposal.objects.exists()


def test_import_through_the_api(client, awaiting, actors):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(matrix_template()))
    ws = wb[SHEET]
    ws[f"{LETTER['sasaran']}3"] = "Sasaran"
    ws[f"{LETTER['name']}3"] = "Indikator"
    ws[f"{LETTER['target']}4"] = "x"
    ws[f"{LETTER['name']}4"] = "Kedua"
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "m.xlsx"
    client.force_login(actors["operator_a"])
    target = reverse("api:validation-request-matrix-import", kwargs={"number": awaiting.number})
    refused = client.post(target, {"file": buffer})
    assert refused.status_code == 400
    assert any("row 4, column B" in message for message in refused.json()["file"])
    ws[f"{LETTER['sasaran']}4"] = "Sasaran"
    ws[f"{LETTER['target']}4"] = 3
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "m.xlsx"
    imported = client.post(target, {"file": buffer})
    assert imported.status_code == 201
    assert [row["name"] for row in imported.json()] == ["Indikator", "Kedua"]


def test_validators_verdicts_worksheet_nota_dinas(client, awaiting, actors, certificate):
    fill(actors, awaiting)
    from .conftest import submit

    request = submit(actors, awaiting)
    client.force_login(actors["planner"])
    validators = reverse("api:validation-validator-list")
    wrong = client.post(
        validators, {"request": request.number, "user": "planner", "side": "itjen"}, content_type=JSON
    )
    assert wrong.status_code == 400
    assert "user" in wrong.json()
    for user, side in (("planner", "biro"), ("inspector", "itjen")):
        made = client.post(
            validators, {"request": request.number, "user": user, "side": side}, content_type=JSON
        )
        assert made.status_code == 201
    assert client.get(validators, {"request": request.number}).json()["count"] == 2
    call = reverse("api:validation-request-ask-itjen", kwargs={"number": request.number})
    assert client.post(call, {"note": "Sesi"}, content_type=JSON).status_code == 201

    first = request.proposals.order_by("sort_order").first()
    verdict = reverse("api:validation-proposal-verdict", kwargs={"pk": first.pk})
    client.force_login(actors["operator_a"])
    assert (
        client.post(
            verdict, {"verdict": "diterima", "row_version": first.row_version}, content_type=JSON
        ).status_code
        == 403
    )
    client.force_login(actors["inspector"])
    refused = client.post(
        verdict, {"verdict": "diperbaiki", "row_version": first.row_version}, content_type=JSON
    )
    assert refused.status_code == 400
    assert "agreed_name" in refused.json()
    given = client.post(
        verdict,
        {"verdict": "diperbaiki", "agreed_target": "90", "row_version": first.row_version},
        content_type=JSON,
    )
    assert given.status_code == 200
    assert given.json()["agreed_target"] == "90.0000"
    judge_all(actors, request)

    client.force_login(actors["planner"])
    summary = client.get(reverse("api:validation-request-detail", kwargs={"number": request.number})).json()
    assert {c["verdict"]: c["count"] for c in summary["counts"]} == {
        "pending": 0,
        "diterima": 1,
        "diperbaiki": 1,
        "ditolak": 1,
    }
    assert summary["worksheet_problems"] == []
    assert summary["requirements"][0]["met"] is True
    worksheet = reverse("api:validation-request-worksheet", kwargs={"number": request.number})
    stale = client.post(worksheet, {"representative": "operator_a", "row_version": 0}, content_type=JSON)
    assert stale.status_code == 409
    issued = client.post(
        worksheet, {"representative": "operator_a", "row_version": summary["row_version"]}, content_type=JSON
    )
    assert issued.status_code == 200, issued.json()
    assert issued.json()["status"] == "signing"
    assert issued.json()["worksheet"]

    nota = reverse("api:validation-request-nota-dinas", kwargs={"number": request.number})
    assert client.get(nota).status_code == 404
    sign_all(actors, request)
    client.force_login(actors["operator_a"])
    meta = client.get(nota)
    assert meta.status_code == 200
    assert meta.json()["number"] == "001/SJ.1/PR.110/III/2026"
    assert len(meta.json()["sha256"]) == 64
    download = client.get(
        reverse("api:validation-request-nota-dinas-download", kwargs={"number": request.number})
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    client.force_login(actors["planner"])
    removed = client.delete(
        reverse("api:validation-validator-detail", kwargs={"pk": Validator.objects.first().pk})
    )
    assert removed.status_code == 400  # delivered: the validators are fixed
