"""Mentoring of a unit's annual performance report (Laporan Kinerja, LKj).

The unit brings its draft LKj and its verification results; the planner writes findings per
chapter of the LKj, each against one of the regulations the service standard cites, and the
findings become the Lembar Kerja Pendampingan that the mentor and the unit sign.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UploadKind(models.TextChoices):
    DRAFT_LKJ = "draft_lkj", _("Draft performance report (LKj)")
    VERIFICATION_RESULT = "verification_result", _("Verification results")


class Chapter(models.TextChoices):
    """The chapters of an LKj (PermenPANRB 53/2014), in the order the report has them."""

    # Translators: the LKj chapter "Ikhtisar Eksekutif".
    SUMMARY = "ikhtisar", _("Executive summary")
    # Translators: the LKj chapter "Bab I Pendahuluan".
    INTRODUCTION = "bab_1", _("Chapter I Introduction")
    # Translators: the LKj chapter "Bab II Perencanaan Kinerja".
    PLANNING = "bab_2", _("Chapter II Performance planning")
    # Translators: the LKj chapter "Bab III Akuntabilitas Kinerja".
    ACCOUNTABILITY = "bab_3", _("Chapter III Performance accountability")
    # Translators: the LKj chapter "Bab IV Penutup".
    CLOSING = "bab_4", _("Chapter IV Closing")
    # Translators: the LKj part "Lampiran".
    APPENDICES = "lampiran", _("Appendices")


CHAPTER_ORDER = {value: index for index, value in enumerate(Chapter.values)}


class Regulation(models.TextChoices):
    """The regulations the service standard names, cited as the standard cites them."""

    PERPRES_29_2014 = "perpres_29_2014", "Perpres 29/2014"
    PERMENPANRB_53_2014 = "permenpanrb_53_2014", "PermenPANRB 53/2014"
    PERMEN_KP_68_2017 = "permen_kp_68_2017", "Permen KP 68/2017"
    PERMENPANRB_88_2022 = "permenpanrb_88_2022", "PermenPANRB 88/2022"


class MentoringUpload(models.Model):
    """A file the unit brings to the mentoring; never edited, and kept once the request is delivered."""

    request = models.ForeignKey(
        "workflows.ServiceRequest",
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="mentoring_uploads",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UploadKind.choices)
    file = models.FileField(_("file"), upload_to="mentoring/%Y/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("mentoring upload")
        verbose_name_plural = _("mentoring uploads")
        ordering = ["kind", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class MentoringFinding(models.Model):
    """One finding of the mentor on one chapter of the draft LKj, with the recommendation."""

    request = models.ForeignKey(
        "workflows.ServiceRequest",
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="mentoring_findings",
    )
    chapter = models.CharField(_("chapter"), max_length=20, choices=Chapter.choices)
    regulation = models.CharField(_("regulation"), max_length=30, choices=Regulation.choices)
    finding = models.TextField(_("finding"))
    recommendation = models.TextField(_("recommendation"))
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version", "updated_at"])

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("mentoring finding")
        verbose_name_plural = _("mentoring findings")
        ordering = ["sort_order", "pk"]  # by chapter too: see selectors.findings_by_chapter

    def __str__(self) -> str:
        return f"{self.get_chapter_display()}: {self.finding[:60]}"
