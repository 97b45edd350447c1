"""The planning API: the same services and rules as the pages."""

from django.urls import reverse

from kinerja.planning.models import Agreement

from .conftest import HEADER

BODY = {
    "unit": "PSDKP-TARAKAN",
    "year": 2025,
    **HEADER,
    "indicators": [
        {"indicator": "IK-02", "target": "80", "period_targets": {"TW1": "80", "TW4": "82"}},
        {"indicator": "IK-05", "target": "100", "period_targets": {"TAHUN": "100"}},
    ],
    "budget": [{"programme_code": "DL", "programme_name": "Pengawasan SDKP", "ceiling": "4850000000"}],
    "sasaran": [{"code": "SK-00", "weight": "40", "perspective": "Proses Internal"}],
}


def test_create_read_sign_revise(client, actors, open_year):
    open_year()
    client.force_login(actors["operator_a"])
    response = client.post(reverse("api:agreement-list"), BODY, content_type="application/json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert [i["indicator"] for i in created["indicators"]] == ["IK-02", "IK-05"]
    assert created["sasaran"][0]["perspective"] == "Proses Internal"
    assert created["indicators"][0]["period_targets"] == {"TW1": "80", "TW4": "82"}
    pk = created["id"]
    bad = client.post(
        reverse("api:agreement-list"),
        {**BODY, "year": 2026, "indicators": [{"indicator": "IK-05", "period_targets": {"TW2": "1"}}]},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "period_targets" in bad.json()
    sign = client.post(
        reverse("api:agreement-sign", kwargs={"pk": pk}),
        {"signed_on": "2025-01-31", "row_version": created["row_version"]},
        content_type="application/json",
    )
    assert sign.status_code == 200
    assert sign.json()["status"] == "signed"
    no_reason = client.post(
        reverse("api:agreement-revise", kwargs={"pk": pk}), {}, content_type="application/json"
    )
    assert no_reason.status_code == 400
    revised = client.post(
        reverse("api:agreement-revise", kwargs={"pk": pk}),
        {"reason": "Refocusing", "indicators": [{"indicator": "IK-02", "target": "70"}]},
        content_type="application/json",
    )
    assert revised.status_code == 201
    body = revised.json()
    assert body["revision"] == 1
    assert body["supersedes"] == pk
    assert [i["indicator"] for i in body["indicators"]] == ["IK-02"]
    assert any("IK-02" in warning for warning in body["warnings"])
    assert body["budget"][0]["ceiling"] == "4850000000.00"
    listed = client.get(reverse("api:agreement-list"), {"year": 2025}).json()["results"]
    assert [a["revision"] for a in listed] == [1]


def test_step_status_through_the_api(client, actors, open_year, tarakan):
    from kinerja.planning import services

    open_year()
    client.force_login(actors["operator_a"])
    pk = client.post(reverse("api:agreement-list"), BODY, content_type="application/json").json()["id"]
    item = Agreement.objects.get(pk=pk).indicator_rows.get(indicator=tarakan["IK-02"])
    step = services.action_step_create(
        actor=None, agreement_indicator=item, quarter="TW1", description="Patroli"
    )
    url = reverse("api:action-step-detail", kwargs={"pk": step.pk})
    refused = client.patch(url, {"row_version": 1, "status": "not_done"}, content_type="application/json")
    assert refused.status_code == 400
    assert "justification" in refused.json()
    done = client.patch(
        url,
        {"row_version": 1, "status": "not_done", "justification": "Kapal docking"},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert done.json()["status"] == "not_done"
    client.force_login(actors["planner"])
    assert (
        client.patch(url, {"row_version": 2, "status": "done"}, content_type="application/json").status_code
        == 403
    )
    client.force_login(actors["operator_b"])
    assert client.get(url).status_code == 404


def test_access_to_agreements_and_the_schedule(client, actors, open_year):
    open_year()
    client.force_login(actors["planner"])
    assert (
        client.post(reverse("api:agreement-list"), BODY, content_type="application/json").status_code == 403
    )
    years = client.get(reverse("api:planning-year-list")).json()["results"]
    assert years[0]["year"] == 2025
    assert years[0]["windows"][3]["entry_closes"] == "2026-01-15"
    client.force_login(actors["operator_b"])
    assert (
        client.post(reverse("api:agreement-list"), BODY, content_type="application/json").status_code == 404
    )
    assert client.get(reverse("api:planning-year-detail", kwargs={"year": 2025})).status_code == 200


def test_renstra_api(client, actors, catalog):
    client.force_login(actors["operator_a"])
    body = {
        "unit": "PSDKP-TARAKAN",
        "title": "Renstra 2025–2029",
        "start_year": 2025,
        "end_year": 2029,
        "regulation": "Permen KP 17/2020",
        "indicators": [{"indicator": "IK-20", "baseline": "80", "yearly_targets": {"2025": "82"}}],
    }
    response = client.post(reverse("api:renstra-list"), body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["indicators"][0]["yearly_targets"] == {"2025": "82"}
    again = client.post(reverse("api:renstra-list"), body, content_type="application/json")
    assert again.status_code == 400
    assert "start_year" in again.json()
    client.force_login(actors["operator_b"])
    assert client.get(reverse("api:renstra-list")).json()["results"] == []
