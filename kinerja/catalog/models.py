"""The indicator catalogue (Manual IKU): every field of the manual's sheet, and versioned formulas.

The computation itself (inputs, formula, bands, periodicity, aggregation, polarity, unit of
measure) lives in `IndicatorVersion.definition`, the JSON the formula engine reads; a version is
never edited, so a stored value can always name the formula that produced it.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.core.models import dates_in_order


class SasaranKind(models.TextChoices):
    STRATEGIS = "strategis", _("Strategic objective (sasaran strategis)")
    PROGRAM = "program", _("Programme objective (sasaran program)")
    KEGIATAN = "kegiatan", _("Activity objective (sasaran kegiatan)")


class Sasaran(models.Model):
    unit = models.ForeignKey(
        "organization.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="sasaran"
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.TextField(_("name"))
    kind = models.CharField(_("kind"), max_length=20, choices=SasaranKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent objective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_placeholder = models.BooleanField(
        _("placeholder"),
        default=False,
        help_text=_("The source names no objective; this one holds the indicators until one is set."),
    )
    note = models.TextField(_("note"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    history = HistoricalRecords()

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("objective (sasaran)")
        verbose_name_plural = _("objectives (sasaran)")
        ordering = ["unit__path", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "code"],
                name="uniq_sasaran_code_per_unit",
                violation_error_message=_("This unit already has an objective with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorKind(models.TextChoices):
    IKU = "IKU", _("Key performance indicator (IKU)")
    IK = "IK", _("Performance indicator (IK)")


class Validity(models.TextChoices):
    OUTPUT_HIGH = "output_kendali_tinggi", _("Output, high control")
    OUTPUT_LOW = "output_kendali_rendah", _("Output, low control")
    OUTCOME = "outcome", _("Outcome")


class TargetAspect(models.TextChoices):
    KUANTITAS = "kuantitas", _("Quantity")
    KUALITAS = "kualitas", _("Quality")
    WAKTU = "waktu", _("Time")
    BIAYA = "biaya", _("Cost")


class CascadingMethod(models.TextChoices):
    ADOPSI_LANGSUNG = "adopsi_langsung", _("Adopted directly")
    LINGKUP_DIPERSEMPIT = "lingkup_dipersempit", _("Narrowed scope")
    KOMPONEN_PEMBENTUK = "komponen_pembentuk", _("Component of the parent")
    BUAT_BARU = "buat_baru", _("Newly made")


class Indicator(models.Model):
    unit = models.ForeignKey(
        "organization.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="indicators"
    )
    sasaran = models.ForeignKey(
        Sasaran, verbose_name=_("objective (sasaran)"), on_delete=models.PROTECT, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.TextField(_("name"))
    kind = models.CharField(_("kind"), max_length=3, choices=IndicatorKind.choices, default=IndicatorKind.IK)
    definition = models.TextField(_("definition"), blank=True)
    description = models.TextField(_("description"), blank=True)
    manual_formula_text = models.TextField(_("formula as written in the manual"), blank=True)
    target_aspect = models.CharField(
        _("target aspect"), max_length=12, choices=TargetAspect.choices, blank=True
    )
    validity = models.CharField(_("validity level"), max_length=24, choices=Validity.choices, blank=True)
    data_source = models.TextField(_("data source"), blank=True)
    calculation_note = models.TextField(_("calculation note"), blank=True)
    responsible_unit = models.CharField(_("responsible unit / person"), max_length=255, blank=True)
    data_status = models.CharField(_("data status"), max_length=255, blank=True)
    cascading_method = models.CharField(
        _("cascading method"), max_length=24, choices=CascadingMethod.choices, blank=True
    )
    parent_indicator = models.ForeignKey(
        "self",
        verbose_name=_("cascaded from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cascaded_to",
    )
    notes = models.TextField(_("notes"), blank=True)
    source_notes = models.JSONField(_("notes on the source"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    current_version = models.ForeignKey(
        "IndicatorVersion",
        verbose_name=_("current formula version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["unit__path", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "code"],
                name="uniq_indicator_code_per_unit",
                violation_error_message=_("This unit already has an indicator with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def computation(self) -> dict[str, Any]:
        """The current version's definition, or an empty one for an indicator not yet defined."""
        return self.current_version.definition if self.current_version else {}


class IndicatorVersion(models.Model):
    """One immutable formula version: what the engine reads, as the planner saved it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("computation"))
    reason = models.TextField(_("reason for the change"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    unit_lookup = "indicator__unit"

    class Meta:
        verbose_name = _("formula version")
        verbose_name_plural = _("formula versions")
        ordering = ["indicator", "-number"]
        constraints = [models.UniqueConstraint(fields=["indicator", "number"], name="uniq_version_number")]

    def __str__(self) -> str:
        return f"{self.indicator.code} v{self.number}"


class EvidenceKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")
    TEXT = "text", _("Text")


class EvidenceRequirement(models.Model):
    """A document a unit must provide as evidence (data dukung) for the indicator's realisation."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="evidence_requirements")
    name = models.CharField(_("document"), max_length=255)
    kinds = models.JSONField(_("accepted as"), default=list, help_text=_("Any of: file, link, text."))
    required = models.BooleanField(_("required"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    history = HistoricalRecords()

    unit_lookup = "indicator__unit"

    class Meta:
        verbose_name = _("evidence requirement")
        verbose_name_plural = _("evidence requirements")
        ordering = ["indicator", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class PicAssignment(models.Model):
    """The person in charge (PIC) of an indicator from a date: responsibility, not access."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="pic_assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="pic_assignments",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    unit_lookup = "indicator__unit"

    class Meta:
        verbose_name = _("person in charge")
        verbose_name_plural = _("persons in charge")
        ordering = ["indicator", "-start_date"]
        constraints = [dates_in_order("pic_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.user} — {self.indicator.code}"
