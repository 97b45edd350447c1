"""The administrator sets the answer deadline here; complaints themselves change only through the pages."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinerja.catalog.admin import ReadOnlyMixin

from . import services
from .models import Complaint, ComplaintSettings


@admin.register(ComplaintSettings)
class ComplaintSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "answer_days")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not ComplaintSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ComplaintSettings, form: Any, change: bool) -> None:
        current = services.settings_get()
        services.settings_update(
            actor=request.user, expected_version=current.row_version, answer_days=obj.answer_days
        )


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("number", "kind", "state", "channel", "received_at", "due_at")
    list_filter = ("state", "kind", "channel")
    search_fields = ("number", "subject")
