"""Signing for real: PAdES signatures pyhanko validates, one changed byte detected, the refusals."""

import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from django.core.exceptions import PermissionDenied, ValidationError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.signatures import hooks, pades, services
from kinerja.signatures.models import SignedDocument, Signer, SigningCertificate
from tests.conftest import PASSWORD

from .helpers import make_document, p12, read

pytestmark = pytest.mark.django_db


def pyhanko_statuses(data, certificate):
    root = asn1_x509.Certificate.load(bytes(certificate.certificate))
    context = ValidationContext(trust_roots=[root])
    reader = PdfFileReader(io.BytesIO(data))
    return [validate_pdf_signature(sig, context) for sig in reader.embedded_signatures]


def in_signature_value(data, position):
    """Is `position` inside a signature's /Contents, the gap of its /ByteRange?"""
    for embedded in PdfFileReader(io.BytesIO(data)).embedded_signatures:
        _start, first_length, second_start, _length = (int(n) for n in embedded.sig_object["/ByteRange"])
        if first_length <= position < second_start:
            return True
    return False


def stored_files(document):
    from django.core.files.storage import default_storage

    folder = document.file.name.rsplit("/", 1)[0]
    return set(default_storage.listdir(folder)[1])


def test_two_people_sign_and_every_revision_is_authentic(actors, document, certificate, sign):
    base = read(document)
    assert base.startswith(b"%PDF-")
    assert document.sha256 == document.base_sha256 == pades.sha256(base)
    assert len(PdfReader(io.BytesIO(base)).pages) == 1
    assert services.document_check(data=base, document=document).verdict == "authentic"

    sign(actors["unit_head"], document)
    first = read(document)
    assert first.startswith(base)  # an incremental update: the original bytes are untouched
    assert document.status == "open"
    head = Signer.objects.get(document=document, user=actors["unit_head"])
    assert head.signed_at is not None
    assert head.sha256_after == document.sha256 == pades.sha256(first)

    sign(actors["leadership"], document)
    final = read(document)
    assert final.startswith(first)
    assert document.status == "complete"
    assert len(PdfReader(io.BytesIO(final)).pages) == 1

    statuses = pyhanko_statuses(final, certificate)
    assert [(s.intact, s.valid, s.trusted) for s in statuses] == [(True, True, True)] * 2
    reader = PdfFileReader(io.BytesIO(final))
    assert [str(s.sig_object["/Name"]) for s in reader.embedded_signatures] == ["Unit Head", "Leadership"]
    assert [str(s.sig_object["/Reason"]) for s in reader.embedded_signatures] == [
        "Penandatangan 1",
        "Penandatangan 2",
    ]
    assert [str(s.sig_object["/SubFilter"]) for s in reader.embedded_signatures] == [
        "/ETSI.CAdES.detached"
    ] * 2

    for data, revision, signatures in ((base, "original", 0), (first, "signed", 1), (final, "signed", 2)):
        result = services.document_check(data=data, document=document)
        assert (result.verdict, result.revision, len(result.signatures)) == (
            "authentic",
            revision,
            signatures,
        )
        assert result.reasons == []
        assert all(s.intact and s.valid and s.trusted for s in result.signatures)
    result = services.document_check(data=final)
    assert result.document == document
    assert result.signer.user == actors["leadership"]
    assert [(s.signer_name, s.covers_whole_file, s.later_changes) for s in result.signatures] == [
        ("Unit Head", False, "signatures"),
        ("Leadership", True, "none"),
    ]
    # An earlier revision is genuine, but the reader is told a later one exists.
    assert services.document_check(data=first, document=document).notes


@pytest.mark.parametrize("where", [0.5, 0.1, 0.3, 0.75, 0.9, 0.95, 0.98, 0.995])
def test_one_changed_byte_is_detected(actors, document, certificate, sign, where):
    sign(actors["unit_head"], document)
    sign(actors["leadership"], document)
    original = read(document)
    data = bytearray(original)
    position = int(len(data) * where)
    data[position] ^= 0x01
    changed = bytes(data)

    result = services.document_check(data=changed, document=document)
    assert result.verdict == "modified"
    assert result.reasons
    # Not only the fingerprint: the signatures themselves show the change.
    assert not result.readable or not all(s.ok for s in result.signatures)
    if in_signature_value(original, position):
        # The /Contents string is the one part no signature covers, and bare validation ignores
        # what follows the value in it: only the fingerprint and the padding check above tell.
        return
    try:
        statuses = pyhanko_statuses(changed, certificate)
    except Exception:  # the changed file no longer parses: also a detection
        return
    # pyhanko passes over a signature it cannot recognise, so "fully signed" means: both are
    # there, intact and valid, and the last one covers the whole file.
    fully_signed = (
        len(statuses) == 2
        and all(s.intact and s.valid for s in statuses)
        and statuses[-1].coverage == SignatureCoverageLevel.ENTIRE_FILE
    )
    assert not fully_signed


def test_a_changed_unsigned_original_is_modified(document):
    data = bytearray(read(document))
    data[len(data) // 2] ^= 0x01
    assert services.document_check(data=bytes(data), document=document).verdict == "modified"


def test_garbage_and_other_documents_are_not_authentic(actors, document, sign):
    other = make_document(actors, title="Dokumen lain")
    result = services.document_check(data=read(other), document=document)
    assert (result.verdict, result.document) == ("modified", None)
    assert services.document_check(data=read(other)).document == other

    garbage = services.document_check(data=b"not a pdf at all", document=document)
    assert (garbage.verdict, garbage.readable) == ("modified", False)


def test_wrong_password_signs_nothing(actors, document, sign):
    before = read(document)
    files = stored_files(document)
    with pytest.raises(ValidationError) as caught:
        sign(actors["unit_head"], document, password="wrong")
    assert "password" in caught.value.message_dict
    assert read(document) == before
    assert (document.row_version, document.sha256) == (1, document.base_sha256)
    assert not Signer.objects.filter(document=document).exclude(signed_at=None).exists()
    assert stored_files(document) == files


def test_only_pending_signers_sign(actors, document, sign):
    with pytest.raises(PermissionDenied):
        sign(actors["operator_a"], document)  # the creator is not a signer
    sign(actors["unit_head"], document)
    with pytest.raises(ValidationError, match="already signed"):
        sign(actors["unit_head"], document)


def test_a_stale_version_is_refused(actors, document, sign):
    stale = document.row_version
    sign(actors["unit_head"], document)
    with pytest.raises(ConcurrentEditError):
        services.document_sign(
            actor=actors["leadership"], document=document, password=PASSWORD, expected_version=stale
        )
    assert not Signer.objects.get(document=document, user=actors["leadership"]).signed_at


@pytest.fixture
def hook_calls():
    calls = []

    def hook(document, actor):
        calls.append((document.pk, document.status, actor.username))

    hooks.register("worksheet", hook)
    yield calls
    hooks.HOOKS["worksheet"].remove(hook)


def test_hooks_run_after_every_signature(actors, document, sign, hook_calls):
    sign(actors["unit_head"], document)
    sign(actors["leadership"], document)
    assert hook_calls == [(document.pk, "open", "unit_head"), (document.pk, "complete", "leadership")]


def test_a_failing_hook_undoes_the_signature(actors, document, sign):
    def broken(document, actor):
        raise RuntimeError("delivery failed")

    files = stored_files(document)
    hooks.register("worksheet", broken)
    try:
        with pytest.raises(RuntimeError):
            sign(actors["unit_head"], document)
    finally:
        hooks.HOOKS["worksheet"].remove(broken)
    document.refresh_from_db()
    assert (document.row_version, document.sha256) == (1, document.base_sha256)
    assert stored_files(document) == files


def test_signing_needs_a_certificate(actors, document, sign):
    SigningCertificate.objects.update(is_active=False)
    with pytest.raises(ValidationError, match="No signing certificate"):
        sign(actors["unit_head"], document)


def test_void(actors, document, sign):
    with pytest.raises(PermissionDenied):
        services.document_void(actor=actors["unit_head"], document=document, reason="salah")
    with pytest.raises(ValidationError) as caught:
        services.document_void(actor=actors["operator_a"], document=document, reason=" ")
    assert "reason" in caught.value.message_dict
    services.document_void(actor=actors["operator_a"], document=document, reason="Data salah")
    document.refresh_from_db()
    assert (document.status, document.void_reason) == ("void", "Data salah")
    with pytest.raises(ValidationError, match="no longer awaiting"):
        sign(actors["unit_head"], document)
    with pytest.raises(ValidationError):
        services.document_void(actor=actors["admin"], document=document, reason="lagi")
    assert "withdrawn" in " ".join(services.document_check(data=read(document), document=document).notes)


def test_document_create_checks_its_input(actors, certificate):
    with pytest.raises(ValidationError) as caught:
        make_document(actors, signers=("unit_head", "unit_head"))
    assert "signers" in caught.value.message_dict
    with pytest.raises(ValidationError):
        make_document(actors, signers=())
    assert not SignedDocument.objects.exists()


def test_the_pdf_carries_the_qr_and_the_public_address(actors, document):
    from django.conf import settings
    from django.urls import reverse

    text = PdfReader(io.BytesIO(read(document))).pages[0].extract_text()
    url = settings.SITE_URL + reverse("signatures:public", kwargs={"public_id": document.public_id})
    assert url in text.replace("\n", "")
    assert str(document.public_id) in text


# --- the certificate -----------------------------------------------------------------------------


def test_certificate_upload(actors, certificate, document, sign):
    sign(actors["unit_head"], document)
    data = p12(services.certificate_demo_create(name="Sumber"))
    with pytest.raises(PermissionDenied):
        services.certificate_upload(actor=actors["planner"], name="Org", data=data, passphrase="rahasia")
    with pytest.raises(ValidationError) as caught:
        services.certificate_upload(actor=actors["admin"], name="Org", data=data, passphrase="salah")
    assert set(caught.value.message_dict) == {"passphrase"}
    with pytest.raises(ValidationError) as caught:
        services.certificate_upload(actor=actors["admin"], name="Org", data=b"junk", passphrase="")
    assert set(caught.value.message_dict) == {"data"}
    keyless = p12(certificate, key=False)
    with pytest.raises(ValidationError) as caught:
        services.certificate_upload(actor=actors["admin"], name="Org", data=keyless, passphrase="rahasia")
    assert set(caught.value.message_dict) == {"data"}

    uploaded = services.certificate_upload(actor=actors["admin"], name="Org", data=data, passphrase="rahasia")
    assert uploaded.is_active
    assert services.active_certificate() == uploaded
    assert SigningCertificate.objects.filter(is_active=True).count() == 1
    parsed = x509.load_der_x509_certificate(bytes(uploaded.certificate))
    assert uploaded.subject == parsed.subject.rfc4514_string()
    assert len(uploaded.fingerprint) == 95
    assert uploaded.uploaded_by == actors["admin"]

    # The second signature uses the new certificate; the first, made with the old one, still counts.
    sign(actors["leadership"], document)
    result = services.document_check(data=read(document), document=document)
    assert result.verdict == "authentic"
    assert all(s.trusted for s in result.signatures)
    assert len({s.certificate_subject for s in result.signatures}) == 2
