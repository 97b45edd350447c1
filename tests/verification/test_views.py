"""The session pages and the API call the same services; what each shows and refuses."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.verification import services
from kinerja.verification.models import VerificationLine

pytestmark = pytest.mark.django_db


def session_url(request):
    return reverse("verification:session", kwargs={"number": request.number})


def line_of(request, code):
    return VerificationLine.objects.get(request=request, indicator__code=code)


def build(request, actors):
    return services.lines_build(actor=actors["planner"], request=request)


def check_all(request, actors):
    for line in build(request, actors):
        services.line_check(
            actor=actors["planner"], line=line, verdict="sesuai", expected_version=line.row_version
        )


def test_the_officer_opens_the_session_and_the_lines_are_built(in_service, actors, login):
    response = login(actors["planner"]).get(session_url(in_service))
    assert response.status_code == 200
    assert VerificationLine.objects.filter(request=in_service).count() == 2
    page = response.content.decode()
    assert 'data-line="IK-02-TW1"' in page
    assert 'data-line="IK-09-TW1"' in page
    evidence = line_of(in_service, "IK-02").evidence[0]
    assert reverse("performance:evidence_download", kwargs={"pk": evidence["id"]}) in page
    assert "87.67" in page
    assert "75.00" in page
    assert 'data-action="issue"' in page


def test_unit_staff_read_the_session_without_acting(in_service, actors, login):
    build(in_service, actors)
    response = login(actors["operator_a"]).get(session_url(in_service))
    page = response.content.decode()
    assert response.status_code == 200
    assert "data-read-only" in page
    assert 'data-action="sesuai"' not in page
    assert 'data-action="issue"' not in page


def correct_ik09(client, request, sanctions, note="Berita acara menunjukkan 2 sanksi"):
    """Post the IK-09 line's form as "dikoreksi" with `sanctions` of 4 cases."""
    line = line_of(request, "IK-09")
    url = reverse("verification:line", kwargs={"number": request.number, "pk": line.pk})
    data = {
        "row_version": line.row_version,
        "t-period": "TW1",
        "t-in-sanksi_ditetapkan": sanctions,
        "t-in-kasus_ditangani": "4",
        "note": note,
        "verdict": "dikoreksi",
    }
    return client.post(url, data)


def test_a_correction_from_the_line_page(in_service, actors, login):
    build(in_service, actors)
    line = line_of(in_service, "IK-09")
    client = login(actors["planner"])
    page = client.get(reverse("verification:line", kwargs={"number": in_service.number, "pk": line.pk}))
    assert 'name="t-in-sanksi_ditetapkan"' in page.content.decode()
    assert 'value="3"' in page.content.decode()
    assert correct_ik09(client, in_service, "2").status_code == 302
    line.refresh_from_db()
    assert (line.verdict, line.corrected_value) == ("dikoreksi", Decimal("50"))


def test_refused_corrected_inputs_come_back_on_the_form(in_service, actors, login):
    build(in_service, actors)
    response = correct_ik09(login(actors["planner"]), in_service, "-1")
    assert response.status_code == 200
    assert "Administrative sanctions imposed (a)" in response.content.decode()
    assert 'data-for="t-in-sanksi_ditetapkan"' in response.content.decode()
    assert line_of(in_service, "IK-09").verdict == "pending"


def test_a_correction_without_a_note_is_refused_on_the_form(in_service, actors, login):
    build(in_service, actors)
    response = correct_ik09(login(actors["planner"]), in_service, "2", note="")
    assert response.status_code == 200
    assert 'data-error-for="note"' in response.content.decode()


def test_the_line_preview_computes_the_typed_inputs(in_service, actors, login):
    build(in_service, actors)
    line = line_of(in_service, "IK-09")
    url = reverse("verification:line_preview", kwargs={"number": in_service.number, "pk": line.pk})
    response = login(actors["planner"]).post(
        url, {"t-period": "TW1", "t-in-sanksi_ditetapkan": "1", "t-in-kasus_ditangani": "4"}
    )
    assert response.status_code == 200
    assert "25.00" in response.content.decode()


def test_sesuai_in_one_click_with_htmx(in_service, actors, login):
    build(in_service, actors)
    line = line_of(in_service, "IK-02")
    url = reverse("verification:line_check", kwargs={"number": in_service.number, "pk": line.pk})
    response = login(actors["planner"]).post(
        url, {"verdict": "sesuai", "row_version": line.row_version}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-verdict="sesuai"' in page
    assert 'id="verification-counts"' in page
    assert 'hx-swap-oob="true"' in page
    line.refresh_from_db()
    assert line.verdict == "sesuai"


def test_issue_from_the_session_sends_the_worksheet_for_signature(in_service, actors, login, certificate):
    check_all(in_service, actors)
    in_service.refresh_from_db()
    response = login(actors["planner"]).post(
        reverse("verification:issue", kwargs={"number": in_service.number}),
        {
            "row_version": in_service.row_version,
            "verifiers": [actors["planner"].pk],
            "representative": actors["unit_head"].pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workflows:detail", kwargs={"number": in_service.number})
    in_service.refresh_from_db()
    assert in_service.status == "signing"
    assert list(in_service.worksheet.signers.values_list("user__username", flat=True)) == [
        "planner",
        "unit_head",
    ]


def test_return_from_the_session_returns_the_quarter_too(in_service, actors, login):
    response = login(actors["planner"]).post(
        reverse("verification:return", kwargs={"number": in_service.number}),
        {"row_version": in_service.row_version, "reason": "Lengkapi berita acara"},
    )
    assert response.status_code == 302
    in_service.refresh_from_db()
    assert in_service.status == "returned"
    assert in_service.unit.submissions.get(year=2026, quarter="TW1").status == "returned"


def test_the_request_page_shows_the_panel(in_service, actors, login):
    build(in_service, actors)
    page = login(actors["operator_a"]).get(reverse("workflows:detail", kwargs={"number": in_service.number}))
    content = page.content.decode()
    assert "data-verification-panel" in content
    assert session_url(in_service) in content
    assert 'data-count="pending"' in content


# --- API ------------------------------------------------------------------------------------------
def test_api_lines_check_and_worksheet(in_service, actors, client, certificate):
    client.force_login(actors["planner"])
    lines = client.get(reverse("api:verification-request-lines", kwargs={"number": in_service.number})).json()
    assert {(row["indicator"], row["period"], row["target"]) for row in lines} == {
        ("IK-02", "TW1", "80"),
        ("IK-09", "TW1", "100"),
    }
    ik09 = next(row for row in lines if row["indicator"] == "IK-09")
    check_url = reverse("api:verification-line-check", kwargs={"pk": ik09["id"]})
    refused = client.post(
        check_url,
        {
            "verdict": "dikoreksi",
            "corrected_inputs": {"sanksi_ditetapkan": 5, "kasus_ditangani": 4},
            "note": "x",
            "row_version": ik09["row_version"],
        },
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "corrected_inputs" in refused.json()
    corrected = client.post(
        check_url,
        {
            "verdict": "dikoreksi",
            "corrected_inputs": {"sanksi_ditetapkan": 2, "kasus_ditangani": 4},
            "note": "Berita acara",
            "row_version": ik09["row_version"],
        },
        content_type="application/json",
    )
    assert corrected.status_code == 200
    assert Decimal(corrected.json()["corrected_value"]) == Decimal("50")
    stale = client.post(
        check_url, {"verdict": "sesuai", "row_version": ik09["row_version"]}, content_type="application/json"
    )
    assert stale.status_code == 409
    worksheet_url = reverse("api:verification-request-worksheet", kwargs={"number": in_service.number})
    in_service.refresh_from_db()
    body = {"verifiers": ["planner"], "representative": "operator_a", "row_version": in_service.row_version}
    early = client.post(worksheet_url, body, content_type="application/json")
    assert early.status_code == 400
    assert "IK-02 TW1" in str(early.json())
    ik02 = next(row for row in lines if row["indicator"] == "IK-02")
    client.post(
        reverse("api:verification-line-check", kwargs={"pk": ik02["id"]}),
        {"verdict": "sesuai", "row_version": ik02["row_version"]},
        content_type="application/json",
    )
    issued = client.post(worksheet_url, body, content_type="application/json")
    assert issued.status_code == 200
    assert issued.json()["status"] == "signing"
    assert issued.json()["sign_url"].startswith("/signatures/d/")


def test_api_refuses_unit_staff_and_hides_other_units(in_service, actors, client):
    build(in_service, actors)
    line = line_of(in_service, "IK-02")
    client.force_login(actors["operator_a"])
    url = reverse("api:verification-line-check", kwargs={"pk": line.pk})
    assert (
        client.post(url, {"verdict": "sesuai", "row_version": 1}, content_type="application/json").status_code
        == 403
    )
    client.force_login(actors["operator_b"])
    assert (
        client.post(url, {"verdict": "sesuai", "row_version": 1}, content_type="application/json").status_code
        == 404
    )
    lines_url = reverse("api:verification-request-lines", kwargs={"number": in_service.number})
    assert client.get(lines_url).status_code == 404
