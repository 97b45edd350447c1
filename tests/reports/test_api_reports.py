"""The API of the LKj draft and of the report documents: the same services and rules as the pages."""

import pytest
from rest_framework.test import APIClient

from kinerja.reports.models import DraftState, LkjDraft, LkjSection

from .lkj_world import YEAR, build_agreement, enter_tw1, indicator, submitted

pytestmark = pytest.mark.django_db
DRAFTS = "/api/lkj-drafts/"
SECTIONS = "/api/lkj-sections/"
NOTES = "/api/lkj-indicator-notes/"
DOCUMENTS = "/api/report-documents/"


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""


@pytest.fixture
def world(actors, catalog):
    agreement = build_agreement()
    enter_tw1()
    return agreement


def as_user(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _draft(actors):
    response = as_user(actors["operator_a"]).post(
        DRAFTS, {"unit": "PSDKP-TARAKAN", "year": YEAR}, format="json"
    )
    return response


def test_the_unit_creates_its_draft_once(actors, world):
    first = _draft(actors)
    assert first.status_code == 201
    assert first.json()["state"] == "writing"
    again = _draft(actors)
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    planner = as_user(actors["planner"]).post(DRAFTS, {"unit": "PSDKP-TARAKAN", "year": YEAR}, format="json")
    assert planner.status_code == 403
    neighbour = as_user(actors["operator_b"]).post(
        DRAFTS, {"unit": "PSDKP-TARAKAN", "year": YEAR}, format="json"
    )
    assert neighbour.status_code == 404


def test_sections_are_written_with_versions_and_409_on_a_stale_one(actors, world):
    draft = _draft(actors).json()["id"]
    client = as_user(actors["operator_a"])
    created = client.post(SECTIONS, {"draft": draft, "section": "ikhtisar", "text": "Awal"}, format="json")
    assert created.status_code == 201
    row = created.json()
    assert (row["text"], row["row_version"], row["updated_by"]) == ("Awal", 1, "operator_a")
    again = client.post(SECTIONS, {"draft": draft, "section": "ikhtisar", "text": "Lagi"}, format="json")
    assert again.status_code == 409
    changed = client.patch(f"{SECTIONS}{row['id']}/", {"text": "Ubah", "row_version": 1}, format="json")
    assert (changed.status_code, changed.json()["row_version"]) == (200, 2)
    stale = client.patch(f"{SECTIONS}{row['id']}/", {"text": "Basi", "row_version": 1}, format="json")
    assert stale.status_code == 409
    assert LkjSection.objects.get(pk=row["id"]).text == "Ubah"
    too_long = client.patch(
        f"{SECTIONS}{row['id']}/", {"text": "x" * 50_001, "row_version": 2}, format="json"
    )
    assert too_long.status_code == 400
    assert "text" in too_long.json()
    assert (
        as_user(actors["planner"])
        .patch(f"{SECTIONS}{row['id']}/", {"text": "P", "row_version": 2}, format="json")
        .status_code
        == 403
    )
    assert as_user(actors["operator_b"]).get(f"{SECTIONS}{row['id']}/").status_code == 404
    listed = as_user(actors["inspector"]).get(SECTIONS, {"draft": draft}).json()["results"]
    assert [r["section"] for r in listed] == ["ikhtisar"]


def test_indicator_notes(actors, world):
    draft = _draft(actors).json()["id"]
    client = as_user(actors["operator_a"])
    outside = client.post(
        NOTES, {"draft": draft, "indicator": indicator("IK-05").pk, "analysis": "x"}, format="json"
    )
    assert (outside.status_code, list(outside.json())) == (400, ["indicator"])
    created = client.post(
        NOTES,
        {"draft": draft, "indicator": indicator("IK-02").pk, "analysis": "Sebab", "solutions": "Solusi"},
        format="json",
    )
    assert created.status_code == 201
    note = created.json()
    assert (note["indicator_code"], note["analysis"], note["solutions"]) == ("IK-02", "Sebab", "Solusi")
    patched = client.patch(
        f"{NOTES}{note['id']}/", {"programmes": "Program", "row_version": 1}, format="json"
    )
    assert patched.status_code == 200
    # Fields not sent keep their text.
    assert (patched.json()["analysis"], patched.json()["programmes"]) == ("Sebab", "Program")
    assert (
        client.patch(f"{NOTES}{note['id']}/", {"analysis": "x", "row_version": 1}, format="json").status_code
        == 409
    )


def test_submit_return_review_through_the_api(actors, world):
    draft = _draft(actors).json()
    unit = as_user(actors["operator_a"])
    missing = unit.post(
        f"{DRAFTS}{draft['id']}/submit/", {"row_version": draft["row_version"]}, format="json"
    )
    assert (missing.status_code, list(missing.json())) == (400, ["sections"])
    LkjDraft.objects.all().delete()
    draft = submitted(actors)
    planner = as_user(actors["planner"])
    assert (
        unit.post(
            f"{DRAFTS}{draft.pk}/review/", {"row_version": draft.row_version}, format="json"
        ).status_code
        == 403
    )
    no_note = planner.post(
        f"{DRAFTS}{draft.pk}/return/", {"row_version": draft.row_version, "note": " "}, format="json"
    )
    assert no_note.status_code == 400
    stale = planner.post(f"{DRAFTS}{draft.pk}/review/", {"row_version": draft.row_version - 1}, format="json")
    assert stale.status_code == 409
    returned = planner.post(
        f"{DRAFTS}{draft.pk}/return/", {"row_version": draft.row_version, "note": "Lengkapi"}, format="json"
    )
    assert returned.status_code == 200
    body = returned.json()
    assert (body["state"], body["review_note"], body["reviewed_by"]) == ("returned", "Lengkapi", "planner")
    assert [s["section"] for s in body["sections"]][:1] == ["ikhtisar"]
    resubmitted = unit.post(
        f"{DRAFTS}{draft.pk}/submit/", {"row_version": body["row_version"]}, format="json"
    )
    assert resubmitted.json()["state"] == "submitted"
    reviewed = planner.post(
        f"{DRAFTS}{draft.pk}/review/", {"row_version": resubmitted.json()["row_version"]}, format="json"
    )
    assert reviewed.json()["state"] == "reviewed"
    assert LkjDraft.objects.get().state == DraftState.REVIEWED
    assert (
        as_user(actors["operator_b"])
        .post(f"{DRAFTS}{draft.pk}/return/", {"row_version": 1, "note": "x"}, format="json")
        .status_code
        == 404
    )
    mine = as_user(actors["unit_head"]).get(DRAFTS, {"unit": "PSDKP-TARAKAN", "year": YEAR}).json()["results"]
    assert [d["id"] for d in mine] == [draft.pk]
    assert as_user(actors["operator_b"]).get(DRAFTS).json()["results"] == []


# --- documents -----------------------------------------------------------------------------------


def test_the_documents_of_a_year(actors, world):
    response = as_user(actors["operator_a"]).get(DOCUMENTS, {"unit": "PSDKP-TARAKAN", "year": YEAR})
    assert response.status_code == 200
    rows = response.json()
    assert [(r["kind"], r["period"]) for r in rows] == [("pk", None), ("lkj", None), ("triwulan", "TW1")]
    assert [f["format"] for f in rows[2]["files"]] == ["pdf", "docx"]
    assert rows[2]["files"][0]["download"] == f"{DOCUMENTS}PSDKP-TARAKAN/{YEAR}/triwulan/pdf/?period=TW1"
    # By default: the user's own unit and its latest year with data.
    assert as_user(actors["unit_head"]).get(DOCUMENTS).json() == rows
    assert (
        as_user(actors["operator_b"]).get(DOCUMENTS, {"unit": "PSDKP-TARAKAN", "year": YEAR}).status_code
        == 404
    )


def test_download_through_the_api(actors, world):
    client = as_user(actors["inspector"])
    listed = client.get(DOCUMENTS, {"unit": "PSDKP-TARAKAN", "year": YEAR}).json()
    pk_pdf = client.get(listed[0]["files"][0]["download"])
    assert pk_pdf.status_code == 200
    assert pk_pdf["Content-Type"] == "application/pdf"
    assert pk_pdf["Content-Disposition"] == 'attachment; filename="PK-PSDKP-TARAKAN-2025.pdf"'
    assert pk_pdf.content.startswith(b"%PDF")
    tw = f"{DOCUMENTS}PSDKP-TARAKAN/{YEAR}/triwulan/pdf/"
    no_period = client.get(tw)
    assert (no_period.status_code, list(no_period.json())) == (400, ["period"])
    assert client.get(tw, {"period": "TW4"}).status_code == 404  # no data for that quarter
    assert client.get(f"{DOCUMENTS}PSDKP-TARAKAN/{YEAR}/pk/odt/").status_code == 404
    assert client.get(f"{DOCUMENTS}PSDKP-TARAKAN/{YEAR}/pk/pdf/", {"period": "TW1"}).status_code == 400
    pk = f"{DOCUMENTS}PSDKP-TARAKAN/{YEAR}/pk/pdf/"
    assert as_user(actors["operator_b"]).get(pk).status_code == 404
    assert APIClient().get(pk).status_code == 403
