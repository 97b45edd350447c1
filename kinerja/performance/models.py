"""Performance: what units enter each quarter, the evidence, the submission, and the stored results.

Results (value, reported, achievement, status, NPSS, NKO) are stored, not computed on page view:
`results.recompute` rewrites them when an input changes. Two bases are kept apart: `working`
(everything entered so far, for the unit's own desk) and `verified` (only values frozen in a
verified submission, which is what reports and ministry dashboards read).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.planning.periods import PERIOD_CHOICES, QUARTER_CHOICES


class RealisationState(models.TextChoices):
    EMPTY = "empty", _("Not filled yet")
    VALUE = "value", _("Filled")
    NOT_COMPUTABLE = "not_computable", _("Cannot be calculated")


class Realisation(models.Model):
    """A unit's inputs for one indicator and period, and the narrative that goes with them.

    Three states, kept apart by a constraint: not filled (no inputs, no value), filled (inputs
    and a value, which may be a real 0) and not computable (no value, and a reason why).
    """

    unit = models.ForeignKey("organization.OrgUnit", on_delete=models.PROTECT, related_name="realisations")
    indicator = models.ForeignKey("catalog.Indicator", on_delete=models.PROTECT, related_name="realisations")
    year = models.PositiveIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=5, choices=PERIOD_CHOICES)
    state = models.CharField(
        _("state"), max_length=16, choices=RealisationState.choices, default=RealisationState.EMPTY
    )
    inputs = models.JSONField(_("inputs"), null=True, blank=True)
    value = models.DecimalField(_("value"), null=True, blank=True, max_digits=24, decimal_places=4)
    reason = models.TextField(_("why it cannot be calculated"), blank=True)
    worse_note = models.TextField(_("why the value is worse than the last verified one"), blank=True)
    progress = models.TextField(_("progress"), blank=True)
    obstacles = models.TextField(_("obstacles (kendala)"), blank=True)
    follow_up = models.TextField(_("follow-up (tindak lanjut)"), blank=True)
    version = models.ForeignKey(
        "catalog.IndicatorVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version", "updated_at"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        ordering = ["unit__path", "indicator__code", "year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "year", "period"], name="uniq_realisation_period"
            ),
            models.CheckConstraint(
                condition=(
                    Q(state="empty", inputs__isnull=True, value__isnull=True)
                    | Q(state="value", inputs__isnull=False, value__isnull=False)
                    | (Q(state="not_computable", value__isnull=True) & ~Q(reason=""))
                ),
                name="realisation_three_states",
                violation_error_message=_(
                    "A realisation is not filled, filled with a value, or not computable with a reason."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.year}"


class Evidence(models.Model):
    """One piece of evidence (data dukung): a file, a link or a text, with a description.

    Never edited; evidence of a verified period is never deleted either, a correction is added
    beside it (`corrects`).
    """

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")
        TEXT = "text", _("Text")

    unit = models.ForeignKey("organization.OrgUnit", on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey("catalog.Indicator", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=5, choices=PERIOD_CHOICES)
    requirement = models.ForeignKey(
        "catalog.EvidenceRequirement",
        verbose_name=_("required document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requirement_name = models.CharField(_("required document"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    text = models.TextField(_("text"), blank=True)
    description = models.CharField(_("description"), max_length=500)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["unit__path", "indicator__code", "year", "period", "created_at"]
        indexes = [models.Index(fields=["unit", "year", "period"], name="evidence_unit_period")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="file", size__gt=0) & ~Q(file="")
                    | Q(kind="link") & ~Q(url="")
                    | Q(kind="text") & ~Q(text="")
                ),
                name="evidence_has_content",
            ),
            models.CheckConstraint(condition=~Q(description=""), name="evidence_has_description"),
        ]

    def __str__(self) -> str:
        return self.description


class BudgetSpending(models.Model):
    """Budget spent (realisasi anggaran) on a PK programme, cumulative up to the quarter's end."""

    budget = models.ForeignKey("planning.AgreementBudget", on_delete=models.CASCADE, related_name="spending")
    quarter = models.CharField(_("quarter"), max_length=3, choices=QUARTER_CHOICES)
    amount = models.DecimalField(_("spent"), max_digits=20, decimal_places=2)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "budget__agreement__unit"

    class Meta:
        verbose_name = _("budget spending")
        verbose_name_plural = _("budget spending")
        ordering = ["budget", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "quarter"], name="uniq_spending_quarter"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="spending_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.budget.programme_code} {self.quarter}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned")


class Submission(models.Model):
    """A unit's quarter: draft → submitted → verified (locked), or returned with a reason."""

    unit = models.ForeignKey("organization.OrgUnit", on_delete=models.PROTECT, related_name="submissions")
    year = models.PositiveIntegerField(_("year"))
    quarter = models.CharField(_("quarter"), max_length=3, choices=QUARTER_CHOICES)
    status = models.CharField(
        _("status"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late = models.BooleanField(_("submitted late"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    self_verified = models.BooleanField(
        _("verified by the submitter"),
        default=False,
        help_text=_("Allowed only where the unit has a single planner; flagged for inspection."),
    )
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["unit__path", "-year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="uniq_submission_quarter"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="returned_has_reason",
                violation_error_message=_("A returned submission needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.quarter} {self.year}"

    @property
    def is_locked(self) -> bool:
        return self.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.VERIFIED)


class SubmissionVersion(models.Model):
    """The values, evidence and requirements in force, frozen when a quarter is submitted."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    unit_lookup = "submission__unit"

    class Meta:
        ordering = ["submission", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="uniq_submission_version")
        ]

    def __str__(self) -> str:
        return f"{self.submission} v{self.number}"


class Basis(models.TextChoices):
    WORKING = "working", _("As entered")
    VERIFIED = "verified", _("Verified")


class Result(models.Model):
    """The computed outputs of one indicator and period, as `kinerja compute` would print them."""

    unit = models.ForeignKey("organization.OrgUnit", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey("catalog.Indicator", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    period = models.CharField(max_length=5, choices=PERIOD_CHOICES)
    basis = models.CharField(max_length=8, choices=Basis.choices)
    value = models.DecimalField(null=True, max_digits=24, decimal_places=4)
    reported = models.DecimalField(null=True, max_digits=24, decimal_places=4)
    category = models.CharField(max_length=100, blank=True)
    target = models.DecimalField(null=True, max_digits=24, decimal_places=4)
    target_high = models.DecimalField(null=True, max_digits=24, decimal_places=4)
    achievement = models.DecimalField(null=True, max_digits=7, decimal_places=2)
    status = models.CharField(max_length=6, blank=True)
    error = models.TextField(blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    unit_lookup = "unit"

    class Meta:
        ordering = ["unit__path", "indicator__code", "year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "year", "period", "basis"], name="uniq_result_period"
            )
        ]
        indexes = [models.Index(fields=["year", "basis", "unit"], name="result_year_basis")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.year} ({self.basis})"


class SasaranScore(models.Model):
    """NPSS: the (weighted) mean achievement of a sasaran's indicators at a quarter."""

    unit = models.ForeignKey("organization.OrgUnit", on_delete=models.CASCADE, related_name="+")
    sasaran = models.ForeignKey("catalog.Sasaran", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    quarter = models.CharField(max_length=3, choices=QUARTER_CHOICES)
    basis = models.CharField(max_length=8, choices=Basis.choices)
    npss = models.DecimalField(null=True, max_digits=7, decimal_places=2)
    indicator_count = models.PositiveIntegerField(default=0)

    unit_lookup = "unit"

    class Meta:
        ordering = ["unit__path", "sasaran__code", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "sasaran", "year", "quarter", "basis"], name="uniq_sasaran_score"
            )
        ]

    def __str__(self) -> str:
        return f"NPSS {self.sasaran.code} {self.quarter} {self.year}"


class UnitScore(models.Model):
    """NKO: the (weighted) mean NPSS of a unit's sasaran at a quarter."""

    unit = models.ForeignKey("organization.OrgUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    quarter = models.CharField(max_length=3, choices=QUARTER_CHOICES)
    basis = models.CharField(max_length=8, choices=Basis.choices)
    nko = models.DecimalField(null=True, max_digits=7, decimal_places=2)
    sasaran_count = models.PositiveIntegerField(default=0)

    unit_lookup = "unit"

    class Meta:
        ordering = ["unit__path", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter", "basis"], name="uniq_unit_score")
        ]
        indexes = [models.Index(fields=["year", "basis", "quarter"], name="unitscore_year")]

    def __str__(self) -> str:
        return f"NKO {self.unit.code} {self.quarter} {self.year}"
