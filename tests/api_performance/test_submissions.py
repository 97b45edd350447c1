"""Submissions, results, NPSS/NKO and budget spending through the API; the schema still generates."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.performance.models import BudgetSpending, Submission
from tests.matrix.api_performance import complete_quarter

pytestmark = pytest.mark.django_db

SUBMIT = {"unit": "PSDKP-TARAKAN", "year": 2026, "quarter": "TW1"}


def post(client, name, body, *args):
    return client.post(reverse(name, args=args), body, content_type="application/json")


def test_the_quarter_goes_from_draft_to_verified_and_back(pk, client, actors):
    client.force_login(actors["operator_a"])
    incomplete = post(client, "api:submission-submit", SUBMIT)
    assert incomplete.status_code == 400
    assert any("IK-09 TW1: no realisation entered" in line for line in incomplete.json()["__all__"])

    complete_quarter(actors["operator_a"], "TW1")
    submitted = post(client, "api:submission-submit", SUBMIT)
    assert submitted.status_code == 200
    body = submitted.json()
    assert (body["status"], body["late"], body["versions"], body["submitted_by"]) == (
        "submitted",
        False,
        1,
        "operator_a",
    )
    pk_ = body["id"]
    assert post(client, "api:submission-verify", {"row_version": body["row_version"]}, pk_).status_code == 403

    client.force_login(actors["planner"])
    no_reason = post(
        client, "api:submission-return", {"reason": " ", "row_version": body["row_version"]}, pk_
    )
    assert (no_reason.status_code, list(no_reason.json())) == (400, ["reason"])
    returned = post(client, "api:submission-return", {"reason": "Lampiran buram", "row_version": 2}, pk_)
    assert (returned.json()["status"], returned.json()["return_reason"]) == ("returned", "Lampiran buram")

    client.force_login(actors["operator_a"])
    again = post(client, "api:submission-submit", {**SUBMIT, "row_version": returned.json()["row_version"]})
    assert again.json()["versions"] == 2

    client.force_login(actors["planner"])
    stale = post(client, "api:submission-verify", {"row_version": 1}, pk_)
    assert stale.status_code == 409
    verified = post(client, "api:submission-verify", {"row_version": again.json()["row_version"]}, pk_)
    assert (verified.status_code, verified.json()["status"]) == (200, "verified")
    versions = client.get(reverse("api:submission-versions", args=[pk_])).json()
    assert [(v["number"], v["verified"]) for v in versions] == [(3, True), (2, False), (1, False)]
    assert versions[0]["snapshot"]["realisations"][0]["value"] == "75.00"

    results = client.get(reverse("api:result-list"), {"basis": "verified", "period": "TW1"}).json()["results"]
    assert [(r["indicator"], r["value"], r["achievement"]) for r in results] == [
        ("IK-09", "75.0000", "75.00")
    ]

    reopened = post(
        client,
        "api:submission-reopen",
        {"reason": "Koreksi", "row_version": verified.json()["row_version"]},
        pk_,
    )
    assert (reopened.json()["status"], reopened.json()["reopen_reason"]) == ("draft", "Koreksi")


def test_submission_reads_are_restricted(pk, client, actors):
    complete_quarter(actors["operator_a"], "TW1")
    from kinerja.performance import submissions

    submission = submissions.submission_submit(
        actor=actors["operator_a"], unit=pk.unit, year=2026, quarter="TW1", expected_version=0
    )
    client.force_login(actors["operator_b"])
    assert client.get(reverse("api:submission-list")).json()["count"] == 0
    assert client.get(reverse("api:submission-detail", args=[submission.pk])).status_code == 404
    assert post(client, "api:submission-verify", {"row_version": 2}, submission.pk).status_code == 404
    client.force_login(actors["leadership"])
    rows = client.get(reverse("api:submission-list"), {"status": "submitted", "quarter": "TW1"}).json()
    assert [row["unit"] for row in rows["results"]] == ["PSDKP-TARAKAN"]
    assert post(client, "api:submission-verify", {"row_version": 2}, submission.pk).status_code == 403
    assert Submission.objects.get().status == "submitted"


def test_results_and_scores_follow_the_reach(pk, client, actors):
    complete_quarter(actors["operator_a"], "TW1")
    client.force_login(actors["operator_b"])
    for name in ("api:result-list", "api:npss-list", "api:nko-list"):
        assert client.get(reverse(name)).json()["count"] == 0
    client.force_login(actors["inspector"])
    result = client.get(reverse("api:result-list"), {"basis": "working", "indicator": "IK-09"}).json()
    row = next(r for r in result["results"] if r["period"] == "TW1")
    assert (row["value"], row["target"], row["achievement"], row["status"]) == (
        "75.0000",
        "100.0000",
        "75.00",
        "red",
    )
    npss = client.get(reverse("api:npss-list"), {"unit": "PSDKP-TARAKAN", "quarter": "TW1"}).json()["results"]
    assert [(r["basis"], r["npss"]) for r in npss] == [("working", "75.00")]
    nko = client.get(reverse("api:nko-list"), {"basis": "working", "quarter": "TW1"}).json()["results"]
    assert [(r["unit"], r["nko"]) for r in nko] == [("PSDKP-TARAKAN", "75.00")]
    detail = client.get(reverse("api:nko-detail", args=[nko[0]["id"]]))
    assert detail.json()["sasaran_count"] == 1


def test_budget_spending_is_set_by_the_unit(pk, client, actors):
    budget = pk.budget_rows.get()
    body = {
        "unit": "PSDKP-TARAKAN",
        "year": 2026,
        "programme_code": "WA",
        "quarter": "TW1",
        "amount": "250000",
    }
    client.force_login(actors["planner"])
    assert post(client, "api:budget-spending-set", body).status_code == 403
    client.force_login(actors["operator_b"])
    assert post(client, "api:budget-spending-set", {"budget": budget.pk, **body}).status_code == 404
    client.force_login(actors["operator_a"])
    created = post(client, "api:budget-spending-set", body)
    assert (created.status_code, created.json()["amount"], created.json()["ceiling"]) == (
        200,
        "250000.00",
        "1000000.00",
    )
    by_id = post(
        client,
        "api:budget-spending-set",
        {"budget": budget.pk, "quarter": "TW1", "amount": "300000", "row_version": 1},
    )
    assert by_id.json()["row_version"] == 2
    assert post(client, "api:budget-spending-set", {**body, "row_version": 1}).status_code == 409
    negative = post(client, "api:budget-spending-set", {**body, "amount": "-1", "row_version": 2})
    assert (negative.status_code, list(negative.json())) == (400, ["amount"])
    neither = post(client, "api:budget-spending-set", {"quarter": "TW1", "amount": "1"})
    assert (neither.status_code, list(neither.json())) == (400, ["budget"])
    assert BudgetSpending.objects.get().amount == Decimal(300000)
    rows = client.get(reverse("api:budget-spending-list"), {"year": 2026, "quarter": "TW1"}).json()["results"]
    assert [(r["programme_code"], r["amount"]) for r in rows] == [("WA", "300000.00")]


def test_the_schema_is_served_and_documents_the_endpoints(client, actors):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "put" in paths["/api/realisations/{unit}/{year}/{period}/{indicator}/"]
    assert "multipart/form-data" in paths["/api/evidence/"]["post"]["requestBody"]["content"]
    for path in ("/api/submissions/{id}/return/", "/api/budget-spending/set/", "/api/npss/", "/api/nko/"):
        assert path in paths
