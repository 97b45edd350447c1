"""Complaints, suggestions and feedback about the bureau's services (penanganan pengaduan).

A complaint is addressed to a unit (Biro Perencanaan by default), so the one access mechanism
decides who reads it (`unit_lookup`). The complainant holds a tracking number and a secret; only a
hash of the secret is stored. The answer deadline is fixed when the complaint is received, from the
settings and the service calendar of that day, so a later change of either does not make an old
complaint late.
"""

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ComplaintKind(models.TextChoices):
    PENGADUAN = "pengaduan", _("Complaint")
    SARAN = "saran", _("Suggestion")
    MASUKAN = "masukan", _("Feedback")


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    IN_PERSON = "in_person", _("In person")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telephone")


class ComplaintState(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


OPEN_STATES = (ComplaintState.RECEIVED, ComplaintState.TRIAGED, ComplaintState.IN_PROGRESS)


class ComplaintSettings(models.Model):
    """One row: the answer deadline, which an administrator may change (Django admin)."""

    answer_days = models.PositiveSmallIntegerField(
        _("answer within (service days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Counted in service days after the day of receipt; the answer is due at closing time."),
    )
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")

    def __str__(self) -> str:
        return str(_("Complaint settings"))


class Complaint(models.Model):
    number = models.CharField(_("number"), max_length=20, unique=True)
    secret_hash = models.CharField(max_length=128, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=ComplaintKind.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, default=Channel.WEB)
    standard = models.ForeignKey(
        "workflows.ServiceStandard",
        verbose_name=_("service concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    unit = models.ForeignKey(
        "organization.OrgUnit",
        verbose_name=_("unit addressed"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"), max_length=5000)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=ComplaintState.choices, default=ComplaintState.RECEIVED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_complaints",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_at = models.DateTimeField(_("answer due"))
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True)
    started_at = models.DateTimeField(_("follow-up started"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("rejected"), null=True, blank=True)
    answer = models.TextField(_("public answer"), max_length=5000, blank=True)
    reject_reason = models.TextField(_("reason for the rejection"), max_length=1000, blank=True)
    # Stored when answered, so reports need not replay the calendar for every complaint.
    answer_seconds = models.PositiveIntegerField(_("answer time (service seconds)"), null=True, blank=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version", "secret_hash"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["state", "kind"]), models.Index(fields=["received_at"])]

    def __str__(self) -> str:
        return f"{self.number} — {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def overdue_at(self, moment: datetime.datetime) -> bool:
        """Late at `moment`: still open past the deadline, or answered after it."""
        if self.state == ComplaintState.REJECTED:
            return False
        if self.answered_at is not None:
            return self.answered_at > self.due_at
        return moment > self.due_at


def attachment_path(_instance: "ComplaintAttachment", filename: str) -> str:
    """A generated name: the complainant's file name never reaches the storage."""
    today = timezone.localdate()
    return f"complaints/{today:%Y}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class ComplaintAttachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    unit_lookup = "complaint__unit"

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class ComplaintNote(models.Model):
    """An internal follow-up note: never shown to the complainant."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    unit_lookup = "complaint__unit"

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
