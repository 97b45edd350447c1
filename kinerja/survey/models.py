"""The public satisfaction survey: which services are surveyed, invitations, answers, and feeds.

A response is one completed questionnaire (nine elements scored 1–4 and the respondent's profile
of PermenPANRB 14/2017). The index is never stored: it is computed from the responses whenever it
is shown, so a new response changes the published result at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .ikm import ELEMENTS

ELEMENT_LABELS = {
    "u1": _("Requirements"),
    "u2": _("Ease of procedure"),
    "u3": _("Completion time"),
    "u4": _("Fee conformity"),
    "u5": _("Product conformity"),
    "u6": _("Response speed / staff competence"),
    "u7": _("Ease of features / staff conduct"),
    "u8": _("Consultation service"),
    "u9": _("Content quality / facilities"),
}

SCORE_CHOICES = [
    (1, _("1 — Not good")),
    (2, _("2 — Fairly good")),
    (3, _("3 — Good")),
    (4, _("4 — Very good")),
]


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Education(models.TextChoices):
    SD = "SD", "SD"
    SMP = "SMP", "SMP"
    SMA = "SMA", "SMA"
    D1_D3 = "D1-D3", "D1–D3"
    D4_S1 = "D4/S1", "D4/S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"


class Occupation(models.TextChoices):
    PNS = "pns", _("Civil servant (PNS)")
    TNI_POLRI = "tni_polri", _("TNI/POLRI")
    PRIVATE = "swasta", _("Private employee")
    SELF_EMPLOYED = "wiraswasta", _("Self-employed")
    STUDENT = "pelajar", _("Student")
    OTHER = "lainnya", _("Other")


class AgeBand(models.TextChoices):
    UNDER_20 = "<20", _("under 20")
    A20_29 = "20-29", "20–29"
    A30_39 = "30-39", "30–39"
    A40_49 = "40-49", "40–49"
    A50_PLUS = "50+", _("50 and over")


def age_band(age: int) -> str:
    if age < 20:
        return AgeBand.UNDER_20
    if age >= 50:
        return AgeBand.A50_PLUS
    return f"{age // 10 * 10}-{age // 10 * 10 + 9}"


class SurveyService(models.Model):
    """A service whose users are asked to rate it: the bureau's three, or a unit's own."""

    unit = models.ForeignKey(
        "organization.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="surveyed_services",
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    standard = models.OneToOneField(
        "workflows.ServiceStandard",
        verbose_name=_("service standard"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_service",
    )
    is_active = models.BooleanField(_("active"), default=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("surveyed service")
        verbose_name_plural = _("surveyed services")
        ordering = ["unit__path", "code"]

    def __str__(self) -> str:
        return self.name


class ServicePopulation(models.Model):
    """How many people a unit's own service served in a period (the Krejcie–Morgan population)."""

    service = models.ForeignKey(SurveyService, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=5)  # TW1..TW4 or TAHUN
    population = models.PositiveIntegerField(_("people served"))
    history = HistoricalRecords()

    unit_lookup = "service__unit"

    class Meta:
        verbose_name = _("population served")
        verbose_name_plural = _("populations served")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "period"], name="survey_one_population_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.period} {self.year}: {self.population}"


class SurveyInvitation(models.Model):
    """The one-time link sent when a request is delivered; only the token's SHA-256 is kept."""

    request = models.OneToOneField(
        "workflows.ServiceRequest", on_delete=models.CASCADE, related_name="survey_invitation"
    )
    service = models.ForeignKey(SurveyService, on_delete=models.PROTECT, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self) -> str:
        return f"{self.service} ({self.request_id})"


class SurveyResponse(models.Model):
    service = models.ForeignKey(
        SurveyService, verbose_name=_("service"), on_delete=models.PROTECT, related_name="responses"
    )
    invitation = models.OneToOneField(
        SurveyInvitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    # One answer per request, held by the database so that two simultaneous submits cannot both win.
    request = models.OneToOneField(
        "workflows.ServiceRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_response",
    )
    u1 = models.PositiveSmallIntegerField(ELEMENT_LABELS["u1"], choices=SCORE_CHOICES)
    u2 = models.PositiveSmallIntegerField(ELEMENT_LABELS["u2"], choices=SCORE_CHOICES)
    u3 = models.PositiveSmallIntegerField(ELEMENT_LABELS["u3"], choices=SCORE_CHOICES)
    u4 = models.PositiveSmallIntegerField(ELEMENT_LABELS["u4"], choices=SCORE_CHOICES)
    u5 = models.PositiveSmallIntegerField(ELEMENT_LABELS["u5"], choices=SCORE_CHOICES)
    u6 = models.PositiveSmallIntegerField(ELEMENT_LABELS["u6"], choices=SCORE_CHOICES)
    u7 = models.PositiveSmallIntegerField(ELEMENT_LABELS["u7"], choices=SCORE_CHOICES)
    u8 = models.PositiveSmallIntegerField(ELEMENT_LABELS["u8"], choices=SCORE_CHOICES)
    u9 = models.PositiveSmallIntegerField(ELEMENT_LABELS["u9"], choices=SCORE_CHOICES)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    age_band = models.CharField(_("age group"), max_length=5, choices=AgeBand.choices)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    education = models.CharField(_("education"), max_length=5, choices=Education.choices)
    occupation = models.CharField(_("occupation"), max_length=12, choices=Occupation.choices)
    suggestion = models.TextField(_("suggestion"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)

    unit_lookup = "service__unit"

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["submitted_at", "pk"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{key}__gte": 1, f"{key}__lte": 4}), name=f"survey_{key}_1_to_4"
                )
                for key in ELEMENTS
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__gte=10, age__lte=120), name="survey_age_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.submitted_at:%Y-%m-%d}"


class SurveyFeed(models.Model):
    """Which of a unit's surveyed services fill one table input of its indicator (IK-20's `responden`)."""

    unit = models.ForeignKey("organization.OrgUnit", on_delete=models.CASCADE, related_name="survey_feeds")
    indicator = models.ForeignKey("catalog.Indicator", on_delete=models.CASCADE, related_name="survey_feeds")
    input_name = models.CharField(_("input"), max_length=60, default="responden")
    services = models.ManyToManyField(SurveyService, related_name="feeds", verbose_name=_("services"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("survey feed")
        verbose_name_plural = _("survey feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "input_name"], name="survey_one_feed_per_input"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator} {self.input_name}"
