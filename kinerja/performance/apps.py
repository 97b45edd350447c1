from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "kinerja.performance"
    label = "performance"
    verbose_name = _("Performance (realisation)")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        registry.add_nav(
            NavItem("performance:index", _("Realisation"), "bi-clipboard-data", lambda user: True, order=40)
        )
        registry.add_nav(
            NavItem(
                "performance:dashboard_home", _("Dashboard"), "bi-speedometer2", lambda user: True, order=20
            )
        )
