"""The validation pages: the matrix, the session, the validators, the worksheet, the Nota Dinas, and
the panel on the request page."""

import io

from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.validation.excel import LETTER, SHEET
from kinerja.validation.hooks import panel_context
from kinerja.validation.models import IndicatorProposal, NotaDinas, Validator, Verdict

from .conftest import ROW, fill
from .test_services import issue, judge_all, sign_all


def url(name, request, **kwargs):
    return reverse(f"validation:{name}", kwargs={"number": request.number, **kwargs})


def form_row(**values):
    data = {
        "sasaran": ROW["sasaran"],
        "kind": "IK",
        "name": ROW["name"],
        "definition": ROW["definition"],
        "formula": ROW["formula"],
        "measure_unit": "%",
        "target": "85",
        "polarity": "maximize",
        "target_aspect": "",
        "target_TW1": "",
        "target_TW2": "",
        "target_TW3": "",
        "target_TW4": "80",
    }
    data.update(values)
    return data


def test_matrix_page_add_edit_remove(client, awaiting, actors):
    client.force_login(actors["operator_a"])
    page = client.get(url("matrix", awaiting))
    assert page.status_code == 200
    assert "Add a proposal" in page.text
    response = client.post(url("proposal_create", awaiting), form_row())
    assert response.status_code == 302
    proposal = IndicatorProposal.objects.get(request=awaiting)
    assert proposal.quarter_targets == {"TW4": "80"}
    # A refused value comes back on the form, naming the field.
    bad = client.post(url("proposal_create", awaiting), form_row(target="banyak"))
    assert bad.status_code == 200
    assert "“banyak” is not a number" in bad.text
    assert IndicatorProposal.objects.count() == 1
    edit = client.get(url("proposal_edit", awaiting, pk=proposal.pk))
    assert edit.status_code == 200
    assert ROW["definition"] in edit.text
    data = {f"p{proposal.pk}-{key}": value for key, value in form_row(name="Nama baru").items()}
    data[f"p{proposal.pk}-row_version"] = proposal.row_version
    assert client.post(url("proposal_edit", awaiting, pk=proposal.pk), data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.name == "Nama baru"
    stale = client.post(url("proposal_edit", awaiting, pk=proposal.pk), data)
    assert stale.status_code == 200
    assert "Someone else saved" in stale.text
    assert client.post(url("proposal_delete", awaiting, pk=proposal.pk)).status_code == 302
    assert not IndicatorProposal.objects.exists()


def test_matrix_is_read_only_for_others_and_in_service(client, awaiting, actors):
    fill(actors, awaiting)
    client.force_login(actors["inspector"])
    page = client.get(url("matrix", awaiting))
    assert page.status_code == 200
    assert "Add a proposal" not in page.text
    assert client.post(url("proposal_create", awaiting), form_row()).status_code == 403
    client.force_login(actors["operator_b"])
    assert client.get(url("matrix", awaiting)).status_code == 404
    assert client.post(url("proposal_create", awaiting), form_row()).status_code == 404


def test_excel_download_and_upload(client, awaiting, actors):
    fill(actors, awaiting, rows=[ROW])
    client.force_login(actors["operator_a"])
    response = client.get(url("matrix_template", awaiting))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb[SHEET]
    assert ws[f"{LETTER['name']}3"].value == ROW["name"]
    ws[f"{LETTER['name']}4"] = "Baris kedua"
    ws[f"{LETTER['sasaran']}4"] = "Sasaran"
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.name = "matriks.xlsx"
    buffer.seek(0)
    response = client.post(url("matrix_import", awaiting), {"file": buffer})
    assert response.status_code == 302
    assert list(awaiting.proposals.values_list("name", flat=True)) == [ROW["name"], "Baris kedua"]
    ws[f"{LETTER['target']}4"] = "x"
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.name = "matriks.xlsx"
    buffer.seek(0)
    refused = client.post(url("matrix_import", awaiting), {"file": buffer})
    assert refused.status_code == 400
    assert "row 4, column H" in refused.text
    assert awaiting.proposals.count() == 2


def test_session_verdicts(client, in_service, actors):
    first = in_service.proposals.order_by("sort_order").first()
    client.force_login(actors["inspector"])
    page = client.get(url("session", in_service))
    assert page.status_code == 200
    assert "Record the verdict" in page.text
    prefix = f"v{first.pk}-"
    data = {prefix + "verdict": "ditolak", prefix + "reason": "", prefix + "row_version": first.row_version}
    refused = client.post(url("verdict", in_service, pk=first.pk), data)
    assert refused.status_code == 200
    assert "Say why the proposal is rejected." in refused.text
    data[prefix + "reason"] = "Tidak relevan"
    assert client.post(url("verdict", in_service, pk=first.pk), data).status_code == 302
    first.refresh_from_db()
    assert (first.verdict, first.reason, first.verdict_by) == (
        Verdict.DITOLAK,
        "Tidak relevan",
        actors["inspector"],
    )
    client.force_login(actors["unit_head"])
    page = client.get(url("session", in_service))
    assert page.status_code == 200
    assert "Record the verdict" not in page.text
    assert client.post(url("verdict", in_service, pk=first.pk), data).status_code == 403


def test_validators_page(client, awaiting, actors):
    client.force_login(actors["planner"])
    assert client.get(url("validators", awaiting)).status_code == 200
    response = client.post(
        url("validator_assign", awaiting), {"side": "itjen", "user": actors["inspector"].pk}
    )
    assert response.status_code == 302
    validator = Validator.objects.get(request=awaiting)
    wrong = client.post(
        url("validator_assign", awaiting), {"side": "itjen", "user": actors["planner"].pk}, follow=True
    )
    assert "must be an inspector" in wrong.text
    assert client.post(url("validators_call", awaiting), {"note": "Rapat"}).status_code == 302
    assert awaiting.validator_calls.get().note == "Rapat"
    page = client.get(url("validators", awaiting))
    assert actors["inspector"].get_full_name() in page.text
    assert "Rapat" in page.text
    assert client.post(url("validator_remove", awaiting, pk=validator.pk)).status_code == 302
    assert not Validator.objects.exists()
    client.force_login(actors["inspector"])
    assert client.get(url("validators", awaiting)).status_code == 200
    assert client.post(url("validators_call", awaiting)).status_code == 403


def test_worksheet_page_and_nota_dinas_download(client, in_service, actors, certificate):
    judge_all(actors, in_service)
    client.force_login(actors["operator_a"])
    assert client.get(url("worksheet", in_service)).status_code == 403
    client.force_login(actors["planner"])
    page = client.get(url("worksheet", in_service))
    assert page.status_code == 200
    assert "Issue for signature" in page.text
    in_service.refresh_from_db()
    refused = client.post(
        url("worksheet", in_service),
        {"representative": actors["operator_b"].pk, "row_version": in_service.row_version},
    )
    assert refused.status_code == 200
    assert "representative" in refused.text.lower()
    response = client.post(
        url("worksheet", in_service),
        {"representative": actors["operator_a"].pk, "row_version": in_service.row_version},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workflows:detail", kwargs={"number": in_service.number})
    assert client.get(url("nota_dinas", in_service)).status_code == 404
    sign_all(actors, in_service)
    nota = NotaDinas.objects.get()
    client.force_login(actors["operator_a"])
    download = client.get(url("nota_dinas", in_service))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "Nota-Dinas-001-SJ.1-PR.110-III-2026.pdf" in download["Content-Disposition"]
    client.force_login(actors["operator_b"])
    assert client.get(url("nota_dinas", in_service)).status_code == 404
    assert nota.number


def test_panel_summarises_and_links(rf, in_service, actors, certificate):
    judge_all(actors, in_service)
    context = panel_context(in_service, actors["planner"])
    html = render_to_string("validation/_panel.html", context)
    assert "Accepted (diterima): 1" in html
    assert "Rejected (ditolak): 1" in html
    assert url("session", in_service) in html
    assert url("worksheet", in_service) in html
    request = issue(actors, in_service)
    html = render_to_string("validation/_panel.html", panel_context(request, actors["inspector"]))
    assert reverse("signatures:sign", kwargs={"public_id": request.worksheet.public_id}) in html
    request = sign_all(actors, request)
    html = render_to_string("validation/_panel.html", panel_context(request, actors["operator_a"]))
    assert "001/SJ.1/PR.110/III/2026" in html
    assert url("nota_dinas", request) in html


def test_request_page_shows_the_panel(client, in_service, actors):
    client.force_login(actors["operator_a"])
    page = client.get(reverse("workflows:detail", kwargs={"number": in_service.number}))
    assert page.status_code == 200
    assert "Validation of indicators" in page.text
    assert url("matrix", in_service) in page.text
