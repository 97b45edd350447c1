"""People and the roles they hold in units. Roles decide access; they are not job titles."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.core.models import dates_in_order


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    PLANNER = "planner", _("Planner (Biro Perencanaan)")
    INSPECTOR = "inspector", _("Inspector (Inspektorat Jenderal)")
    OPERATOR = "operator", _("Unit operator")
    UNIT_HEAD = "unit_head", _("Unit head")
    LEADERSHIP = "leadership", _("Leadership viewer")


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    nip = models.CharField(_("employee number (NIP)"), max_length=30, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username


class RoleAssignment(models.Model):
    """One role of one person in one unit; a person may hold several, in several units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "organization.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    unit_lookup = "unit"

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="uniq_role_per_unit"),
            dates_in_order("role_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.unit.short_name}"
