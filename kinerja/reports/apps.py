from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kinerja.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        from .waiting import lkj_drafts

        registry.add_nav(
            NavItem("reports:index", _("Reports"), "bi-file-earmark-text", lambda user: True, order=50)
        )
        registry.add_waiting(lkj_drafts)
