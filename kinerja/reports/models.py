"""The written parts of a unit's Laporan Kinerja (LKj) draft.

Numbers, tables and charts are never stored here: the document reads them from the performance
data when it is generated, so the draft cannot disagree with the dashboard. What the unit writes
(the narrative of each chapter and the analysis of each indicator) is kept per unit and year, and
the planner's review of it is recorded on the draft.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Section(models.TextChoices):
    """The written chapters of PermenPANRB 53/2014's LKj, in the order the document prints them."""

    EXECUTIVE_SUMMARY = "ikhtisar", _("Executive summary (Ikhtisar Eksekutif)")
    INTRODUCTION = "pendahuluan", _("Chapter I: Introduction")
    PLANNING = "perencanaan", _("Chapter II: Performance planning")
    ACHIEVEMENT = "capaian", _("Chapter III A: Organisational performance")
    BUDGET = "anggaran", _("Chapter III B: Budget realisation")
    CLOSING = "penutup", _("Chapter IV: Closing")


class DraftState(models.TextChoices):
    WRITING = "writing", _("Being written")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned with notes")
    REVIEWED = "reviewed", _("Reviewed")


class LkjDraft(models.Model):
    """One unit's LKj of one year: the review state of everything the unit wrote for it."""

    unit = models.ForeignKey(
        "organization.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    state = models.CharField(
        _("state"), max_length=10, choices=DraftState.choices, default=DraftState.WRITING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("LKj draft")
        verbose_name_plural = _("LKj drafts")
        ordering = ["unit__path", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_lkj_draft_per_unit_year")]

    def __str__(self) -> str:
        return f"LKj {self.unit} {self.year}"


class LkjSection(models.Model):
    """The text the unit wrote for one chapter."""

    draft = models.ForeignKey(LkjDraft, on_delete=models.CASCADE, related_name="sections")
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    text = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "draft__unit"

    class Meta:
        verbose_name = _("LKj section")
        verbose_name_plural = _("LKj sections")
        constraints = [models.UniqueConstraint(fields=["draft", "section"], name="one_text_per_lkj_section")]

    def __str__(self) -> str:
        return f"{self.draft} — {self.get_section_display()}"


class LkjIndicatorNote(models.Model):
    """The unit's analysis of one indicator for Chapter III A, beside the numbers the system prints."""

    draft = models.ForeignKey(LkjDraft, on_delete=models.CASCADE, related_name="indicator_notes")
    indicator = models.ForeignKey(
        "catalog.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    analysis = models.TextField(_("causes of success or failure"), blank=True)
    solutions = models.TextField(_("solutions and follow-up"), blank=True)
    efficiency = models.TextField(_("efficiency of resources"), blank=True)
    programmes = models.TextField(_("supporting programmes and activities"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "draft__unit"

    class Meta:
        verbose_name = _("LKj indicator analysis")
        verbose_name_plural = _("LKj indicator analyses")
        constraints = [
            models.UniqueConstraint(fields=["draft", "indicator"], name="one_note_per_lkj_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.draft} — {self.indicator}"
