"""Evidence through the API: multipart upload checked by content, links and texts, delete, download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.catalog.models import EvidenceRequirement
from kinerja.performance.models import Evidence
from tests.matrix.api_performance import PDF, complete_quarter

pytestmark = pytest.mark.django_db

KEY = {"unit": "PSDKP-TARAKAN", "year": 2026, "period": "TW1", "indicator": "IK-09"}


def upload(client, name="laporan.pdf", content=PDF, **extra):
    return client.post(
        reverse("api:evidence-list"),
        {**KEY, "description": "Laporan sanksi", "file": SimpleUploadedFile(name, content), **extra},
    )


def test_a_pdf_is_uploaded_by_token_and_downloaded(pk, token_client):
    client = token_client("operator_a")
    requirement = EvidenceRequirement.objects.filter(indicator__code="IK-09").first()
    response = client.post(
        reverse("api:evidence-list"),
        {
            **KEY,
            "description": "Laporan",
            "requirement": requirement.pk,
            "file": SimpleUploadedFile("a.pdf", PDF),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["content_type"], body["size"]) == ("file", "application/pdf", len(PDF))
    assert body["requirement_name"] == requirement.name
    download = token_client("leadership").get(body["download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert 'filename="a.pdf"' in download["Content-Disposition"]
    assert download["Content-Type"] == "application/pdf"
    assert token_client("operator_b").get(body["download"]).status_code == 404
    assert token_client(None).get(body["download"]).status_code == 403


@pytest.mark.parametrize(
    ("name", "content"),
    [("laporan.pdf", b"MZ\x90\x00\x03" + b"\0" * 60), ("laporan.docx", PDF), ("skrip.pdf", b"<script>")],
)
def test_files_are_refused_by_their_content(pk, client, actors, name, content):
    client.force_login(actors["operator_a"])
    response = upload(client, name, content)
    assert response.status_code == 400
    assert "file" in response.json()
    assert not Evidence.objects.exists()


def test_links_and_texts_come_as_json(pk, client, actors):
    client.force_login(actors["unit_head"])
    link = client.post(
        reverse("api:evidence-list"),
        {**KEY, "url": "https://example.invalid/berita", "description": "Berita"},
        content_type="application/json",
    )
    assert (link.status_code, link.json()["kind"], link.json()["download"]) == (201, "link", None)
    assert client.get(reverse("api:evidence-download", args=[link.json()["id"]])).status_code == 404
    correction = client.post(
        reverse("api:evidence-list"),
        {**KEY, "text": "Tanggal diperbaiki", "description": "Koreksi", "corrects": link.json()["id"]},
        content_type="application/json",
    )
    assert correction.status_code == 201
    assert correction.json()["corrects"] == link.json()["id"]
    missing = client.post(
        reverse("api:evidence-list"), {**KEY, "description": "Kosong"}, content_type="application/json"
    )
    assert (missing.status_code, list(missing.json())) == (400, ["kind"])
    unknown = client.post(
        reverse("api:evidence-list"),
        {**KEY, "text": "x", "description": "x", "requirement": 999999},
        content_type="application/json",
    )
    assert (unknown.status_code, list(unknown.json())) == (400, ["requirement"])


@pytest.mark.parametrize(("actor", "code"), [("planner", 403), ("leadership", 403), ("operator_b", 404)])
def test_who_may_not_add(pk, client, actors, actor, code):
    client.force_login(actors[actor])
    assert upload(client).status_code == code
    assert not Evidence.objects.exists()


def test_delete_follows_the_service_rules(pk, client, actors):
    from kinerja.performance import submissions

    client.force_login(actors["operator_a"])
    evidence_id = upload(client).json()["id"]
    client.force_login(actors["planner"])
    assert client.delete(reverse("api:evidence-detail", args=[evidence_id])).status_code == 403
    client.force_login(actors["operator_b"])
    assert client.delete(reverse("api:evidence-detail", args=[evidence_id])).status_code == 404
    client.force_login(actors["operator_a"])
    assert client.delete(reverse("api:evidence-detail", args=[evidence_id])).status_code == 204
    assert not Evidence.objects.exists()

    complete_quarter(actors["operator_a"], "TW2")
    submissions.submission_submit(
        actor=actors["operator_a"], unit=pk.unit, year=2026, quarter="TW2", expected_version=0
    )
    locked = Evidence.objects.filter(period="TW2").first()
    response = client.delete(reverse("api:evidence-detail", args=[locked.pk]))
    assert response.status_code == 400
    assert Evidence.objects.filter(pk=locked.pk).exists()


def test_list_is_restricted_and_filtered(pk, client, actors):
    complete_quarter(actors["operator_a"], "TW1")
    complete_quarter(actors["operator_a"], "TW2")
    count = Evidence.objects.count()
    client.force_login(actors["operator_b"])
    assert client.get(reverse("api:evidence-list")).json()["count"] == 0
    client.force_login(actors["planner"])
    assert client.get(reverse("api:evidence-list")).json()["count"] == count
    tw2 = client.get(reverse("api:evidence-list"), {"period": "TW2", "unit": "PSDKP-TARAKAN"}).json()
    assert tw2["count"] == count // 2
    assert {row["period"] for row in tw2["results"]} == {"TW2"}
