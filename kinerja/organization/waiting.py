"""What the organisation app puts on a user's home page."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, restrict
from kinerja.accounts.models import Role
from kinerja.core.registry import WaitingItem

from .models import OrgUnit


def unit_profile_incomplete(user: Any) -> list[WaitingItem]:
    """Units the user looks after whose contact details are still empty."""
    units = (
        restrict(OrgUnit.objects.filter(is_active=True), user, Action.CHANGE)
        .filter(address="", phone="", email="")
        .filter(
            role_assignments__user=user,
            role_assignments__is_active=True,
            role_assignments__role__in=[Role.OPERATOR, Role.UNIT_HEAD],
        )
        .distinct()
    )
    return [
        WaitingItem(
            title=_("Complete the profile of %(unit)s") % {"unit": unit.short_name},
            detail=_("Address, phone and e-mail are empty; they appear on the unit's documents."),
            url=reverse("organization:unit_edit", args=[unit.code]),
            level="warning",
        )
        for unit in units[:10]
    ]
