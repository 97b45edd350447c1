"""Verification of a unit's quarterly achievements: one line per claimed realisation.

A line copies the claim from the quarter's latest submitted snapshot (state, inputs, value and the
evidence that went with it), so what the verifiers checked stays readable even after the unit
corrects and resubmits; the verdict says whether the claim matches its evidence (sesuai) or was
corrected (dikoreksi, with the corrected inputs, the value the engine computes from them, and a
note). The signed worksheet applies the corrections to the verified basis.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.planning.periods import PERIOD_CHOICES


class Verdict(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    SESUAI = "sesuai", _("Matches the evidence (sesuai)")
    DIKOREKSI = "dikoreksi", _("Corrected (dikoreksi)")


class VerificationLine(models.Model):
    request = models.ForeignKey(
        "workflows.ServiceRequest",
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="verification_lines",
    )
    indicator = models.ForeignKey(
        "catalog.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("period"), max_length=5, choices=PERIOD_CHOICES)
    # The submission version (its number) the claim was copied from; bookkeeping, not history.
    snapshot_number = models.PositiveIntegerField(_("submission version"), default=0)
    claimed_state = models.CharField(_("claimed state"), max_length=16)
    claimed_inputs = models.JSONField(_("claimed inputs"), null=True, blank=True)
    claimed_value = models.DecimalField(
        _("claimed value"), null=True, blank=True, max_digits=24, decimal_places=4
    )
    claimed_reason = models.TextField(_("why the unit could not calculate it"), blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices, default=Verdict.PENDING)
    corrected_inputs = models.JSONField(_("corrected inputs"), null=True, blank=True)
    corrected_value = models.DecimalField(
        _("corrected value"), null=True, blank=True, max_digits=24, decimal_places=4
    )
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version", "snapshot_number"])

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("verification line")
        verbose_name_plural = _("verification lines")
        ordering = ["request", "indicator__code", "period"]
        constraints = [
            models.UniqueConstraint(fields=["request", "indicator", "period"], name="one_line_per_claim"),
            models.CheckConstraint(
                condition=~Q(verdict="dikoreksi")
                | (Q(corrected_inputs__isnull=False, corrected_value__isnull=False) & ~Q(note="")),
                name="correction_has_inputs_value_and_note",
                violation_error_message=_("A correction needs the corrected inputs, their value and a note."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request.number} {self.indicator.code} {self.period}"
