"""Documents signed in the application with a real PAdES signature.

Each signature is an incremental update of the PDF, made with the organisation's certificate on
behalf of a named person who re-authenticated to sign; every revision's SHA-256 is kept, so the
public page a document's QR code points to can say whether a file in someone's hands is one of
them, and who had signed it by then.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SigningCertificate(models.Model):
    """The organisation's signing key and certificate, uploaded by an administrator as PKCS#12."""

    name = models.CharField(_("name"), max_length=200)
    pkcs12 = models.BinaryField(_("PKCS#12 bundle"))
    # The certificate alone (DER), so validation trusts it without decrypting the key.
    certificate = models.BinaryField(_("certificate (DER)"), default=b"", editable=False)
    passphrase = models.CharField(_("passphrase"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=500, editable=False)
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=95, editable=False)
    valid_from = models.DateTimeField(_("valid from"), editable=False)
    valid_until = models.DateTimeField(_("valid until"), editable=False)
    is_self_signed = models.BooleanField(_("self-signed (demo)"), default=False, editable=False)
    is_active = models.BooleanField(_("in use"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["pkcs12", "passphrase", "certificate"])

    class Meta:
        verbose_name = _("signing certificate")
        verbose_name_plural = _("signing certificates")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.name


class DocumentStatus(models.TextChoices):
    OPEN = "open", _("Awaiting signatures")
    COMPLETE = "complete", _("Signed by everyone")
    VOID = "void", _("Withdrawn")


class SignedDocument(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=255)
    unit = models.ForeignKey(
        "organization.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="signed/%Y/")
    sha256 = models.CharField(_("SHA-256 of the current file"), max_length=64)
    base_sha256 = models.CharField(_("SHA-256 before any signature"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=DocumentStatus.choices, default="open")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    void_reason = models.TextField(_("reason for withdrawal"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Signer(models.Model):
    """A person whose signature the document needs, in order, with the capacity they sign in."""

    document = models.ForeignKey(SignedDocument, on_delete=models.CASCADE, related_name="signers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(_("signs as"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    # The SHA-256 of the file as it stood right after this signature.
    sha256_after = models.CharField(max_length=64, blank=True)

    unit_lookup = "document__unit"

    class Meta:
        ordering = ["document", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["document", "user"], name="one_signature_per_person")]

    def __str__(self) -> str:
        return f"{self.user} ({self.capacity})"
