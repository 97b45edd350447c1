"""The SAKIP evaluation (Evaluasi AKIP) of PermenPANRB 88/2021.

The worksheet (Lembar Kerja Evaluasi, LKE) is data, versioned per regulation: components, their
sub-components and criteria, each criterion answered on a scale whose options carry a value
between 0 and 1, and the grade bands. An evaluation of one unit-year holds, per criterion, the
unit's own answer (with evidence and the system's proposal) and the evaluator's score; its
recommendations are followed up by the unit and feed IK-17.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class WorksheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (being completed)")
    ACTIVE = "active", _("In force")
    RETIRED = "retired", _("Retired")


class Worksheet(models.Model):
    """One version of the LKE; an evaluation keeps the version it started with."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=255)
    regulation = models.CharField(_("regulation"), max_length=255)
    valid_from = models.PositiveIntegerField(_("first evaluated year"))
    status = models.CharField(
        _("status"), max_length=10, choices=WorksheetStatus.choices, default=WorksheetStatus.DRAFT
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation worksheet")
        verbose_name_plural = _("evaluation worksheets")
        ordering = ["-valid_from", "code"]

    def __str__(self) -> str:
        return self.title


class AnswerScale(models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="scales")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("answer scale")
        verbose_name_plural = _("answer scales")
        ordering = ["worksheet", "code"]
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "code"], name="one_scale_code_per_worksheet")
        ]

    def __str__(self) -> str:
        return self.name


class AnswerOption(models.Model):
    """One answer of a scale (Y, T; A … E) and the share of the criterion it earns (0–1)."""

    scale = models.ForeignKey(AnswerScale, on_delete=models.CASCADE, related_name="options")
    code = models.CharField(_("code"), max_length=5)
    label = models.CharField(_("label"), max_length=255)
    value = models.DecimalField(_("value"), max_digits=5, decimal_places=4)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["scale", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="one_option_code_per_scale"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=1), name="option_value_0_to_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"


class Component(models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="components")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=255)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        ordering = ["worksheet", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "code"], name="one_component_code_per_worksheet")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class SubComponentKind(models.TextChoices):
    FULFILMENT = "pemenuhan", _("Fulfilment (pemenuhan)")
    QUALITY = "kualitas", _("Quality (kualitas)")
    UTILISATION = "pemanfaatan", _("Utilisation (pemanfaatan)")


class SubComponent(models.Model):
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="subcomponents")
    code = models.CharField(_("code"), max_length=10)
    kind = models.CharField(_("kind"), max_length=12, choices=SubComponentKind.choices)
    name = models.TextField(_("name"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("sub-component")
        verbose_name_plural = _("sub-components")
        ordering = ["component", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["component", "code"], name="one_subcomponent_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Criterion(models.Model):
    """One question of the worksheet. `proof` names the rule that may propose an answer from
    Kinerja's own data (proposals.py); empty means only people can answer it."""

    subcomponent = models.ForeignKey(SubComponent, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=12)
    text = models.TextField(_("criterion"))
    guidance = models.TextField(_("guidance"), blank=True)
    scale = models.ForeignKey(AnswerScale, on_delete=models.PROTECT, related_name="+")
    proof = models.CharField(_("proof rule"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["subcomponent", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["subcomponent", "code"], name="one_criterion_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class GradeBand(models.Model):
    """A grade and the score it must exceed (AA > 90 … C > 30); the band with no floor is D."""

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="grades")
    grade = models.CharField(_("grade"), max_length=3)
    above = models.DecimalField(_("score above"), max_digits=6, decimal_places=2, null=True, blank=True)
    label = models.CharField(_("meaning"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        ordering = ["worksheet", "-above"]
        constraints = [models.UniqueConstraint(fields=["worksheet", "grade"], name="one_grade_per_worksheet")]

    def __str__(self) -> str:
        return self.grade


class EvaluationState(models.TextChoices):
    SELF_ASSESSMENT = "self", _("Self-assessment by the unit")
    SUBMITTED = "submitted", _("Submitted to the Inspectorate")
    RETURNED = "returned", _("Returned to the unit")
    SIGNING = "signing", _("Report awaiting signatures")
    SIGNED = "signed", _("Signed and published")


class Evaluation(models.Model):
    """The evaluation of one unit's accountability for one year."""

    unit = models.ForeignKey(
        "organization.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("year evaluated"))
    worksheet = models.ForeignKey(
        Worksheet, verbose_name=_("worksheet"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=EvaluationState.choices, default=EvaluationState.SELF_ASSESSMENT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    return_note = models.TextField(_("reason for returning"), blank=True)
    letter_number = models.CharField(_("letter number"), max_length=100, blank=True)
    summary = models.TextField(_("evaluator's summary"), blank=True)
    # Written when the report is issued, so the portal and comparisons read the signed figures.
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=3, blank=True)
    document = models.ForeignKey(
        "signatures.SignedDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("SAKIP evaluation")
        verbose_name_plural = _("SAKIP evaluations")
        ordering = ["unit__path", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_evaluation_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class Answer(models.Model):
    """One criterion of one evaluation: the unit's answer and evidence, the evaluator's score."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    self_option = models.ForeignKey(
        AnswerOption,
        verbose_name=_("unit's answer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    self_note = models.TextField(_("unit's explanation"), blank=True)
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="evaluation/%Y/", blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    score_option = models.ForeignKey(
        AnswerOption,
        verbose_name=_("evaluator's score"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    score_note = models.TextField(_("evaluator's note"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "evaluation__unit"

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = [
            "evaluation",
            "criterion__subcomponent__component__order",
            "criterion__subcomponent__order",
            "criterion__order",
        ]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="one_answer_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.criterion.code}"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FOLLOWED_UP = "followed_up", _("Follow-up submitted")
    DONE = "done", _("Completed")


class Recommendation(models.Model):
    """What the evaluator asks the unit to improve, per component; issued when the report is signed."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="recommendations")
    component = models.ForeignKey(
        Component, verbose_name=_("component"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("recommendation"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    review_note = models.TextField(_("evaluator's note on the follow-up"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "evaluation__unit"

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["evaluation", "component__order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(models.Model):
    """One step the unit took on a recommendation, with its document."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="follow_ups")
    note = models.TextField(_("what was done"))
    file = models.FileField(_("document"), upload_to="evaluation/follow-up/%Y/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    unit_lookup = "recommendation__evaluation__unit"

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["recommendation", "created_at", "pk"]

    def __str__(self) -> str:
        return self.note[:80]
