from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core.registry import WaitingItem

from .access import is_administrator
from .models import User


def users_without_role(user: Any) -> list[WaitingItem]:
    """Accounts that can log in but see nothing: an administrator should give them a role."""
    if not is_administrator(user):
        return []
    count = (
        User.objects.filter(is_active=True, is_superuser=False)
        .exclude(role_assignments__is_active=True)
        .count()
    )
    if not count:
        return []
    return [
        WaitingItem(
            title=_("Accounts without a role"),
            detail=_("These people can log in but see no unit's data until they get a role."),
            url=reverse("admin:accounts_user_changelist"),
            count=count,
            level="warning",
        )
    ]
