"""Realisations through the API: save by natural key, preview, conflicts, engine problems, roles."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.performance.models import Realisation, Result
from tests.matrix.api_performance import INPUTS, complete_quarter

pytestmark = pytest.mark.django_db

KEY = {"unit": "PSDKP-TARAKAN", "year": 2026, "period": "TW1", "indicator": "IK-09"}
BY_KEY = reverse("api:realisation-by-key", kwargs=KEY)


def test_token_client_saves_by_natural_key_and_the_result_follows(pk, token_client):
    client = token_client("operator_a")
    created = client.put(BY_KEY, {"inputs": INPUTS, "progress": "Dua kasus"}, format="json")
    assert created.status_code == 200, created.content
    body = created.json()
    assert (body["state"], Decimal(body["value"]), body["row_version"]) == ("value", Decimal(75), 1)
    assert body["progress"] == "Dua kasus"
    result = Result.objects.get(indicator__code="IK-09", period="TW1", basis="working")
    assert result.achievement == Decimal("75.00")
    changed = client.put(
        BY_KEY, {"inputs": {"sanksi_ditetapkan": 4, "kasus_ditangani": 4}, "row_version": 1}, format="json"
    )
    assert changed.json()["row_version"] == 2
    assert client.get(BY_KEY).json()["value"] == "100.0000"


def test_anonymous_and_bad_tokens_are_refused(pk, token_client):
    assert token_client(None).put(BY_KEY, {"inputs": INPUTS}, format="json").status_code == 403
    client = token_client(None)
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get(reverse("api:realisation-list")).status_code == 403
    assert not Realisation.objects.exists()


def test_session_save_action_and_a_stale_version_is_a_conflict(pk, client, actors):
    client.force_login(actors["operator_a"])
    url = reverse("api:realisation-save")
    first = client.post(url, {**KEY, "inputs": INPUTS}, content_type="application/json")
    assert first.status_code == 200
    second = client.post(
        url,
        {**KEY, "inputs": {"sanksi_ditetapkan": 1, "kasus_ditangani": 4}, "row_version": 1},
        content_type="application/json",
    )
    assert second.status_code == 200
    stale = client.post(
        url,
        {**KEY, "inputs": {"sanksi_ditetapkan": 0, "kasus_ditangani": 4}, "row_version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["detail"] == ConcurrentEditError().messages  # in the chosen language
    assert Realisation.objects.get().value == Decimal(25)


def test_a_first_save_with_a_version_is_a_conflict(pk, client, actors):
    client.force_login(actors["operator_a"])
    response = client.put(BY_KEY, {"inputs": INPUTS, "row_version": 3}, content_type="application/json")
    assert response.status_code == 409


def test_engine_problems_name_the_field(pk, client, actors):
    client.force_login(actors["operator_a"])
    response = client.put(
        BY_KEY,
        {"inputs": {"sanksi_ditetapkan": "abc", "kasus_ditangani": 4}},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["problems"][0]["field"] == "sanksi_ditetapkan"
    assert body["inputs"]
    assert not Realisation.objects.exists()


def test_service_and_body_errors_name_the_field(pk, client, actors):
    client.force_login(actors["operator_a"])
    blank = client.put(
        BY_KEY, {"inputs": None, "not_computable_reason": " "}, content_type="application/json"
    )
    assert blank.status_code == 400
    assert "reason" in blank.json()
    not_object = client.put(BY_KEY, {"inputs": [1, 2]}, content_type="application/json")
    assert (not_object.status_code, list(not_object.json())) == (400, ["inputs"])
    outside = client.put(
        reverse("api:realisation-by-key", kwargs={**KEY, "indicator": "IK-07"}),
        {"inputs": {}},
        content_type="application/json",
    )
    assert outside.status_code == 400
    assert "indicator" in outside.json()
    declared = client.put(
        BY_KEY,
        {"inputs": None, "not_computable_reason": "Sistem e-sanksi mati"},
        content_type="application/json",
    )
    assert (declared.json()["state"], declared.json()["reason"]) == ("not_computable", "Sistem e-sanksi mati")


@pytest.mark.parametrize(("actor", "code"), [("planner", 403), ("inspector", 403), ("operator_b", 404)])
def test_who_may_not_save(pk, client, actors, actor, code):
    client.force_login(actors[actor])
    assert client.put(BY_KEY, {"inputs": INPUTS}, content_type="application/json").status_code == code
    assert not Realisation.objects.exists()


def test_a_submitted_quarter_is_locked(pk, client, actors):
    from kinerja.performance import submissions

    complete_quarter(actors["operator_a"], "TW1")
    submissions.submission_submit(
        actor=actors["operator_a"], unit=pk.unit, year=2026, quarter="TW1", expected_version=0
    )
    client.force_login(actors["operator_a"])
    response = client.put(BY_KEY, {"inputs": INPUTS, "row_version": 1}, content_type="application/json")
    assert response.status_code == 400
    assert "locked" in response.json()["__all__"][0]


def test_preview_computes_without_saving(pk, client, actors):
    client.force_login(actors["leadership"])
    response = client.post(
        reverse("api:realisation-preview"), {**KEY, "inputs": INPUTS}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["result"]["value"] == 75
    assert response.json()["result"]["achievement"] == 75
    bad = client.post(
        reverse("api:realisation-preview"),
        {**KEY, "inputs": {"sanksi_ditetapkan": -1, "kasus_ditangani": 4}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["problems"][0]["field"] == "sanksi_ditetapkan"
    assert not Realisation.objects.exists()


def test_lists_are_restricted_and_filtered(pk, client, actors):
    complete_quarter(actors["operator_a"], "TW1")
    complete_quarter(actors["operator_a"], "TW2")
    url = reverse("api:realisation-list")
    client.force_login(actors["operator_b"])
    assert client.get(url).json()["count"] == 0
    row = Realisation.objects.get(period="TW1")
    assert client.get(reverse("api:realisation-detail", args=[row.pk])).status_code == 404
    client.force_login(actors["inspector"])
    assert client.get(url).json()["count"] == 2
    rows = client.get(url, {"unit": "PSDKP-TARAKAN", "quarter": "TW2", "indicator": "IK-09"}).json()[
        "results"
    ]
    assert [(r["period"], r["indicator"]) for r in rows] == [("TW2", "IK-09")]
    assert client.get(url, {"year": "2025"}).json()["count"] == 0
    assert client.get(url, {"year": "dua ribu"}).status_code == 400
    assert client.get(url, {"indicator": "IK-02"}).json()["count"] == 0
