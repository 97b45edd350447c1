from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "kinerja.catalog"
    label = "catalog"
    verbose_name = _("Indicator catalogue")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        from .waiting import catalogue_gaps

        registry.add_nav(
            NavItem("catalog:indicator_list", _("Indicators"), "bi-journal-text", lambda user: True, order=30)
        )
        registry.add_waiting(catalogue_gaps)
