from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "kinerja.signatures"
    label = "signatures"
    verbose_name = _("Signed documents")

    def ready(self) -> None:
        from kinerja.accounts.access import is_administrator
        from kinerja.core.registry import NavItem, registry

        from .waiting import documents_to_sign

        registry.add_waiting(documents_to_sign)
        registry.add_nav(
            NavItem(
                "signatures:certificates",
                _("Signing certificate"),
                "bi-patch-check",
                is_administrator,
                order=90,
            )
        )
