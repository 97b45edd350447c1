"""The transparency portal: the final documents a unit publishes, and how often public files are downloaded.

Everything else the portal shows (Renstra, signed PK, verified quarters) is read from the apps that
own it; only the final LKj, which no app generates yet, is uploaded and published here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PublicationKind(models.TextChoices):
    LKJ = "lkj", _("Performance report (LKj)")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Not published")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Publication(models.Model):
    """A final document a unit uploads and publishes; withdrawn with a reason, never deleted."""

    unit = models.ForeignKey(
        "organization.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PublicationKind.choices, default="lkj")
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="transparency/%Y/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdraw_reason = models.TextField(_("reason for withdrawal"), blank=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["unit__path", "-year", "-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year"],
                condition=Q(status="published"),
                name="one_published_per_unit_year",
                violation_error_message=_("This unit has already published this document for the year."),
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdraw_reason=""),
                name="withdrawn_has_reason",
                violation_error_message=_("A withdrawn publication needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DocumentKind(models.TextChoices):
    AGREEMENT = "pk", _("Performance agreement (PK)")
    ACHIEVEMENTS = "achievements", _("Verified achievements (CSV)")
    PUBLICATION = "publication", _("Published document")


class DownloadCount(models.Model):
    """How often one public document was downloaded; incremented in the database (count = count + 1).

    `object_id` names the agreement or the publication; 0 for the achievements table of a year.
    """

    document = models.CharField(max_length=20, choices=DocumentKind.choices)
    unit = models.ForeignKey("organization.OrgUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    object_id = models.PositiveIntegerField(default=0)
    count = models.PositiveBigIntegerField(default=0)

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")
        ordering = ["unit__path", "-year", "document"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "unit", "year", "object_id"], name="uniq_download_counter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.unit_id} {self.year}: {self.count}"
