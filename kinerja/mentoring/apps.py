from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "kinerja.mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring of the annual performance report")

    def ready(self) -> None:
        from kinerja.workflows.hooks import Panel, ServiceHooks, register

        from . import hooks
        from .services import WORKSHEET_KIND

        register(
            "pendampingan",
            ServiceHooks(
                requirements=hooks.requirements,
                panel=Panel(template="mentoring/_panel.html", context=hooks.panel_context),
                on_signed=None,  # delivering the worksheet is the whole product
                worksheet_kind=WORKSHEET_KIND,
            ),
        )
