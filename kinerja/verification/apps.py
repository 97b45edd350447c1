from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    name = "kinerja.verification"
    label = "verification"
    verbose_name = _("Verification of performance achievements")

    def ready(self) -> None:
        from kinerja.workflows.hooks import Panel, ServiceHooks, register

        from . import hooks
        from .services import WORKSHEET_KIND, on_signed, quarter_return

        register(
            "verifikasi",
            ServiceHooks(
                requirements=hooks.requirements,
                check_period=hooks.check_period,
                panel=Panel(template="verification/_panel.html", context=hooks.panel_context),
                on_signed=on_signed,
                on_returned=quarter_return,
                worksheet_kind=WORKSHEET_KIND,
            ),
        )
