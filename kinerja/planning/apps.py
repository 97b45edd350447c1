from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "kinerja.planning"
    label = "planning"
    verbose_name = _("Planning (Renstra and PK)")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        registry.add_nav(
            NavItem(
                "planning:agreement_list",
                _("Performance agreements"),
                "bi-file-earmark-check",
                lambda user: True,
                order=40,
            )
        )
        registry.add_nav(
            NavItem("planning:year_list", _("Schedule"), "bi-calendar3", lambda user: True, order=45)
        )
