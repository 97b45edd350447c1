"""Lets the administrator role, not a separate is_staff flag, open the Django admin."""

from typing import Any

from django.contrib.auth.backends import ModelBackend


class RoleBackend(ModelBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        from .access import is_administrator

        return is_administrator(user_obj) or super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        from .access import is_administrator

        return is_administrator(user_obj) or super().has_module_perms(user_obj, app_label)
