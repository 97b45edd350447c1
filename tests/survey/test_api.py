"""The survey API: services, registration, populations and results."""

import pytest

from kinerja.survey import services

from .conftest import answers, wib

pytestmark = pytest.mark.django_db


def test_results_of_a_service_and_period(login, actors, tarakan_service):
    services.population_set(
        actor=actors["operator_a"], service=tarakan_service, year=2026, period="TW2", population=100
    )
    services.response_submit(service=tarakan_service, answers=answers(), at=wib(2026, 5, 2, 10))
    client = login(actors["inspector"])
    body = client.get("/api/survey/services/pelanggaran/results/?year=2026&period=TW2").json()
    assert body["respondents"] == 1
    assert body["ikm"] == "100.00"
    assert body["grade"] == "A"
    assert body["nrr"]["u1"] == "4.00"
    assert (body["population"], body["sample_size"]) == (100, 80)
    assert {"label": "Female", "count": 1} in body["profile"]["sex"]
    refused = client.get("/api/survey/services/pelanggaran/results/?year=2026&period=TW7")
    assert refused.status_code == 400
    assert "period" in refused.json()
    empty = client.get("/api/survey/services/pelanggaran/results/?year=2026&period=TW1").json()
    assert (empty["respondents"], empty["ikm"], empty["nrr"]) == (0, None, None)


def test_a_unit_registers_and_changes_its_service(login, actors, org):
    client = login(actors["operator_a"])
    made = client.post(
        "/api/survey/services/",
        {"unit": "PSDKP-TARAKAN", "code": "informasi", "name": "Layanan informasi"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    again = client.post(
        "/api/survey/services/",
        {"unit": "PSDKP-TARAKAN", "code": "informasi", "name": "Lagi"},
        content_type="application/json",
    )
    assert again.status_code == 400
    assert "code" in again.json()
    changed = client.patch(
        "/api/survey/services/informasi/",
        {"name": "Layanan informasi publik", "row_version": 1},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["row_version"] == 2
    stale = client.patch(
        "/api/survey/services/informasi/", {"name": "X", "row_version": 1}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert (
        login(actors["operator_b"])
        .post(
            "/api/survey/services/",
            {"unit": "PSDKP-TARAKAN", "code": "y", "name": "Y"},
            content_type="application/json",
        )
        .status_code
        == 404
    )


def test_population_of_the_bureau_service_is_refused(login, actors, bureau):
    response = login(actors["admin"]).post(
        "/api/survey/services/validasi/population/",
        {"year": 2026, "period": "TW1", "population": 3},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "population" in response.json()
