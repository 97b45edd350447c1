"""Planning: the Renstra, the year's schedule with its frozen definitions, and the Perjanjian Kinerja.

A year is opened by a planner; opening freezes the formula version of every indicator in force
(`FrozenDefinition`), so a formula edited in the catalogue mid-year never changes what a unit
reports for that year. A Perjanjian Kinerja is never edited once signed: a revision is a new
`Agreement` row that names the one it supersedes and the reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .periods import QUARTER_CHOICES


class Renstra(models.Model):
    """A unit's five-year strategic plan (Rencana Strategis)."""

    unit = models.ForeignKey(
        "organization.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="renstra"
    )
    title = models.CharField(_("title"), max_length=255)
    start_year = models.PositiveIntegerField(_("first year"))
    end_year = models.PositiveIntegerField(_("last year"))
    regulation = models.CharField(
        _("regulation"), max_length=255, help_text=_("The decree the plan rests on, e.g. Permen KP 17/2020.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("strategic plan (Renstra)")
        verbose_name_plural = _("strategic plans (Renstra)")
        ordering = ["unit__path", "-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="renstra_years_ordered",
                violation_error_message=_("The last year cannot come before the first year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_year}–{self.end_year})"


class RenstraIndicator(models.Model):
    """An indicator of the Renstra with its baseline and a target for each year of the plan."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(
        "catalog.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, max_digits=20, decimal_places=4)
    baseline_year = models.PositiveIntegerField(_("baseline year"), null=True, blank=True)
    #: {"2025": "80", "2026": "82.5", ...}: decimal strings keyed by year.
    yearly_targets = models.JSONField(_("yearly targets"), default=dict, blank=True)
    history = HistoricalRecords()

    unit_lookup = "renstra__unit"

    class Meta:
        verbose_name = _("Renstra indicator")
        verbose_name_plural = _("Renstra indicators")
        ordering = ["renstra", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "indicator"], name="uniq_renstra_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.renstra} — {self.indicator.code}"


class YearStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PlanningYear(models.Model):
    """A performance year and its schedule; ministry-wide, so it has no unit."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=YearStatus.choices, default=YearStatus.DRAFT
    )
    entry_close_day = models.PositiveSmallIntegerField(
        _("entry closes on day"),
        default=15,
        help_text=_("Day of the month after the quarter on which entry closes."),
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    class Meta:
        verbose_name = _("performance year")
        verbose_name_plural = _("performance years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(entry_close_day__gte=1, entry_close_day__lte=28),
                name="year_close_day_in_month",
                violation_error_message=_("The closing day must be between 1 and 28."),
            )
        ]

    def __str__(self) -> str:
        return str(self.year)


class PeriodWindow(models.Model):
    """One quarter of a year: when units may enter, and until when planners review."""

    year = models.ForeignKey(PlanningYear, on_delete=models.CASCADE, related_name="windows")
    quarter = models.CharField(_("quarter"), max_length=3, choices=QUARTER_CHOICES)
    entry_opens = models.DateField(_("entry opens"))
    entry_closes = models.DateField(_("entry closes"))
    review_closes = models.DateField(_("review closes"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("entry window")
        verbose_name_plural = _("entry windows")
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="uniq_window_quarter"),
            models.CheckConstraint(
                condition=Q(entry_closes__gte=F("entry_opens")) & Q(review_closes__gte=F("entry_closes")),
                name="window_dates_ordered",
                violation_error_message=_("Entry must open before it closes, and review end after entry."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quarter} {self.year.year}"


class FrozenDefinition(models.Model):
    """The formula version an indicator uses for a whole year, fixed when the year opens."""

    year = models.ForeignKey(PlanningYear, on_delete=models.CASCADE, related_name="frozen")
    indicator = models.ForeignKey("catalog.Indicator", on_delete=models.PROTECT, related_name="frozen")
    version = models.ForeignKey("catalog.IndicatorVersion", on_delete=models.PROTECT, related_name="+")
    start_quarter = models.CharField(
        _("applies from"),
        max_length=3,
        choices=QUARTER_CHOICES,
        default="TW1",
        help_text=_("Earlier quarters show “not applicable”, not “missing”."),
    )
    frozen_at = models.DateTimeField(_("frozen at"), auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    unit_lookup = "indicator__unit"

    class Meta:
        verbose_name = _("frozen definition")
        verbose_name_plural = _("frozen definitions")
        ordering = ["year", "indicator__code"]
        constraints = [models.UniqueConstraint(fields=["year", "indicator"], name="uniq_frozen_per_year")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year.year} v{self.version.number}"


class DeadlineExtension(models.Model):
    """A later entry deadline for one unit in one quarter, granted by a planner with a reason."""

    window = models.ForeignKey(PeriodWindow, on_delete=models.CASCADE, related_name="extensions")
    unit = models.ForeignKey("organization.OrgUnit", on_delete=models.PROTECT, related_name="+")
    closes_on = models.DateField(_("entry closes on"))
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["window", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["window", "unit"], name="uniq_extension_per_unit"),
            models.CheckConstraint(condition=~Q(reason=""), name="extension_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.window} → {self.closes_on}"


class CorrectionSession(models.Model):
    """A closed year reopened for corrections: a scope, an end date and a reason.

    It lets planners reopen verified submissions in its scope; it never reopens entry by itself.
    """

    year = models.ForeignKey(PlanningYear, on_delete=models.CASCADE, related_name="corrections")
    unit = models.ForeignKey(
        "organization.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: every unit."),
    )
    quarters = models.JSONField(_("quarters"), default=list)
    ends_on = models.DateField(_("ends on"))
    reason = models.TextField(_("reason"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("correction session")
        verbose_name_plural = _("correction sessions")
        ordering = ["-opened_at"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="correction_has_reason")]

    def __str__(self) -> str:
        return f"{self.year.year}: {self.reason[:40]}"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")


class Agreement(models.Model):
    """A Perjanjian Kinerja (PK): one unit, one year, one revision."""

    unit = models.ForeignKey(
        "organization.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="agreements"
    )
    year = models.PositiveIntegerField(_("year"))
    revision = models.PositiveIntegerField(_("revision"), default=0)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    is_current = models.BooleanField(default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    reason = models.TextField(_("reason for the revision"), blank=True)
    first_party_name = models.CharField(_("first party"), max_length=255, blank=True)
    first_party_title = models.CharField(_("first party's position"), max_length=255, blank=True)
    second_party_name = models.CharField(_("second party"), max_length=255, blank=True)
    second_party_title = models.CharField(_("second party's position"), max_length=255, blank=True)
    place = models.CharField(_("place of signing"), max_length=100, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("performance agreement (PK)")
        verbose_name_plural = _("performance agreements (PK)")
        ordering = ["unit__path", "-year", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "revision"], name="uniq_agreement_revision"),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=Q(is_current=True), name="one_current_agreement"
            ),
            models.CheckConstraint(
                condition=Q(revision=0) | ~Q(reason=""),
                name="revision_has_reason",
                violation_error_message=_("A revision needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        suffix = f" rev. {self.revision}" if self.revision else ""
        return f"PK {self.unit.code} {self.year}{suffix}"


class AgreementSasaran(models.Model):
    """An objective of the PK, with its weight in the unit's NKO (e.g. a BSC perspective)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="sasaran_rows")
    sasaran = models.ForeignKey("catalog.Sasaran", on_delete=models.PROTECT, related_name="+")
    weight = models.DecimalField(_("weight"), max_digits=9, decimal_places=4, null=True, blank=True)
    perspective = models.CharField(_("perspective"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    unit_lookup = "agreement__unit"

    class Meta:
        ordering = ["agreement", "sort_order", "sasaran__code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "sasaran"], name="uniq_agreement_sasaran"),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gt=0), name="sasaran_weight_pos"
            ),
        ]

    def __str__(self) -> str:
        return str(self.sasaran)


class AgreementIndicator(models.Model):
    """An indicator of the PK with its annual target and its per-period targets (rincian target).

    `target` is the annual target (the low end for a stabilize indicator, `target_high` the high
    end). `period_targets` maps engine periods to targets in the engine's payload form: a decimal
    string, or {"low": ..., "high": ...} for stabilize.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="indicator_rows")
    sasaran_row = models.ForeignKey(AgreementSasaran, on_delete=models.CASCADE, related_name="indicator_rows")
    indicator = models.ForeignKey("catalog.Indicator", on_delete=models.PROTECT, related_name="+")
    target = models.DecimalField(_("annual target"), null=True, blank=True, max_digits=20, decimal_places=4)
    target_high = models.DecimalField(
        _("annual target, upper bound"), null=True, blank=True, max_digits=20, decimal_places=4
    )
    period_targets = models.JSONField(_("targets per period"), default=dict, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=9, decimal_places=4, null=True, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    unit_lookup = "agreement__unit"

    class Meta:
        ordering = ["agreement", "sort_order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "indicator"], name="uniq_agreement_indicator"),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gt=0), name="indicator_weight_pos"
            ),
        ]

    def __str__(self) -> str:
        return str(self.indicator)


class AgreementBudget(models.Model):
    """The budget ceiling (pagu) of one programme in the PK."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="budget_rows")
    programme_code = models.CharField(_("programme code"), max_length=32)
    programme_name = models.CharField(_("programme"), max_length=255)
    ceiling = models.DecimalField(_("ceiling (pagu)"), max_digits=20, decimal_places=2)

    unit_lookup = "agreement__unit"

    class Meta:
        ordering = ["agreement", "programme_code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "programme_code"], name="uniq_agreement_programme"),
            models.CheckConstraint(condition=Q(ceiling__gte=0), name="ceiling_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.programme_code} {self.programme_name}"


class StepStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")
    POSTPONED = "postponed", _("Postponed")


class ActionStep(models.Model):
    """One step of the action plan (rencana aksi) of a PK indicator in a quarter."""

    agreement_indicator = models.ForeignKey(
        AgreementIndicator, on_delete=models.CASCADE, related_name="steps"
    )
    quarter = models.CharField(_("quarter"), max_length=3, choices=QUARTER_CHOICES)
    description = models.TextField(_("step"))
    cumulative_target = models.CharField(_("cumulative target"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    justification = models.TextField(_("justification"), blank=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "agreement_indicator__agreement__unit"

    class Meta:
        verbose_name = _("action step")
        verbose_name_plural = _("action plan (rencana aksi)")
        ordering = ["agreement_indicator", "quarter", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["planned", "done"]) | ~Q(justification=""),
                name="step_justified",
                violation_error_message=_("A step not done or postponed needs a justification."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.quarter}: {self.description[:40]}"
