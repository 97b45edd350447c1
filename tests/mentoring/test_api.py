"""The mentoring API: the same rules as the pages, with 404, 403, 400 naming the field, and 409."""

import hashlib

from django.urls import reverse
from rest_framework.test import APIClient

from kinerja.mentoring.models import MentoringFinding, MentoringUpload
from kinerja.workflows.models import RequestStatus

from .helpers import PDF, add_finding, in_service, open_request, pdf


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


FINDING = {
    "chapter": "bab_2",
    "regulation": "perpres_29_2014",
    "finding": "Indikator tidak selaras dengan Renstra",
    "recommendation": "Selaraskan dengan Renstra",
}


def test_the_unit_uploads_lists_downloads_and_removes_a_file(actors):
    request = open_request(actors)
    client = api(actors["operator_a"])
    created = client.post(
        reverse("api:mentoring-upload-list"),
        {"request": request.number, "kind": "draft_lkj", "file": pdf()},
        format="multipart",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert body["request"] == request.number
    listed = client.get(reverse("api:mentoring-upload-list"), {"request": request.number}).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    assert client.get(reverse("api:mentoring-upload-list"), {"request": "PDP-1999-0001"}).json()["count"] == 0
    download = client.get(body["download"])
    assert b"".join(download.streaming_content) == PDF
    assert client.delete(reverse("api:mentoring-upload-detail", args=[body["id"]])).status_code == 204
    assert not MentoringUpload.objects.exists()


def test_upload_refusals_are_404_403_and_400(actors):
    request = open_request(actors)
    url = reverse("api:mentoring-upload-list")
    body = {"request": request.number, "kind": "draft_lkj", "file": pdf()}
    assert api(actors["operator_b"]).post(url, body, format="multipart").status_code == 404
    assert api(actors["planner"]).post(url, {**body, "file": pdf()}, format="multipart").status_code == 403
    refused = api(actors["operator_a"]).post(url, {**body, "file": pdf("a.pdf", b"nope")}, format="multipart")
    assert refused.status_code == 400
    assert "file" in refused.json()


def test_the_officer_writes_findings_through_the_api(actors):
    request = in_service(actors)
    client = api(actors["planner"])
    created = client.post(
        reverse("api:mentoring-finding-list"), {**FINDING, "request": request.number}, format="json"
    )
    assert created.status_code == 201
    finding = created.json()
    assert (finding["sort_order"], finding["row_version"]) == (1, 1)
    detail = reverse("api:mentoring-finding-detail", args=[finding["id"]])
    patched = client.patch(
        detail, {"row_version": 1, "recommendation": "Rujuk Renstra 2025-2029"}, format="json"
    )
    assert patched.status_code == 200
    assert patched.json()["recommendation"] == "Rujuk Renstra 2025-2029"
    assert patched.json()["finding"] == FINDING["finding"]
    assert client.patch(detail, {"row_version": 1, "finding": "x"}, format="json").status_code == 409
    assert client.delete(detail).status_code == 400
    assert client.delete(f"{detail}?row_version=1").status_code == 409
    assert client.delete(f"{detail}?row_version=2").status_code == 204
    assert not MentoringFinding.objects.exists()


def test_the_unit_reads_findings_but_may_not_write_them(actors):
    request = in_service(actors)
    finding = add_finding(actors, request)
    client = api(actors["operator_a"])
    listed = client.get(reverse("api:mentoring-finding-list"), {"request": request.number})
    assert listed.status_code == 200
    assert (
        client.post(
            reverse("api:mentoring-finding-list"), {**FINDING, "request": request.number}, format="json"
        ).status_code
        == 403
    )
    detail = reverse("api:mentoring-finding-detail", args=[finding.pk])
    assert client.patch(detail, {"row_version": 1, "finding": "x"}, format="json").status_code == 403
    assert api(actors["operator_b"]).get(detail).status_code == 404


def test_a_bad_finding_is_400_naming_the_field(actors):
    request = in_service(actors)
    response = api(actors["planner"]).post(
        reverse("api:mentoring-finding-list"),
        {**FINDING, "chapter": "bab_9", "request": request.number},
        format="json",
    )
    assert response.status_code == 400
    assert "chapter" in response.json()


def test_the_request_summary_and_the_worksheet(actors):
    request = in_service(actors)
    add_finding(actors, request)
    request.refresh_from_db()
    url = reverse("api:mentoring-request-detail", kwargs={"number": request.number})
    summary = api(actors["operator_a"]).get(url).json()
    assert [item["key"] for item in summary["requirements"]] == [
        "draft_lkj",
        "verification_results",
        "evidence_endorsed",
    ]
    assert len(summary["uploads"]) == 2
    assert len(summary["findings"]) == 1
    worksheet = reverse("api:mentoring-request-worksheet", kwargs={"number": request.number})
    body = {"representative": "operator_a", "row_version": request.row_version}
    assert api(actors["operator_a"]).post(worksheet, body, format="json").status_code == 403
    assert api(actors["operator_b"]).post(worksheet, body, format="json").status_code == 404
    wrong = api(actors["planner"]).post(worksheet, {**body, "representative": "inspector"}, format="json")
    assert wrong.status_code == 400
    assert "representative" in wrong.json()
    stale = api(actors["planner"]).post(
        worksheet, {**body, "row_version": body["row_version"] - 1}, format="json"
    )
    assert stale.status_code == 409
    issued = api(actors["planner"]).post(worksheet, body, format="json")
    assert issued.status_code == 200
    assert issued.json()["status"] == RequestStatus.SIGNING
    assert issued.json()["worksheet"]
