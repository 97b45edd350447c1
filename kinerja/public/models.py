"""The texts of the public pages that the standard publishes and an administrator may change.

The service figures (time limits, ladder, Indonesian requirements and steps) stay in
`workflows.ServiceStandard`; this app keeps only what that model lacks: the bureau's profile
(pledge, vision, mission, motto, supervision, complaint channels) and the English variant of each
service's texts. Every long text has an Indonesian and an English field; the page shows the one of
the visitor's language and falls back to Indonesian where the English one is empty.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def in_language(indonesian: str, english: str) -> str:
    """The text for the visitor's language: English when asked for and written, else Indonesian."""
    if english and (get_language() or "id").startswith("en"):
        return english
    return indonesian


class PublicProfile(models.Model):
    """The one row of the bureau's public profile (pk 1), seeded with the standard's text."""

    about_id = models.TextField(_("who we are (Indonesian)"))
    about_en = models.TextField(_("who we are (English)"), blank=True)
    pledge_id = models.TextField(_("service pledge (Indonesian)"))
    pledge_en = models.TextField(_("service pledge (English)"), blank=True)
    vision_id = models.TextField(_("vision (Indonesian)"))
    vision_en = models.TextField(_("vision (English)"), blank=True)
    mission_id = models.TextField(_("mission (Indonesian)"), help_text=_("One point per line."))
    mission_en = models.TextField(_("mission (English)"), blank=True, help_text=_("One point per line."))
    motto_id = models.TextField(
        _("motto explained (Indonesian)"), help_text=_("One word per line: the word, a colon, its meaning.")
    )
    motto_en = models.TextField(
        _("motto explained (English)"),
        blank=True,
        help_text=_("One word per line: the word, a colon, its meaning."),
    )
    supervision_id = models.TextField(
        _("internal supervision (Indonesian)"), help_text=_("One level per line.")
    )
    supervision_en = models.TextField(
        _("internal supervision (English)"), blank=True, help_text=_("One level per line.")
    )
    address = models.CharField(_("address"), max_length=255)
    email = models.EmailField(_("e-mail for complaints"))
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    reference = models.CharField(_("the standard's decree"), max_length=255, blank=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    class Meta:
        verbose_name = _("public profile")
        verbose_name_plural = _("public profile")

    def __str__(self) -> str:
        return str(_("Public profile of Biro Perencanaan"))

    def text(self, name: str) -> str:
        return in_language(getattr(self, f"{name}_id"), getattr(self, f"{name}_en"))

    # For the templates, which cannot pass an argument.
    @property
    def text_about(self) -> str:
        return self.text("about")

    @property
    def text_pledge(self) -> str:
        return self.text("pledge")

    @property
    def text_vision(self) -> str:
        return self.text("vision")


class ServiceText(models.Model):
    """What a service's public page needs beyond `ServiceStandard`: English texts and a summary."""

    standard = models.OneToOneField(
        "workflows.ServiceStandard",
        on_delete=models.CASCADE,
        related_name="public_text",
        verbose_name=_("service"),
    )
    summary_id = models.TextField(_("summary (Indonesian)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    eligible_en = models.CharField(_("who may ask (English)"), max_length=255, blank=True)
    requirements_en = models.TextField(_("requirements (English)"), blank=True)
    steps_en = models.TextField(_("procedure (English)"), blank=True)
    product_en = models.CharField(_("product (English)"), max_length=255, blank=True)
    cost_en = models.CharField(_("cost (English)"), max_length=120, blank=True)
    row_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["row_version"])

    class Meta:
        verbose_name = _("public text of a service")
        verbose_name_plural = _("public texts of the services")
        ordering = ["standard_id"]

    def __str__(self) -> str:
        return str(self.standard)
