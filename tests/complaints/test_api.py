"""The complaints API: the same services as the pages, with 404, 403, 400 naming the field, and 409."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kinerja.complaints import services
from kinerja.complaints.models import Complaint, ComplaintState

from .helpers import fresh, receive, tarakan, triaged

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(name, complaint=None):
    if complaint is None:
        return reverse(f"api:complaint-{name}")
    return reverse(f"api:complaint-{name}", kwargs={"number": complaint.number})


def test_record_then_work_through_to_closed(actors):
    client = api(actors["planner"])
    created = client.post(
        url("list"),
        {
            "channel": "in_person",
            "kind": "pengaduan",
            "standard": "verifikasi",
            "subject": "Antrean",
            "text": "Antrean konsultasi panjang.",
            "contact_name": "Tamu",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["unit"] == "ROREN"
    assert body["standard"] == "verifikasi"
    assert body["recorded_by"] == "planner"
    complaint = Complaint.objects.get(number=body["number"])
    assert services.complaint_lookup(number=complaint.number, secret=body["secret"]) == complaint
    version = body["row_version"]
    triage = client.post(
        url("triage", complaint),
        {"row_version": version, "kind": "saran", "standard": None, "handler": "planner"},
        format="json",
    )
    assert triage.status_code == 200
    assert triage.json()["state"] == "triaged"
    started = client.post(
        url("start", complaint), {"row_version": triage.json()["row_version"]}, format="json"
    )
    assert started.json()["state"] == "in_progress"
    noted = client.post(url("notes", complaint), {"text": "Ditelepon balik."}, format="json")
    assert noted.status_code == 201
    assert noted.json()["notes"][0]["text"] == "Ditelepon balik."
    answer = client.post(
        url("answer", complaint),
        {"row_version": started.json()["row_version"], "answer": "Sudah."},
        format="json",
    )
    assert answer.json()["state"] == "answered"
    assert answer.json()["answer_seconds"] is not None
    closed = client.post(
        url("close", complaint), {"row_version": answer.json()["row_version"]}, format="json"
    )
    assert closed.json()["state"] == "closed"
    listed = client.get(url("list"), {"state": "closed"}).json()
    assert [row["number"] for row in listed["results"]] == [complaint.number]
    assert client.get(url("detail", complaint)).json()["number"] == complaint.number


def test_refusals(actors):
    complaint = receive().complaint
    to_tarakan = receive(unit=tarakan()).complaint
    # Not seen: 404. Seen but not handled: 403.
    assert api(actors["operator_b"]).get(url("detail", complaint)).status_code == 404
    assert api(actors["operator_a"]).get(url("detail", to_tarakan)).status_code == 200
    assert (
        api(actors["inspector"]).post(url("start", complaint), {"row_version": 1}, format="json").status_code
        == 403
    )
    assert api(actors["inspector"]).post(url("list"), {}, format="json").status_code == 403
    client = api(actors["planner"])
    # A refused value names its field.
    response = client.post(url("reject", complaint), {"row_version": 1, "reason": ""}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    response = client.post(url("answer", complaint), {"row_version": 1, "answer": "Jawaban"}, format="json")
    assert response.status_code == 400
    assert "state" in response.json()
    response = client.post(
        url("triage", complaint), {"row_version": 1, "kind": "saran", "handler": "operator_a"}, format="json"
    )
    assert response.status_code == 400
    assert "handler" in response.json()
    response = client.post(
        url("list"), {"channel": "web", "kind": "saran", "subject": "x", "text": "y"}, format="json"
    )
    assert response.status_code == 400
    assert "channel" in response.json()
    # A stale row_version: 409.
    triaged(actors, complaint)
    response = client.post(url("start", complaint), {"row_version": 1}, format="json")
    assert response.status_code == 409
    assert fresh(complaint).state == ComplaintState.TRIAGED


def test_the_schema_has_the_complaint_endpoints(client):
    schema = client.get(reverse("api:schema")).content.decode()
    assert "/api/complaints/{number}/triage/" in schema
