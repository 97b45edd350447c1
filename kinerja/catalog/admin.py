"""Objectives are master data kept here; indicators change only through the catalogue's services
(so every formula change is a version), so the admin shows them read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator, IndicatorVersion, Sasaran


@admin.register(Sasaran)
class SasaranAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "unit", "is_placeholder")
    list_filter = ("kind", "is_placeholder")
    search_fields = ("code", "name", "unit__code")
    autocomplete_fields = ("unit", "parent")


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("code", "name", "unit", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "unit__code")


@admin.register(IndicatorVersion)
class IndicatorVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("indicator", "number", "created_at", "created_by")
    search_fields = ("indicator__code",)
