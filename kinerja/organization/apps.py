from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "kinerja.organization"
    label = "organization"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        from .waiting import unit_profile_incomplete

        registry.add_nav(
            NavItem("organization:unit_list", _("Units"), "bi-diagram-3", lambda user: True, order=20)
        )
        registry.add_waiting(unit_profile_incomplete)
