from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from kinerja.accounts.access import active_assignments, roles_of

from .registry import registry


def _matches(path: str, url: str) -> bool:
    return path == url or (url != "/" and path.startswith(url))


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for item in registry.nav:
        if item.visible(user):
            url = reverse(item.url_name)
            items.append({"url": url, "label": item.label, "icon": item.icon, "active": False})
    # Entries can nest (/performance/ and /performance/dashboard/): only the closest one is current.
    matching = [entry for entry in items if _matches(request.path, entry["url"])]
    if matching:
        max(matching, key=lambda entry: len(entry["url"]))["active"] = True
    return {
        "nav_items": items,
        "user_roles": sorted(roles_of(user)),
        "user_assignments": active_assignments(user),
    }
