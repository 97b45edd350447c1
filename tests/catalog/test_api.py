import pytest
from django.urls import reverse

from tests.formula.helpers import WORKED_VESSEL as VESSEL


@pytest.mark.django_db
def test_list_follows_the_catalogue_reach(client, actors, catalog):
    client.force_login(actors["operator_a"])
    rows = client.get(reverse("api:indicator-list"), {"unit": ""}).json()
    units = {row["unit"] for row in rows["results"]}
    assert units == {"PSDKP-TARAKAN", "DJPSDKP", "KKP"}
    client.force_login(actors["operator_b"])
    rows = client.get(reverse("api:indicator-list")).json()["results"]
    assert {row["unit"] for row in rows} == {"DJPSDKP", "KKP"}


@pytest.mark.django_db
def test_filters(client, actors, catalog):
    client.force_login(actors["planner"])
    rows = client.get(
        reverse("api:indicator-list"), {"unit": "PSDKP-TARAKAN", "periodicity": "semester"}
    ).json()
    assert sorted(row["code"] for row in rows["results"]) == ["IK-01", "IK-15", "IK-24"]


@pytest.mark.django_db
def test_detail_has_the_sheet_the_computation_and_the_versions(client, actors, catalog):
    client.force_login(actors["operator_a"])
    ik02 = catalog[("PSDKP-TARAKAN", "IK-02")]
    data = client.get(reverse("api:indicator-detail", args=[ik02.pk])).json()
    assert data["code"] == "IK-02"
    assert data["computation"]["aggregation"] == "cumulative_mean"
    assert data["versions"][0]["number"] == 1
    assert data["evidence_requirements"]


@pytest.mark.django_db
def test_evaluate_gives_the_compute_shape(client, actors, catalog):
    client.force_login(actors["operator_a"])
    ik02 = catalog[("PSDKP-TARAKAN", "IK-02")]
    payload = {"year": 2024, "periods": {"TW1": {"inputs": {"kapal": [VESSEL]}, "target": 80}}}
    data = client.post(
        reverse("api:indicator-evaluate", args=[ik02.pk]), payload, content_type="application/json"
    ).json()
    assert data["periods"]["TW1"]["achievement"] == 109.58


@pytest.mark.django_db
def test_evaluate_names_the_bad_field(client, actors, catalog):
    client.force_login(actors["operator_a"])
    ik02 = catalog[("PSDKP-TARAKAN", "IK-02")]
    payload = {"periods": {"TW1": {"inputs": {"kapal": [{**VESSEL, "sar_target": -1}]}}}}
    response = client.post(
        reverse("api:indicator-evaluate", args=[ik02.pk]), payload, content_type="application/json"
    )
    assert response.status_code == 400
    problem = response.json()["problems"][0]
    assert problem["indicator"] == "IK-02"
    assert problem["period"] == "TW1"
    assert "sar_target" in problem["field"]


@pytest.mark.django_db
def test_planner_defines_a_new_version_and_check_reports_positions(client, actors, catalog):
    client.force_login(actors["planner"])
    ik13 = catalog[("PSDKP-TARAKAN", "IK-13")]
    bad = {**ik13.computation, "formula": "dokumen_dipenuhi / dokumen_wajb * 100"}
    check = client.post(
        reverse("api:indicator-check", args=[ik13.pk]), {"computation": bad}, content_type="application/json"
    ).json()
    assert check["valid"] is False
    assert check["problems"][0]["line"] == 1
    refused = client.post(
        reverse("api:indicator-versions", args=[ik13.pk]),
        {"row_version": ik13.row_version, "computation": bad, "reason": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    good = {**ik13.computation, "unit": "persen"}
    saved = client.post(
        reverse("api:indicator-versions", args=[ik13.pk]),
        {"row_version": ik13.row_version, "computation": good, "reason": "satuan"},
        content_type="application/json",
    )
    assert saved.status_code == 201
    assert saved.json()["number"] == 2
    stale = client.post(
        reverse("api:indicator-versions", args=[ik13.pk]),
        {"row_version": ik13.row_version, "computation": {**good, "unit": "%"}, "reason": "y"},
        content_type="application/json",
    )
    assert stale.status_code == 409


@pytest.mark.django_db
def test_operators_cannot_define(client, actors, catalog):
    client.force_login(actors["operator_a"])
    ik13 = catalog[("PSDKP-TARAKAN", "IK-13")]
    response = client.post(
        reverse("api:indicator-versions", args=[ik13.pk]),
        {"row_version": 1, "computation": ik13.computation, "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_create_via_api(client, actors, catalog):
    client.force_login(actors["planner"])
    computation = catalog[("PSDKP-TARAKAN", "IK-13")].computation
    response = client.post(
        reverse("api:indicator-list"),
        {
            "unit": "PSDKP-TARAKAN",
            "sasaran": "SK-06",
            "code": "IK-26",
            "name": "Indikator baru",
            "computation": computation,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    duplicate = client.post(
        reverse("api:indicator-list"),
        {
            "unit": "PSDKP-TARAKAN",
            "sasaran": "SK-06",
            "code": "IK-26",
            "name": "lagi",
            "computation": computation,
        },
        content_type="application/json",
    )
    assert duplicate.status_code == 400


@pytest.mark.django_db
def test_evidence_list_is_replaced_and_checked(client, actors, catalog):
    client.force_login(actors["planner"])
    ik07 = catalog[("PSDKP-TARAKAN", "IK-07")]
    url = reverse("api:indicator-evidence-requirements", args=[ik07.pk])
    ok = client.put(
        url,
        {
            "items": [
                {"name": "Surat Tugas", "kinds": ["file", "link"]},
                {"name": "Catatan", "kinds": ["text"], "required": False},
            ]
        },
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert [row["name"] for row in ok.json()] == ["Surat Tugas", "Catatan"]
    bad = client.put(url, {"items": [{"name": "X", "kinds": ["fax"]}]}, content_type="application/json")
    assert bad.status_code == 400
    assert ik07.evidence_requirements.count() == 2


@pytest.mark.django_db
def test_unit_head_names_the_person_in_charge(client, actors, catalog):
    client.force_login(actors["unit_head"])
    ik07 = catalog[("PSDKP-TARAKAN", "IK-07")]
    url = reverse("api:indicator-pic", args=[ik07.pk])
    first = client.post(
        url, {"user": "operator_a", "start_date": "2026-01-01"}, content_type="application/json"
    )
    assert first.status_code == 201
    client.post(url, {"user": "unit_head", "start_date": "2026-04-01"}, content_type="application/json")
    current = ik07.pic_assignments.get(end_date__isnull=True)
    assert current.user.username == "unit_head"
    assert ik07.pic_assignments.get(user__username="operator_a").end_date.isoformat() == "2026-03-31"


@pytest.mark.django_db
def test_sheet_fields_change_through_the_api_and_links_stay_in_the_tree(client, actors, catalog):
    client.force_login(actors["planner"])
    ik07 = catalog[("PSDKP-TARAKAN", "IK-07")]
    url = reverse("api:indicator-detail", args=[ik07.pk])
    ok = client.patch(
        url,
        {"row_version": ik07.row_version, "sasaran": "SK-06", "data_source": "OSS"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["sasaran"] == "SK-06"
    sibling = catalog[("PSDKP-TARAKAN", "IK-08")]
    refused = client.patch(
        url,
        {"row_version": ok.json()["row_version"], "parent_indicator": sibling.pk},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "parent_indicator" in refused.json()
