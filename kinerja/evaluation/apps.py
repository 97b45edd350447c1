from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "kinerja.evaluation"
    label = "evaluation"
    verbose_name = _("SAKIP evaluation")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        registry.add_nav(
            NavItem("evaluation:index", _("SAKIP evaluation"), "bi-award", lambda user: True, order=49)
        )
