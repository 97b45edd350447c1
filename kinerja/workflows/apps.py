from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

WORKSHEET_KINDS = ("worksheet:validasi", "worksheet:verifikasi", "worksheet:pendampingan")


class WorkflowsConfig(AppConfig):
    name = "kinerja.workflows"
    label = "workflows"
    verbose_name = _("Services of Biro Perencanaan")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry
        from kinerja.signatures import hooks as signature_hooks

        from . import services, waiting

        registry.add_nav(NavItem("workflows:index", _("Services"), "bi-inboxes", lambda user: True, order=60))
        registry.add_waiting(waiting.waiting_items)
        for kind in WORKSHEET_KINDS:
            signature_hooks.register(kind, services.worksheet_signed)
