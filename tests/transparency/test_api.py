"""The API: public reads without a token, and the staff's publication lifecycle."""

import pytest
from rest_framework.test import APIClient

from kinerja.transparency.models import Publication

from .helpers import DRAFT_PARTY, HIDDEN_VALUES, MENTORING_DRAFT, YEAR, pdf

pytestmark = pytest.mark.django_db

UNITS = "/api/transparency/units/"
PUBLICATIONS = "/api/transparency/publications/"


def as_user(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_public_units_without_login(world):
    response = APIClient().get(UNITS)
    assert response.status_code == 200
    codes = [u["code"] for u in response.json()["results"]]
    assert codes == ["PSDKP-TARAKAN"]


def test_public_unit_detail_shows_only_public_documents(world, mentoring_draft):
    data = APIClient().get(f"{UNITS}PSDKP-TARAKAN/", {"year": YEAR}).json()
    assert data["year"] == YEAR
    assert data["agreement"]["revision"] == 0
    assert data["agreement"]["download"] == f"/transparency/PSDKP-TARAKAN/{YEAR}/pk.pdf"
    assert [p["title"] for p in data["publications"]] == ["LKj Tarakan 2025 Final"]
    assert data["verified_quarters"] == ["TW1"]
    assert data["renstra"]["title"] == "Renstra Tarakan Uji"
    text = str(data)
    assert DRAFT_PARTY not in text
    assert MENTORING_DRAFT not in text
    assert "LKj Belum Terbit" not in text
    draft_year = APIClient().get(f"{UNITS}PSDKP-TARAKAN/", {"year": YEAR + 1}).json()
    assert draft_year["agreement"] is None
    assert draft_year["achievements_csv"] is None


def test_public_achievements_only_verified(world):
    data = APIClient().get(f"{UNITS}PSDKP-TARAKAN/achievements/", {"year": YEAR}).json()
    assert [q["quarter"] for q in data] == ["TW1"]
    assert data[0]["results"][0]["realisation"] == "87.6100"
    assert data[0]["nko"] == "90.61"
    assert data[0]["npss"][0]["npss"] == "89.61"
    for hidden in HIDDEN_VALUES:
        assert hidden not in str(data)


def test_download_counts_in_the_api(client, world):
    published = world["published"]
    client.get(f"/transparency/PSDKP-TARAKAN/documents/{published.pk}/download")
    client.get(f"/transparency/PSDKP-TARAKAN/documents/{published.pk}/download")
    data = APIClient().get(f"{UNITS}PSDKP-TARAKAN/", {"year": YEAR}).json()
    assert data["publications"][0]["downloads"] == 2


def test_staff_list_needs_login_and_is_restricted(actors, world):
    assert APIClient().get(PUBLICATIONS).status_code == 403
    mine = as_user(actors["operator_a"]).get(PUBLICATIONS).json()["results"]
    assert {p["status"] for p in mine} == {"draft", "published", "withdrawn"}
    assert as_user(actors["operator_b"]).get(PUBLICATIONS).json()["results"] == []
    assert as_user(actors["operator_b"]).get(f"{PUBLICATIONS}{world['draft'].pk}/").status_code == 404


def test_staff_lifecycle(actors, catalog):
    client = as_user(actors["operator_a"])
    created = client.post(
        PUBLICATIONS,
        {"unit": "PSDKP-TARAKAN", "year": YEAR, "title": "LKj API", "file": pdf()},
        format="multipart",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"
    published = client.post(f"{PUBLICATIONS}{pk}/publish/", {"row_version": 1}, format="json")
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    stale = client.post(f"{PUBLICATIONS}{pk}/withdraw/", {"row_version": 1, "reason": "x"}, format="json")
    assert stale.status_code == 409
    no_reason = client.post(f"{PUBLICATIONS}{pk}/withdraw/", {"row_version": 2, "reason": " "}, format="json")
    assert no_reason.status_code == 400
    withdrawn = client.post(
        f"{PUBLICATIONS}{pk}/withdraw/", {"row_version": 2, "reason": "Salah"}, format="json"
    )
    assert withdrawn.status_code == 200
    assert Publication.objects.get(pk=pk).status == "withdrawn"


def test_staff_permissions(actors, world):
    draft = world["draft"]
    assert (
        as_user(actors["planner"])
        .post(f"{PUBLICATIONS}{draft.pk}/publish/", {"row_version": draft.row_version}, format="json")
        .status_code
        == 403
    )
    assert (
        as_user(actors["operator_b"])
        .post(f"{PUBLICATIONS}{draft.pk}/publish/", {"row_version": draft.row_version}, format="json")
        .status_code
        == 404
    )
    refused = as_user(actors["planner"]).post(
        PUBLICATIONS, {"unit": "PSDKP-TARAKAN", "year": YEAR, "title": "x", "file": pdf()}, format="multipart"
    )
    assert refused.status_code == 403
