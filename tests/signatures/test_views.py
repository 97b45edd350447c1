"""The pages: the public page (no login) with its copy check, signing with the password, the list
of documents to sign, the file download and the administrator's certificate page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core.registry import waiting_for
from kinerja.signatures.models import Signer, SigningCertificate
from tests.conftest import PASSWORD

from .helpers import p12, read

pytestmark = pytest.mark.django_db


def url(name, document):
    return reverse(f"signatures:{name}", kwargs={"public_id": document.public_id})


def test_the_public_page_shows_only_title_unit_signers_and_hash(client, actors, document, sign, english):
    sign(actors["unit_head"], document)
    document.refresh_from_db()
    response = client.get(url("public", document))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        document.title,
        document.unit.name,
        document.sha256,
        "Unit Head",
        "Leadership",
        "Penandatangan 1",
    ):
        assert text in page
    assert "Not signed yet" in page  # leadership is pending
    assert "Operator A" not in page  # who made it is not public
    assert url("file", document) not in page
    assert url("sign", document) not in page
    assert (
        client.get(
            reverse("signatures:public", kwargs={"public_id": "00000000-0000-0000-0000-000000000000"})
        ).status_code
        == 404
    )


def test_the_public_page_checks_a_copy(client, actors, document, sign, english):
    sign(actors["unit_head"], document)
    data = read(document)
    response = client.post(url("public", document), {"file": SimpleUploadedFile("copy.pdf", data)})
    assert response.status_code == 200
    assert "Authentic" in response.content.decode()
    changed = bytearray(data)
    changed[len(changed) // 3] ^= 0x01
    response = client.post(url("public", document), {"file": SimpleUploadedFile("copy.pdf", bytes(changed))})
    page = response.content.decode()
    assert "Modified or unknown" in page
    assert "Authentic" not in page
    assert "matches none of them" in page


def test_the_copy_check_is_csrf_protected_and_size_limited(actors, document, settings, english):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url("public", document), {"file": SimpleUploadedFile("a.pdf", read(document))})
    assert response.status_code == 403
    settings.KINERJA_UPLOAD_MAX_BYTES = 100
    plain = Client()
    plain.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = plain.post(url("public", document), {"file": SimpleUploadedFile("a.pdf", read(document))})
    assert "larger than" in response.content.decode()


def test_signing_on_the_page_needs_the_password(client, actors, document, english):
    client.force_login(actors["unit_head"])
    page = client.get(url("sign", document))
    assert page.status_code == 200
    assert b'type="password"' in page.content
    response = client.post(url("sign", document), {"password": "salah", "row_version": 1})
    assert response.status_code == 200
    assert "password is not correct" in response.content.decode()
    assert not Signer.objects.get(document=document, user=actors["unit_head"]).signed_at
    response = client.post(url("sign", document), {"password": PASSWORD, "row_version": 1})
    assert response.status_code == 302
    assert response["Location"] == url("public", document)
    assert Signer.objects.get(document=document, user=actors["unit_head"]).signed_at
    # A second tab with the old version is told, and nothing changes.
    client.force_login(actors["leadership"])
    response = client.post(url("sign", document), {"password": PASSWORD, "row_version": 1})
    assert response.status_code == 302
    assert response["Location"] == url("sign", document)
    assert not Signer.objects.get(document=document, user=actors["leadership"]).signed_at
    # Signed: the page says so instead of offering the form.
    client.force_login(actors["unit_head"])
    assert "You signed this document" in client.get(url("sign", document)).content.decode()


def test_who_may_open_the_sign_page_and_the_file(client, actors, document):
    for name, sign_code, file_code in (
        ("unit_head", 200, 200),
        ("operator_a", 403, 200),  # sees the unit, but is not a signer
        ("operator_b", 404, 404),
    ):
        client.force_login(actors[name])
        assert client.get(url("sign", document)).status_code == sign_code, name
        assert client.get(url("file", document)).status_code == file_code, name
    client.force_login(actors["unit_head"])
    response = client.get(url("file", document))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == read(document)


def test_documents_to_sign(client, actors, document, sign, english):
    client.force_login(actors["unit_head"])
    assert document.title in client.get(reverse("signatures:mine")).content.decode()
    assert [
        item.count for item in waiting_for(actors["unit_head"]) if item.url == reverse("signatures:mine")
    ] == [1]
    sign(actors["unit_head"], document)
    page = client.get(reverse("signatures:mine")).content.decode()
    assert "Nothing is waiting for your signature" in page
    assert document.title in page
    assert not [item for item in waiting_for(actors["unit_head"]) if item.url == reverse("signatures:mine")]


def test_the_certificate_page(client, actors, certificate, english):
    client.force_login(actors["planner"])
    assert client.get(reverse("signatures:certificates")).status_code == 403
    assert client.post(reverse("signatures:certificate_demo")).status_code == 403
    client.force_login(actors["admin"])
    page = client.get(reverse("signatures:certificates")).content.decode()
    assert certificate.fingerprint in page
    assert "self-signed" in page
    data = p12(certificate, passphrase=b"rahasia")
    response = client.post(
        reverse("signatures:certificates"),
        {"name": "Org", "bundle": SimpleUploadedFile("org.p12", data), "passphrase": "salah"},
    )
    assert response.status_code == 200
    assert "passphrase does not open" in response.content.decode()
    response = client.post(
        reverse("signatures:certificates"),
        {"name": "Org", "bundle": SimpleUploadedFile("org.p12", data), "passphrase": "rahasia"},
    )
    assert response.status_code == 302
    assert SigningCertificate.objects.get(is_active=True).name == "Org"
    assert client.post(reverse("signatures:certificate_demo")).status_code == 302
    assert SigningCertificate.objects.get(is_active=True).is_self_signed
