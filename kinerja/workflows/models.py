"""The bureau's three services as tracked requests, timed on the service calendar.

A request's clock is a list of `ClockEvent`s (start, pause, resume, stop), never a running
counter, so its service hours can be recomputed at any instant from the calendar and the events:
the same figure on every server, for an open request as for a delivered one. The standard's
figures (time limits, the compensation ladder, the warning threshold) live in `ServiceStandard`,
which an administrator may change; a request copies its limit when it is opened, so a later
change of the standard does not make an old request late.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.planning.periods import QUARTER_CHOICES


class ServiceKind(models.TextChoices):
    VALIDASI = "validasi", _("Validation of performance indicators")
    VERIFIKASI = "verifikasi", _("Verification of performance achievements")
    PENDAMPINGAN = "pendampingan", _("Mentoring of the annual performance report")


class Compensation(models.TextChoices):
    TEPAT_WAKTU = "tepat_waktu", _("On time")
    MAAF_LISAN = "maaf_lisan", _("Apology in person")
    MAAF_TERTULIS = "maaf_tertulis", _("Written apology")
    MAAF_TERTULIS_ANTAR_LANGSUNG = (
        "maaf_tertulis_antar_langsung",
        _("Written apology and the product delivered in person"),
    )


class ServiceStandard(models.Model):
    """One service as the standard publishes it; seeded with the memorandum's figures."""

    code = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices, unique=True)
    name = models.CharField(_("name"), max_length=255)
    product = models.CharField(_("product"), max_length=255)
    requirements = models.TextField(_("requirements"), help_text=_("One requirement per line."))
    steps = models.TextField(_("procedure"), help_text=_("One step per line."))
    cost = models.CharField(_("cost"), max_length=120, default="Tidak dikenakan biaya/gratis")
    eligible = models.CharField(_("who may ask"), max_length=255)
    limit_minutes = models.PositiveIntegerField(_("time limit (service minutes)"))
    written_apology_after_hours = models.PositiveIntegerField(
        _("written apology beyond (service hours)"), default=48
    )
    in_person_after_hours = models.PositiveIntegerField(
        _("written apology and delivery in person beyond (service hours)"), default=72
    )
    warn_at_percent = models.PositiveSmallIntegerField(
        _("warn when the clock reaches (% of the limit)"), default=75
    )
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    class Meta:
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_person_after_hours__gte=models.F("written_apology_after_hours")),
                name="standard_ladder_ordered",
                violation_error_message=_("The rungs of the compensation ladder must rise."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class RequestStatus(models.TextChoices):
    AWAITING = "awaiting", _("Waiting for the requirements")  # the clock has not started
    IN_SERVICE = "in_service", _("In service")  # the clock runs
    RETURNED = "returned", _("Returned to the unit")  # the clock is paused
    SIGNING = "signing", _("Worksheet out for signature")  # the clock runs
    DELIVERED = "delivered", _("Delivered")  # the clock has stopped
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (
    RequestStatus.AWAITING,
    RequestStatus.IN_SERVICE,
    RequestStatus.RETURNED,
    RequestStatus.SIGNING,
)


class Origin(models.TextChoices):
    INVITATION = "invitation", _("Invitation from Biro Perencanaan")
    UNIT_REQUEST = "unit_request", _("Request from the unit")


class Invitation(models.Model):
    """One invitation from the bureau to one or many units; each invited unit gets a request."""

    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    year = models.PositiveIntegerField(_("year"))
    quarter = models.CharField(_("quarter"), max_length=3, choices=QUARTER_CHOICES, blank=True)
    title = models.CharField(_("title"), max_length=255)
    message = models.TextField(_("message"), blank=True)
    meeting_at = models.DateTimeField(_("meeting time"), null=True, blank=True)
    place = models.CharField(_("place or link"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ServiceRequest(models.Model):
    number = models.CharField(_("number"), max_length=32, unique=True)
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    unit = models.ForeignKey(
        "organization.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    year = models.PositiveIntegerField(_("year"))
    quarter = models.CharField(_("quarter"), max_length=3, choices=QUARTER_CHOICES, blank=True)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default="awaiting")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_requests",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    limit_minutes = models.PositiveIntegerField(_("time limit (service minutes)"))
    written_apology_after_hours = models.PositiveIntegerField(default=48)
    in_person_after_hours = models.PositiveIntegerField(default=72)
    received_at = models.DateTimeField(_("complete request received"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("product delivered"), null=True, blank=True)
    return_reason = models.TextField(_("reason for the return"), blank=True)
    # Stored at delivery, so reports need not replay every clock; a later change of the calendar
    # does not rewrite what the unit was told when its product was delivered.
    service_seconds = models.PositiveIntegerField(_("service time (seconds)"), null=True, blank=True)
    compensation = models.CharField(
        _("compensation"), max_length=40, choices=Compensation.choices, blank=True
    )
    compensation_given_at = models.DateTimeField(_("compensation given"), null=True, blank=True)
    compensation_given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    compensation_note = models.TextField(_("how the compensation was given"), blank=True)
    worksheet = models.ForeignKey(
        "signatures.SignedDocument",
        verbose_name=_("worksheet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # One live request per service, unit and period: a second invitation reuses the first.
            models.UniqueConstraint(
                fields=["kind", "unit", "year", "quarter"],
                condition=~Q(status="cancelled"),
                name="one_live_request_per_period",
            ),
            models.CheckConstraint(
                condition=~Q(kind="verifikasi") | ~Q(quarter=""),
                name="verification_names_quarter",
                violation_error_message=_("A verification request names its quarter."),
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return f"{self.number} — {self.unit.short_name}"


class ClockEventKind(models.TextChoices):
    START = "start", _("Complete request received; the clock starts")
    PAUSE = "pause", _("Returned to the unit; the clock pauses")
    RESUME = "resume", _("Completed by the unit; the clock resumes")
    STOP = "stop", _("Product delivered; the clock stops")


class ClockEvent(models.Model):
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="clock_events")
    kind = models.CharField(_("event"), max_length=10, choices=ClockEventKind.choices)
    at = models.DateTimeField(_("at"))
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("clock event")
        verbose_name_plural = _("clock events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class RequirementTick(models.Model):
    """A requirement the system cannot check itself, ticked by the officer who checked it."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="ticks")
    key = models.CharField(max_length=40)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(auto_now_add=True)

    unit_lookup = "request__unit"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "key"], name="one_tick_per_requirement")]

    def __str__(self) -> str:
        return self.key


class Portfolio(models.Model):
    """A planner's unit: the standard divides the bureau's staff by unit."""

    planner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planner"),
        on_delete=models.CASCADE,
        related_name="portfolio",
    )
    unit = models.ForeignKey(
        "organization.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="planners"
    )
    is_lead = models.BooleanField(_("lead officer"), default=False)
    history = HistoricalRecords()

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("portfolio unit")
        verbose_name_plural = _("portfolio units")
        ordering = ["unit__path", "-is_lead", "planner__username"]
        constraints = [models.UniqueConstraint(fields=["planner", "unit"], name="one_portfolio_row")]

    def __str__(self) -> str:
        return f"{self.planner} → {self.unit.short_name}"


class ServiceTeam(models.Model):
    """A supervisor and the officers whose queue they see; the quality-control team reviews any request."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("supervisor"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="teams"
    )
    is_quality_control = models.BooleanField(_("quality-control team (tim kendali mutu)"), default=False)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("service team")
        verbose_name_plural = _("service teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReviewVerdict(models.TextChoices):
    OK = "ok", _("In order")
    NEEDS_CHANGES = "needs_changes", _("Needs changes")


class QualityReview(models.Model):
    """The quality-control team's word on a request before delivery; the latest one counts."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("verdict"), max_length=20, choices=ReviewVerdict.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    unit_lookup = "request__unit"

    class Meta:
        verbose_name = _("quality review")
        verbose_name_plural = _("quality reviews")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} ({self.reviewer})"
