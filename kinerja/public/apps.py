from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "kinerja.public"
    label = "public"
    verbose_name = _("Public pages of the service standard")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        from .services import may_manage

        # Citizens reach the pages from "/"; staff menus link only the administrators' edit page.
        registry.add_nav(NavItem("public:profile_edit", _("Public texts"), "bi-globe", may_manage, order=95))
