"""The organisation tree: every piece of performance data hangs off a unit of this tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UnitKind(models.TextChoices):
    KEMENTERIAN = "kementerian", _("Ministry")
    ESELON_1 = "eselon_1", _("Echelon I")
    ESELON_2 = "eselon_2", _("Echelon II")
    ESELON_3 = "eselon_3", _("Echelon III")
    UPT = "upt", _("Technical unit (UPT)")
    ESELON_4 = "eselon_4", _("Echelon IV")


# Depth of each kind in the hierarchy; a child must sit deeper than its parent (levels may be
# skipped: a UPT reports straight to its Directorate General).
KIND_LEVEL = {
    UnitKind.KEMENTERIAN: 0,
    UnitKind.ESELON_1: 1,
    UnitKind.ESELON_2: 2,
    UnitKind.ESELON_3: 3,
    UnitKind.UPT: 3,
    UnitKind.ESELON_4: 4,
}

PATH_STEP = 6  # characters per level in the materialised path: "000001000007..."


class OrgUnit(models.Model):
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Stable identifier used by the API and the command line, e.g. PSDKP-TARAKAN."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of zero-padded primary keys: subtree queries become one indexed
    # prefix match instead of a recursive walk. Maintained by services.unit_create/unit_move.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["path", "row_version"])

    # The lookup from this model to the owning unit, read by accounts.access.restrict().
    unit_lookup = "pk"

    class Meta:
        ordering = ["path"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="orgunit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.code})"

    @property
    def depth(self) -> int:
        return len(self.path) // PATH_STEP - 1 if self.path else 0

    @property
    def level(self) -> int:
        return KIND_LEVEL[UnitKind(self.kind)]
