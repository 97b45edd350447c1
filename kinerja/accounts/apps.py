from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kinerja.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from kinerja.core.registry import NavItem, registry

        from .access import is_administrator
        from .waiting import users_without_role

        registry.add_nav(NavItem("admin:index", _("Master data"), "bi-gear", is_administrator, order=90))
        registry.add_waiting(users_without_role)
