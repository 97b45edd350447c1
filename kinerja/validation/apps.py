from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValidationConfig(AppConfig):
    name = "kinerja.validation"
    label = "validation"
    verbose_name = _("Validation of performance indicators")

    def ready(self) -> None:
        from kinerja.workflows import hooks as workflow_hooks

        from .hooks import panel_context, requirements
        from .services import WORKSHEET_KIND, validation_finish

        workflow_hooks.register(
            "validasi",
            workflow_hooks.ServiceHooks(
                requirements=requirements,
                panel=workflow_hooks.Panel(template="validation/_panel.html", context=panel_context),
                on_signed=validation_finish,
                worksheet_kind=WORKSHEET_KIND,
            ),
        )
