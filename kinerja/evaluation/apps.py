from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "kinerja.evaluation"
    label = "evaluation"
    verbose_name = _("SAKIP evaluation")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry
        from kinerja.performance.feeds import register_source
        from kinerja.signatures import hooks

        from . import feed, recommendation_waiting, signing, waiting

        registry.add_nav(
            NavItem("evaluation:index", _("SAKIP evaluation"), "bi-award", lambda user: True, order=49)
        )
        registry.add_waiting(waiting.evaluations_waiting)
        registry.add_waiting(recommendation_waiting.recommendations_waiting)
        hooks.register(signing.REPORT_KIND, signing.on_report_signed)
        register_source(feed.fed_source)
