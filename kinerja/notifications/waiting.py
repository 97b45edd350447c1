"""What notifications put on a user's home page."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core.registry import WaitingItem

from .selectors import notification_list


def unread_notifications(user: Any) -> list[WaitingItem]:
    unread = notification_list(user=user).filter(read_at__isnull=True)
    latest = unread.first()
    if latest is None:
        return []
    return [
        WaitingItem(
            title=_("Unread notifications"),
            detail=_("Latest: %(title)s") % {"title": latest.title},
            url=reverse("notifications:list"),
            count=unread.count(),
            level="danger" if unread.filter(level="danger").exists() else "info",
        )
    ]
