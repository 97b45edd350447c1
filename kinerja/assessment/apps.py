from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "kinerja.assessment"
    label = "assessment"
    verbose_name = _("SAKIP self-assessment")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry
        from kinerja.performance.feeds import register_source

        from .feed import fed_source

        registry.add_nav(
            NavItem(
                "assessment:index", _("Self-assessment"), "bi-clipboard-check", lambda user: True, order=48
            )
        )
        register_source(fed_source)
