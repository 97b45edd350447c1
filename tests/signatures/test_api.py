"""The API: documents (restricted), the file, signing with password and version, the public check
and the certificate upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from kinerja.signatures.models import SigningCertificate
from tests.conftest import PASSWORD

from .helpers import p12, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(actors):
    def _client(name=None):
        client = APIClient()
        if name:
            client.force_authenticate(actors[name])
        return client

    return _client


def test_documents_are_listed_to_those_who_may_see_them(api, document):
    body = api("operator_a").get(reverse("api:signed-document-list")).json()
    assert [row["public_id"] for row in body["results"]] == [str(document.public_id)]
    row = body["results"][0]
    assert [(s["user"], s["capacity"], s["signed_at"]) for s in row["signers"]] == [
        ("unit_head", "Penandatangan 1", None),
        ("leadership", "Penandatangan 2", None),
    ]
    assert row["sha256"] == document.sha256
    assert row["verify_url"].endswith(f"/d/{document.public_id}/")
    assert api("operator_b").get(reverse("api:signed-document-list")).json()["results"] == []
    detail = reverse("api:signed-document-detail", args=[document.public_id])
    assert api("operator_b").get(detail).status_code == 404
    waiting = api("unit_head").get(reverse("api:signed-document-list"), {"waiting": "1"}).json()
    assert len(waiting["results"]) == 1
    assert (
        api("operator_a").get(reverse("api:signed-document-list"), {"waiting": "1"}).json()["results"] == []
    )
    response = api("unit_head").get(row["download"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == read(document)


def test_signing_through_the_api(api, document):
    sign = reverse("api:signed-document-sign", args=[document.public_id])
    wrong = api("unit_head").post(sign, {"password": "salah", "expected_version": 1}, format="json")
    assert wrong.status_code == 400
    assert "password" in wrong.json()
    assert api("operator_a").post(sign, {"password": PASSWORD, "expected_version": 1}).status_code == 403
    assert api("operator_b").post(sign, {"password": PASSWORD, "expected_version": 1}).status_code == 404
    done = api("unit_head").post(sign, {"password": PASSWORD, "expected_version": 1}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["row_version"] == 2
    assert done.json()["signers"][0]["signed_at"]
    stale = api("leadership").post(sign, {"password": PASSWORD, "expected_version": 1}, format="json")
    assert stale.status_code == 409
    final = api("leadership").post(sign, {"password": PASSWORD, "expected_version": 2}, format="json")
    assert final.json()["status"] == "complete"
    again = api("leadership").post(sign, {"password": PASSWORD, "expected_version": 3}, format="json")
    assert again.status_code == 400


def test_anyone_may_check_a_copy(api, actors, document, sign):
    sign(actors["unit_head"], document)
    check = reverse("api:signature-check-list")
    data = read(document)
    body = api().post(check, {"file": SimpleUploadedFile("a.pdf", data)}, format="multipart").json()
    assert (body["verdict"], body["document"], body["revision"]) == (
        "authentic",
        str(document.public_id),
        "signed",
    )
    assert body["signed_by"] == "Unit Head"
    assert [(s["signer_name"], s["intact"], s["valid"], s["trusted"]) for s in body["signatures"]] == [
        ("Unit Head", True, True, True)
    ]
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    body = (
        api()
        .post(
            check,
            {"file": SimpleUploadedFile("a.pdf", bytes(changed)), "public_id": str(document.public_id)},
            format="multipart",
        )
        .json()
    )
    assert body["verdict"] == "modified"
    assert body["reasons"]
    assert api().post(check, {}, format="multipart").status_code == 400


def test_certificates_are_for_administrators(api, certificate):
    url = reverse("api:signing-certificate-list")
    assert api("planner").get(url).status_code == 403
    listed = api("admin").get(url).json()
    assert [row["fingerprint"] for row in listed] == [certificate.fingerprint]
    assert "pkcs12" not in listed[0]
    assert "passphrase" not in listed[0]
    data = p12(certificate, passphrase=b"rahasia")
    upload = {"name": "Org", "bundle": SimpleUploadedFile("org.p12", data), "passphrase": "salah"}
    refused = api("admin").post(url, upload, format="multipart")
    assert refused.status_code == 400
    assert "passphrase" in refused.json()
    junk = {"name": "Org", "bundle": SimpleUploadedFile("org.p12", b"junk"), "passphrase": ""}
    assert list(api("admin").post(url, junk, format="multipart").json()) == ["bundle"]
    upload = {"name": "Org", "bundle": SimpleUploadedFile("org.p12", data), "passphrase": "rahasia"}
    assert api("planner").post(url, upload, format="multipart").status_code == 403
    upload["bundle"].seek(0)
    created = api("admin").post(url, upload, format="multipart")
    assert created.status_code == 201
    assert created.json()["is_active"]
    assert SigningCertificate.objects.get(is_active=True).name == "Org"
