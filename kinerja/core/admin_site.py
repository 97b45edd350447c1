"""The Django admin for master data, opened by the administrator role and our own login page."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.access import is_administrator


class KinerjaAdminSite(admin.AdminSite):
    site_header = _("Kinerja — master data")
    site_title = _("Kinerja administration")
    index_title = _("Master data")

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and is_administrator(request.user))

    def login(self, request: HttpRequest, extra_context: dict[str, object] | None = None) -> HttpResponse:
        """Anonymous people log in on the one login page; logged-in non-administrators get a 403."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", "/admin/"))
