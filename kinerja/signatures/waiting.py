from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.registry import WaitingItem

from .selectors import documents_waiting


def documents_to_sign(user: Any) -> list[WaitingItem]:
    count = documents_waiting(user=user).count()
    if not count:
        return []
    return [
        WaitingItem(
            title=_("Documents to sign"),
            detail=ngettext(
                "One document is waiting for your signature.",
                "%(count)d documents are waiting for your signature.",
                count,
            )
            % {"count": count},
            url=reverse("signatures:mine"),
            count=count,
            level="warning",
        )
    ]
