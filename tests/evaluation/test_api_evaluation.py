"""The evaluation API: the same rules as the pages, 400 naming the field, 409 on a stale version,
and the evaluator's scores hidden from the unit until the report is signed."""

import pytest

from kinerja.evaluation.models import Answer, Evaluation, EvaluationState

from .workflow_world import answer_all, score_all, submitted

pytestmark = pytest.mark.django_db
EVALUATIONS = "/api/evaluations/"
ANSWERS = "/api/evaluation-answers/"


def _answer(evaluation, code):
    return Answer.objects.get(evaluation=evaluation, criterion__code=code)


def test_open_list_and_read(login, actors, org, english):
    client = login(actors["operator_a"])
    response = client.post(
        EVALUATIONS, {"unit": "PSDKP-TARAKAN", "year": 2025}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["unit"], body["year"], body["state"], body["worksheet"]) == (
        "PSDKP-TARAKAN",
        2025,
        "self",
        "permenpanrb-88-2021",
    )
    again = client.post(EVALUATIONS, {"unit": "PSDKP-TARAKAN", "year": 2025}, content_type="application/json")
    assert again.status_code == 400
    assert "year" in again.json()
    refused = client.post(
        EVALUATIONS, {"unit": "PSDKP-BITUNG", "year": 2025}, content_type="application/json"
    )
    assert refused.status_code == 404
    assert (
        login(actors["planner"])
        .post(EVALUATIONS, {"unit": "PSDKP-TARAKAN", "year": 2024}, content_type="application/json")
        .status_code
        == 403
    )
    assert [e["year"] for e in client.get(EVALUATIONS, {"unit": "PSDKP-TARAKAN"}).json()["results"]] == [2025]
    assert login(actors["operator_b"]).get(f"{EVALUATIONS}{body['id']}/").status_code == 404


def test_unit_answers_and_submits(login, actors, make_evaluation, english):
    evaluation = make_evaluation()
    client = login(actors["operator_a"])
    answer = _answer(evaluation, "1.b.1")
    url = f"{ANSWERS}{answer.pk}/"
    response = client.patch(
        url, {"option": "B", "note": "Sebagian", "row_version": 1}, content_type="application/json"
    )
    assert response.status_code == 200
    assert (response.json()["self_option"], response.json()["row_version"]) == ("B", 2)
    # PATCH keeps what is not sent.
    response = client.patch(
        url, {"evidence_link": "https://example.org/x", "row_version": 2}, content_type="application/json"
    )
    assert (response.json()["self_option"], response.json()["self_note"]) == ("B", "Sebagian")
    stale = client.patch(url, {"option": "A", "row_version": 2}, content_type="application/json")
    assert stale.status_code == 409
    wrong = client.patch(url, {"option": "Y", "row_version": 3}, content_type="application/json")
    assert wrong.status_code == 400
    assert "option" in wrong.json()
    listed = client.get(ANSWERS, {"evaluation": evaluation.pk}).json()
    assert listed["count"] == 80
    missing = client.post(
        f"{EVALUATIONS}{evaluation.pk}/submit/", {"row_version": 1}, content_type="application/json"
    )
    assert missing.status_code == 400
    assert "79 criteria have no answer yet" in missing.json()["answers"][0]
    answer_all(evaluation)
    done = client.post(
        f"{EVALUATIONS}{evaluation.pk}/submit/", {"row_version": 1}, content_type="application/json"
    )
    assert done.json()["state"] == "submitted"


def test_evaluator_scores_returns_and_issues(login, actors, make_evaluation, english):
    evaluation = submitted(make_evaluation(), actors["operator_a"])
    answer = _answer(evaluation, "1.a.1")
    body = {"option": "T", "note": "Tidak ada pedoman", "row_version": answer.row_version}
    assert (
        login(actors["operator_a"])
        .post(f"{ANSWERS}{answer.pk}/score/", body, content_type="application/json")
        .status_code
        == 403
    )
    scored = (
        login(actors["inspector"])
        .post(f"{ANSWERS}{answer.pk}/score/", body, content_type="application/json")
        .json()
    )
    assert (scored["score_option"], scored["scored_by"]) == ("T", "inspector")
    # The unit does not see the score before the report is signed.
    seen = login(actors["operator_a"]).get(f"{ANSWERS}{answer.pk}/").json()
    assert (seen["self_option"], seen["score_option"], seen["score_note"]) == ("Y", None, "")
    score_all(evaluation, actors["inspector"])
    results = login(actors["inspector"]).get(f"{EVALUATIONS}{evaluation.pk}/results/").json()
    assert results["self"]["total"] == "100.00"
    assert results["score"]["total"] == "100.00"
    assert results["score"]["components"][0]["subcomponents"][0] == {
        "code": "1.a",
        "weight": "6.00",
        "score": "6.00",
        "answered": 6,
        "criteria": 6,
    }
    assert login(actors["operator_a"]).get(f"{EVALUATIONS}{evaluation.pk}/results/").json()["score"] is None
    issue = {"letter_number": "", "summary": "", "signers": [{"user": "inspector"}], "row_version": 2}
    refused = login(actors["inspector"]).post(
        f"{EVALUATIONS}{evaluation.pk}/issue/", issue, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "letter_number" in refused.json()
    issue["letter_number"] = "700/ITJEN/2026/007"
    issue["signers"] = [{"user": "planner"}]
    assert (
        "signers"
        in login(actors["inspector"])
        .post(f"{EVALUATIONS}{evaluation.pk}/issue/", issue, content_type="application/json")
        .json()
    )
    issue["signers"] = [{"user": "inspector"}, {"user": "admin", "capacity": "Inspektur Jenderal"}]
    issued = login(actors["inspector"]).post(
        f"{EVALUATIONS}{evaluation.pk}/issue/", issue, content_type="application/json"
    )
    assert issued.status_code == 200
    assert (issued.json()["state"], issued.json()["grade"]) == ("signing", "AA")
    assert issued.json()["document"]
    # Before signing the unit does not see the grade either.
    assert login(actors["operator_a"]).get(f"{EVALUATIONS}{evaluation.pk}/").json()["grade"] == ""


def test_return_needs_a_note(login, actors, make_evaluation):
    evaluation = submitted(make_evaluation(), actors["operator_a"])
    client = login(actors["inspector"])
    url = f"{EVALUATIONS}{evaluation.pk}/return/"
    assert (
        client.post(url, {"note": "", "row_version": 2}, content_type="application/json").status_code == 400
    )
    assert (
        client.post(url, {"note": "Lengkapi", "row_version": 1}, content_type="application/json").status_code
        == 409
    )
    assert (
        client.post(url, {"note": "Lengkapi", "row_version": 2}, content_type="application/json").json()[
            "state"
        ]
        == "returned"
    )
    assert Evaluation.objects.get(pk=evaluation.pk).state == EvaluationState.RETURNED
