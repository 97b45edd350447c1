"""Validation of performance indicators (validasi): the unit's proposal matrix, the validators,
the verdict on each proposal, and the Nota Dinas that reports the result.

A proposal keeps the unit's text as proposed; a verdict of "diperbaiki" records the agreed text
beside it (`agreed_*`, empty meaning "as proposed"), so the worksheet shows both.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.catalog.models import IndicatorKind, TargetAspect
from kinerja.planning.periods import QUARTERS


class Verdict(models.TextChoices):
    PENDING = "pending", _("Awaiting a verdict")
    DITERIMA = "diterima", _("Accepted (diterima)")
    DIPERBAIKI = "diperbaiki", _("Accepted with changes (diperbaiki)")
    DITOLAK = "ditolak", _("Rejected (ditolak)")


ACCEPTED = (Verdict.DITERIMA, Verdict.DIPERBAIKI)


class Polarity(models.TextChoices):
    MAXIMIZE = "maximize", _("Higher is better")
    MINIMIZE = "minimize", _("Lower is better")


class IndicatorProposal(models.Model):
    """One row of the matrix of proposed indicators (matriks usulan indikator kinerja)."""

    request = models.ForeignKey(
        "workflows.ServiceRequest", on_delete=models.CASCADE, related_name="proposals"
    )
    sort_order = models.PositiveIntegerField(_("no."), default=0)
    sasaran = models.TextField(_("objective (sasaran)"))
    kind = models.CharField(_("kind"), max_length=3, choices=IndicatorKind.choices, default=IndicatorKind.IK)
    name = models.TextField(_("proposed indicator"))
    definition = models.TextField(_("definition"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    measure_unit = models.CharField(_("unit of measure (satuan)"), max_length=100, blank=True)
    target = models.DecimalField(_("annual target"), max_digits=20, decimal_places=4, null=True, blank=True)
    #: {"TW1": "25", ...}: optional quarterly targets, decimal strings.
    quarter_targets = models.JSONField(_("quarterly targets"), default=dict, blank=True)
    polarity = models.CharField(
        _("polarity"), max_length=10, choices=Polarity.choices, default=Polarity.MAXIMIZE
    )
    target_aspect = models.CharField(
        _("target aspect"), max_length=12, choices=TargetAspect.choices, blank=True
    )
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices, default=Verdict.PENDING)
    agreed_name = models.TextField(_("agreed indicator"), blank=True)
    agreed_definition = models.TextField(_("agreed definition"), blank=True)
    agreed_formula = models.TextField(_("agreed formula"), blank=True)
    agreed_measure_unit = models.CharField(_("agreed unit of measure"), max_length=100, blank=True)
    agreed_target = models.DecimalField(
        _("agreed annual target"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    agreed_quarter_targets = models.JSONField(_("agreed quarterly targets"), default=dict, blank=True)
    reason = models.TextField(_("reason or note"), blank=True)
    verdict_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verdict_at = models.DateTimeField(_("verdict given at"), null=True, blank=True)
    indicator = models.ForeignKey(
        "catalog.Indicator",
        verbose_name=_("indicator in the catalogue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("indicator proposal")
        verbose_name_plural = _("indicator proposals")
        ordering = ["request", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.sort_order}. {self.name[:60]}"

    # The text the verdict settled on: the agreed value where one was given, else the proposal's.
    @property
    def final_name(self) -> str:
        return self.agreed_name or self.name

    @property
    def final_definition(self) -> str:
        return self.agreed_definition or self.definition

    @property
    def final_formula(self) -> str:
        return self.agreed_formula or self.formula

    @property
    def final_measure_unit(self) -> str:
        return self.agreed_measure_unit or self.measure_unit

    @property
    def final_target(self) -> Decimal | None:
        return self.agreed_target if self.agreed_target is not None else self.target

    @property
    def final_quarter_targets(self) -> dict[str, Any]:
        return dict(self.agreed_quarter_targets or self.quarter_targets)

    @property
    def quarter_list(self) -> list[tuple[str, Any]]:
        return [(q, self.quarter_targets.get(q)) for q in QUARTERS if self.quarter_targets.get(q)]

    @property
    def final_quarter_list(self) -> list[tuple[str, Any]]:
        targets = self.final_quarter_targets
        return [(q, targets.get(q)) for q in QUARTERS if targets.get(q)]

    @property
    def is_changed(self) -> bool:
        return self.verdict == Verdict.DIPERBAIKI


class ValidatorSide(models.TextChoices):
    BIRO = "biro", _("Biro Perencanaan")
    ITJEN = "itjen", _("Inspectorate General (Itjen)")


class Validator(models.Model):
    """A person who validates the request's proposals and signs its worksheet."""

    request = models.ForeignKey(
        "workflows.ServiceRequest", on_delete=models.CASCADE, related_name="validators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("validator"), on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(_("side"), max_length=5, choices=ValidatorSide.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    history = HistoricalRecords()

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("validator")
        verbose_name_plural = _("validators")
        ordering = ["request", "side", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="one_validator_row_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_side_display()})"


class ValidatorCall(models.Model):
    """Biro Perencanaan asked the Inspectorate General to name validators for the request."""

    request = models.ForeignKey(
        "workflows.ServiceRequest", on_delete=models.CASCADE, related_name="validator_calls"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("asked by")
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("request for Itjen validators")
        verbose_name_plural = _("requests for Itjen validators")
        ordering = ["request", "-asked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.request} {self.asked_at:%Y-%m-%d}"


class NotaDinas(models.Model):
    """The memorandum that reports the validation's result to the unit; numbered per year."""

    request = models.OneToOneField(
        "workflows.ServiceRequest", on_delete=models.PROTECT, related_name="nota_dinas"
    )
    number = models.CharField(_("number"), max_length=64, unique=True)
    year = models.PositiveIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    subject = models.CharField(_("subject"), max_length=255)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    file = models.FileField(_("file"), upload_to="nota-dinas/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    history = HistoricalRecords()

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("Nota Dinas")
        verbose_name_plural = _("Nota Dinas")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="one_nota_dinas_sequence_per_year"),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="nota_dinas_sequence_positive"),
        ]

    def __str__(self) -> str:
        return self.number
