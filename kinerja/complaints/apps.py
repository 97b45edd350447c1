from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "kinerja.complaints"
    label = "complaints"
    verbose_name = _("Complaints, suggestions and feedback")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        from . import waiting

        registry.add_nav(
            NavItem("complaints:list", _("Complaints"), "bi-megaphone", waiting.may_see, order=65)
        )
        registry.add_waiting(waiting.waiting_items)
