from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from kinerja.accounts.access import active_assignments, roles_of

from .registry import registry


def _is_current(path: str, url: str) -> bool:
    return path == url or (url != "/" and path.startswith(url))


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for item in registry.nav:
        if item.visible(user):
            url = reverse(item.url_name)
            items.append(
                {"url": url, "label": item.label, "icon": item.icon, "active": _is_current(request.path, url)}
            )
    return {
        "nav_items": items,
        "user_roles": sorted(roles_of(user)),
        "user_assignments": active_assignments(user),
    }
