"""The recommendations API: the same services as the pages, 400 naming the field, 409 on a stale
version, 404 for what the user may not see and 403 for what they see but may not do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.evaluation.models import EvaluationState, Recommendation

from .recommendation_world import pdf, sign

pytestmark = pytest.mark.usefixtures("english")

LATER = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
LIST = reverse("api:recommendation-list")


def url(name, row):
    return reverse(f"api:recommendation-{name}", args=[row if isinstance(row, int) else row.pk])


@pytest.fixture
def scoring(make_evaluation):
    return make_evaluation(state=EvaluationState.SUBMITTED)


def post(client, address, body):
    return client.post(address, body, content_type="application/json")


def test_the_lifecycle_through_the_api(login, scoring, actors):
    inspector = login(actors["inspector"])
    created = post(
        inspector, LIST, {"evaluation": scoring.pk, "component_code": "2", "text": "Lengkapi IKU."}
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["unit"], body["year"], body["component_code"], body["status"]) == (
        "PSDKP-TARAKAN",
        2025,
        "2",
        "open",
    )
    pk = body["id"]
    changed = inspector.patch(
        url("detail", pk),
        {"text": "Lengkapi IKU dan datanya.", "row_version": 1},
        content_type="application/json",
    )
    assert changed.json()["text"] == "Lengkapi IKU dan datanya."
    assert changed.json()["row_version"] == 2

    sign(scoring)
    head = login(actors["unit_head"])
    assigned = post(head, url("assign", pk), {"owner": "operator_a", "due_date": LATER, "row_version": 2})
    assert assigned.status_code == 200, assigned.json()
    assert assigned.json()["owner"] == "operator_a"

    operator = login(actors["operator_a"])
    followed = operator.post(url("follow-up", pk), {"note": "Sudah.", "file": pdf(), "submit": "true"})
    assert followed.status_code == 201, followed.json()
    body = followed.json()
    assert body["status"] == "followed_up"
    [follow_up] = body["follow_ups"]
    assert follow_up["file_name"] == "tindak-lanjut.pdf"
    assert operator.get(follow_up["file_url"]).status_code == 200

    inspector = login(actors["inspector"])
    reopened = post(inspector, url("reopen", pk), {"note": "Kurang SK.", "row_version": body["row_version"]})
    assert reopened.json()["status"] == "open"
    operator = login(actors["operator_a"])
    body = post(operator, url("follow-up", pk), {"note": "SK dilampirkan.", "submit": True}).json()
    inspector = login(actors["inspector"])
    accepted = post(inspector, url("accept", pk), {"row_version": body["row_version"]})
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "done"
    assert accepted.json()["completed_at"]


def test_refusals_name_the_field(login, scoring, actors):
    inspector = login(actors["inspector"])
    response = post(
        inspector,
        LIST,
        {"evaluation": scoring.pk, "component_code": "9", "text": "x", "due_date": "2000-01-01"},
    )
    assert response.status_code == 400
    assert set(response.json()) == {"component_code", "due_date"}
    response = post(
        inspector, LIST, {"evaluation": scoring.pk, "component_code": "1", "text": "x", "owner": "nobody"}
    )
    assert (response.status_code, list(response.json())) == (400, ["owner"])
    pk = post(inspector, LIST, {"evaluation": scoring.pk, "component_code": "1", "text": "x"}).json()["id"]
    sign(scoring)
    head = login(actors["unit_head"])
    response = post(head, url("assign", pk), {"owner": "operator_b", "due_date": LATER, "row_version": 1})
    assert (response.status_code, list(response.json())) == (400, ["owner"])
    response = post(login(actors["operator_a"]), url("follow-up", pk), {"note": ""})
    assert (response.status_code, list(response.json())) == (400, ["note"])
    response = post(login(actors["inspector"]), url("accept", pk), {"row_version": 1})
    assert (response.status_code, list(response.json())) == (400, ["status"])


def test_a_stale_version_is_a_conflict(login, scoring, actors):
    inspector = login(actors["inspector"])
    pk = post(inspector, LIST, {"evaluation": scoring.pk, "component_code": "1", "text": "x"}).json()["id"]
    assert (
        inspector.patch(
            url("detail", pk), {"text": "a", "row_version": 1}, content_type="application/json"
        ).status_code
        == 200
    )
    stale = inspector.patch(
        url("detail", pk), {"text": "b", "row_version": 1}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert inspector.delete(url("detail", pk) + "?row_version=1").status_code == 409
    assert inspector.delete(url("detail", pk)).status_code == 400
    assert Recommendation.objects.get(pk=pk).text == "a"
    assert inspector.delete(url("detail", pk) + "?row_version=2").status_code == 204
    assert not Recommendation.objects.filter(pk=pk).exists()


def test_who_sees_and_who_acts(login, scoring, actors):
    inspector = login(actors["inspector"])
    pk = post(inspector, LIST, {"evaluation": scoring.pk, "component_code": "1", "text": "x"}).json()["id"]
    # Before signing only evaluators see it.
    operator = login(actors["operator_a"])
    assert operator.get(url("detail", pk)).status_code == 404
    assert operator.get(LIST).json()["count"] == 0
    assert (
        post(operator, LIST, {"evaluation": scoring.pk, "component_code": "1", "text": "x"}).status_code
        == 403
    )
    other = login(actors["operator_b"])
    assert (
        post(other, LIST, {"evaluation": scoring.pk, "component_code": "1", "text": "x"}).status_code == 404
    )
    sign(scoring)
    operator = login(actors["operator_a"])
    assert operator.get(url("detail", pk)).status_code == 200
    assert post(operator, url("accept", pk), {"row_version": 1}).status_code == 403
    assert (
        post(
            operator, url("assign", pk), {"owner": "operator_a", "due_date": LATER, "row_version": 1}
        ).status_code
        == 403
    )
    assert (
        operator.patch(
            url("detail", pk), {"text": "y", "row_version": 1}, content_type="application/json"
        ).status_code
        == 403
    )
    other = login(actors["operator_b"])
    assert other.get(url("detail", pk)).status_code == 404
    assert post(other, url("follow-up", pk), {"note": "x"}).status_code == 404
    assert other.get(LIST).json()["count"] == 0
    planner = login(actors["planner"])
    assert post(planner, url("follow-up", pk), {"note": "x"}).status_code == 403
    # Updating after signing is refused on the evaluation's state.
    inspector = login(actors["inspector"])
    response = inspector.patch(
        url("detail", pk), {"text": "y", "row_version": 1}, content_type="application/json"
    )
    assert (response.status_code, list(response.json())) == (400, ["evaluation"])


def test_the_list_filters(login, scoring, actors):
    inspector = login(actors["inspector"])
    first = post(inspector, LIST, {"evaluation": scoring.pk, "component_code": "1", "text": "a"}).json()["id"]
    post(inspector, LIST, {"evaluation": scoring.pk, "component_code": "2", "text": "b", "due_date": LATER})
    Recommendation.objects.filter(pk=first).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    rows = inspector.get(LIST, {"overdue": "true"}).json()["results"]
    assert [(r["id"], r["overdue"]) for r in rows] == [(first, True)]
    assert inspector.get(LIST, {"unit": "PSDKP-BITUNG"}).json()["count"] == 0
    assert inspector.get(LIST, {"status": "open", "evaluation": scoring.pk}).json()["count"] == 2
    assert inspector.get(LIST, {"status": "done"}).json()["count"] == 0
