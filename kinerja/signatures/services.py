"""Writes of the signatures app: the organisation's certificate, documents, signatures, and the
check of a PDF someone holds against the revisions Kinerja issued.

A document is rendered once (with a QR code to its public page) and then only ever grows: each
signature is an incremental update made with the organisation's certificate on behalf of the
named signer, who typed their password to sign. Every revision's SHA-256 is recorded, so a copy
is authentic only when it is byte for byte one of them and its signatures still verify.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kinerja.accounts.access import is_administrator
from kinerja.core.concurrency import ConcurrentEditError, update_versioned

from . import hooks, pades
from .models import DocumentStatus, SignedDocument, Signer, SigningCertificate

if TYPE_CHECKING:
    from kinerja.accounts.models import User
    from kinerja.organization.models import OrgUnit

LOCATION = "Jakarta"
AUTHENTIC = "authentic"
MODIFIED = "modified"

# --- the organisation's certificate --------------------------------------------------------------


def _bundle_message(error: pades.BundleError) -> str:
    return {
        "not_pkcs12": _("This is not a PKCS#12 file (.p12 or .pfx)."),
        "passphrase": _("The passphrase does not open this PKCS#12 file."),
        "incomplete": _("The file must hold both the private key and its certificate."),
        "key_type": _("Only RSA and elliptic-curve keys can sign."),
        "mismatch": _("The private key does not belong to the certificate."),
        "key_usage": _("The certificate is not allowed to make digital signatures."),
    }[error.reason]


def _activate(certificate: SigningCertificate) -> SigningCertificate:
    # One at a time, saved row by row so each change is in the history.
    for other in SigningCertificate.objects.filter(is_active=True).exclude(pk=certificate.pk):
        other.is_active = False
        other.save(update_fields=["is_active"])
    return certificate


@transaction.atomic
def certificate_upload(*, actor: User, name: str, data: bytes, passphrase: str) -> SigningCertificate:
    """Store the organisation's PKCS#12 bundle and sign with it from now on (administrators only)."""
    if not is_administrator(actor):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the certificate a name.")})
    try:
        bundle = pades.read_bundle(data, passphrase)
    except pades.BundleError as exc:
        raise ValidationError({exc.field: _bundle_message(exc)}) from None
    now = timezone.now()
    if bundle.valid_until <= now:
        raise ValidationError(
            {"data": _("The certificate expired on %(date)s.") % {"date": f"{bundle.valid_until:%Y-%m-%d}"}}
        )
    if bundle.valid_from > now:
        raise ValidationError(
            {
                "data": _("The certificate is valid only from %(date)s.")
                % {"date": f"{bundle.valid_from:%Y-%m-%d}"}
            }
        )
    return _store(name=name, data=data, passphrase=passphrase, bundle=bundle, actor=actor)


def _store(
    *, name: str, data: bytes, passphrase: str, bundle: pades.Bundle, actor: User | None
) -> SigningCertificate:
    certificate = SigningCertificate(
        name=name[:200],
        pkcs12=data,
        passphrase=passphrase,
        certificate=bundle.certificate_der,
        subject=bundle.subject[:500],
        fingerprint=bundle.fingerprint,
        valid_from=bundle.valid_from,
        valid_until=bundle.valid_until,
        is_self_signed=bundle.is_self_signed,
        is_active=True,
        uploaded_by=actor,
    )
    certificate.full_clean()
    certificate.save()
    return _activate(certificate)


@transaction.atomic
def certificate_demo_create(
    *, name: str = "Kinerja Demo (self-signed)", actor: User | None = None
) -> SigningCertificate:
    """A self-signed certificate for demonstrations and tests; PDF readers show it as untrusted."""
    passphrase = secrets.token_urlsafe(24)
    data = pades.demo_bundle(common_name=name, organisation="Kinerja", passphrase=passphrase)
    return _store(
        name=name, data=data, passphrase=passphrase, bundle=pades.read_bundle(data, passphrase), actor=actor
    )


def active_certificate() -> SigningCertificate:
    certificate = SigningCertificate.objects.filter(is_active=True).first()
    if certificate is None:
        raise ValidationError(_("No signing certificate has been set; an administrator must upload one."))
    return certificate


# --- documents -----------------------------------------------------------------------------------


def verify_url(public_id: uuid.UUID) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("signatures:public", kwargs={"public_id": public_id})


def qr_svg(url: str) -> str:
    """Inline SVG of a QR code (about 3 cm wide) that WeasyPrint draws as vectors."""
    code = segno.make(url, error="m")
    svg: str = mark_safe(code.svg_inline(scale=0.6, unit="mm", svgclass="kinerja-qr", title=url))
    return svg


def _write(document: SignedDocument, data: bytes) -> str:
    # A random name: the file's address says nothing about the document.
    name = document.file.field.generate_filename(document, f"{uuid.uuid4().hex}.pdf")
    saved: str = default_storage.save(name, ContentFile(data))
    return saved


def _read(document: SignedDocument) -> bytes:
    with default_storage.open(document.file.name, "rb") as handle:
        data: bytes = handle.read()
    return data


def document_create(
    *,
    actor: User,
    kind: str,
    title: str,
    unit: OrgUnit,
    render: Callable[[dict[str, Any]], bytes],
    signers: Sequence[tuple[User, str]],
) -> SignedDocument:
    """Render a document to sign and record who signs it, in order.

    `render` gets the verification context (verify_url, qr_svg, public_id) for the template
    snippet "signatures/_verification_block.html" and returns the PDF. The caller decides who
    may create the document; this only checks the document itself.
    """
    kind, title = kind.strip(), title.strip()
    if not kind:
        raise ValidationError({"kind": _("Name the kind of document.")})
    if not title:
        raise ValidationError({"title": _("Give the document a title.")})
    if not signers:
        raise ValidationError({"signers": _("A document needs at least one signer.")})
    users = [user for user, _capacity in signers]
    if len({user.pk for user in users}) != len(users):
        raise ValidationError({"signers": _("Each person signs a document once.")})
    for user, capacity in signers:
        if not user.is_active:
            raise ValidationError(
                {"signers": _("%(name)s cannot sign: the account is inactive.") % {"name": user}}
            )
        if not capacity.strip():
            raise ValidationError({"signers": _("Say in what capacity %(name)s signs.") % {"name": user}})
    public_id = uuid.uuid4()
    url = verify_url(public_id)
    pdf = render({"verify_url": url, "qr_svg": qr_svg(url), "public_id": public_id})
    if not pdf.startswith(b"%PDF-"):
        raise ValidationError(_("The document could not be rendered as a PDF."))
    digest = pades.sha256(pdf)
    document = SignedDocument(
        public_id=public_id,
        kind=kind,
        title=title,
        unit=unit,
        sha256=digest,
        base_sha256=digest,
        status=DocumentStatus.OPEN,
        created_by=actor,
    )
    document.file.name = _write(document, pdf)
    try:
        with transaction.atomic():
            document.full_clean()
            document.save()
            Signer.objects.bulk_create(
                Signer(document=document, user=user, capacity=capacity.strip()[:200], order=index)
                for index, (user, capacity) in enumerate(signers)
            )
    except BaseException:
        default_storage.delete(document.file.name)
        raise
    return document


def document_sign(
    *, actor: User, document: SignedDocument, password: str, expected_version: int
) -> SignedDocument:
    """Add the actor's signature after they re-authenticated with their password.

    The signature is made with the organisation's active certificate; the PDF names the signer
    and their capacity. The previous revision's file is kept: every revision stays on disk.
    """
    with transaction.atomic():
        document = SignedDocument.objects.select_related("unit").get(pk=document.pk)
        signer = Signer.objects.filter(document=document, user=actor).first()
        if signer is None or not actor.is_active:
            raise PermissionDenied
        if document.status != DocumentStatus.OPEN:
            raise ValidationError(_("This document is no longer awaiting signatures."))
        if signer.signed_at is not None:
            raise ValidationError(_("You have already signed this document."))
        if not password or not actor.check_password(password):
            raise ValidationError(
                {"password": _("The password is not correct; the document was not signed.")}
            )
        if document.row_version != expected_version:
            raise ConcurrentEditError()
        certificate = active_certificate()
        current = _read(document)
        if pades.sha256(current) != document.sha256:
            raise ValidationError(
                _(
                    "The stored file does not match its recorded fingerprint; it cannot be signed. "
                    "Tell an administrator."
                )
            )
        signed_count = Signer.objects.filter(document=document).exclude(signed_at=None).count()
        signed = pades.sign(
            current,
            bundle=bytes(certificate.pkcs12),
            passphrase=certificate.passphrase,
            field_name=f"Signature{signed_count + 1}",
            signer_name=actor.get_full_name(),
            reason=signer.capacity,
            location=LOCATION,
        )
        digest = pades.sha256(signed)
        name = _write(document, signed)
        try:
            pending = Signer.objects.filter(document=document, signed_at=None).exclude(pk=signer.pk).exists()
            document = update_versioned(
                document,
                expected_version=expected_version,
                fields={
                    "file": name,
                    "sha256": digest,
                    "status": DocumentStatus.OPEN if pending else DocumentStatus.COMPLETE,
                },
            )
            signer.signed_at = timezone.now()
            signer.sha256_after = digest
            signer.save(update_fields=["signed_at", "sha256_after"])
            hooks.run(document, actor)
        except BaseException:
            default_storage.delete(name)
            raise
    return document


@transaction.atomic
def document_void(*, actor: User, document: SignedDocument, reason: str) -> SignedDocument:
    """Withdraw a document that is still awaiting signatures (its creator or an administrator)."""
    document = SignedDocument.objects.get(pk=document.pk)
    if document.created_by_id != actor.pk and not is_administrator(actor):
        raise PermissionDenied
    if document.status != DocumentStatus.OPEN:
        raise ValidationError(_("Only a document still awaiting signatures can be withdrawn."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the document is withdrawn.")})
    return update_versioned(
        document,
        expected_version=document.row_version,
        fields={"status": DocumentStatus.VOID, "void_reason": reason},
    )


# --- checking a copy ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    sha256: str
    verdict: str  # AUTHENTIC or MODIFIED
    document: SignedDocument | None = None
    # "original" (before any signature) or "signed" (right after `signer`'s signature); "" if none.
    revision: str = ""
    signer: Signer | None = None
    readable: bool = True
    signatures: list[pades.EmbeddedSignature] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why it is not authentic
    notes: list[str] = field(default_factory=list)  # worth knowing either way

    @property
    def authentic(self) -> bool:
        return self.verdict == AUTHENTIC


def _match(digest: str, document: SignedDocument | None) -> tuple[SignedDocument | None, str, Signer | None]:
    documents = SignedDocument.objects.select_related("unit")
    if document is not None:
        documents = documents.filter(pk=document.pk)
    original = documents.filter(base_sha256=digest).first()
    if original is not None:
        return original, "original", None
    signer = (
        Signer.objects.filter(document__in=documents, sha256_after=digest)
        .select_related("document__unit", "user")
        .first()
    )
    if signer is not None:
        return signer.document, "signed", signer
    return None, "", None


def _signature_problems(signature: pades.EmbeddedSignature) -> list[str]:
    label = signature.signer_name or signature.field_name
    problems = []
    if signature.error:
        problems.append(_("Signature “%(name)s” could not be checked.") % {"name": label})
    else:
        if not signature.intact:
            problems.append(
                _("Signature “%(name)s”: the content it covers has been changed.") % {"name": label}
            )
        if not signature.valid:
            problems.append(
                _("Signature “%(name)s”: the signature does not match the signer's certificate.")
                % {"name": label}
            )
        if signature.later_changes == "other":
            problems.append(
                _("Changes other than signatures were added to the file after signature “%(name)s”.")
                % {"name": label}
            )
    return problems


def document_check(*, data: bytes, document: SignedDocument | None = None) -> CheckResult:
    """Is `data` a revision Kinerja issued (of `document`, if given), with intact, valid signatures?"""
    digest = pades.sha256(data)
    matched, revision, signer = _match(digest, document)
    reasons: list[str] = []
    notes: list[str] = []
    if matched is None:
        reasons.append(
            _(
                "The file is not a version of this document issued by Kinerja: its SHA-256 fingerprint "
                "matches none of them."
            )
            if document is not None
            else _("The file matches no document issued by Kinerja.")
        )
    trusted = [bytes(der) for der in SigningCertificate.objects.values_list("certificate", flat=True) if der]
    readable = True
    signatures: list[pades.EmbeddedSignature] = []
    try:
        signatures = pades.embedded_signatures(data, trusted=trusted)
    except pades.UnreadablePdf:
        readable = False
        reasons.append(_("The file cannot be read as a PDF."))
    for signature in signatures:
        reasons.extend(_signature_problems(signature))
        if signature.ok and not signature.trusted:
            notes.append(
                _("Signature “%(name)s” was made with a certificate Kinerja does not use.")
                % {"name": signature.signer_name or signature.field_name}
            )
    if matched is not None:
        if digest != matched.sha256:
            notes.append(_("This copy is an earlier version: the document has been signed again since."))
        if matched.status == DocumentStatus.VOID:
            notes.append(_("The document has been withdrawn."))
    return CheckResult(
        sha256=digest,
        verdict=AUTHENTIC if matched is not None and not reasons else MODIFIED,
        document=matched,
        revision=revision,
        signer=signer,
        readable=readable,
        signatures=signatures,
        reasons=reasons,
        notes=notes,
    )
