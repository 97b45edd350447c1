from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "kinerja.survey"
    label = "survey"
    verbose_name = _("Public satisfaction survey (SKM/IKM)")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry
        from kinerja.performance.feeds import register_source

        from . import waiting
        from .feed import fed_source

        registry.add_nav(NavItem("survey:manage", _("Survey"), "bi-emoji-smile", lambda user: True, order=70))
        registry.add_waiting(waiting.waiting_items)
        register_source(fed_source)
