from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "short_name", "name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "short_name")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "row_version")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: OrgUnit, form: Any, change: bool) -> None:
        """Route admin edits through the services so the tree rules and paths hold here too."""
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            saved = services.unit_update(
                unit=OrgUnit.objects.get(pk=obj.pk), expected_version=obj.row_version, **data
            )
        else:
            saved = services.unit_create(
                code=obj.code,
                name=obj.name,
                short_name=obj.short_name,
                kind=obj.kind,
                parent=obj.parent,
                sort_order=obj.sort_order,
                is_active=obj.is_active,
            )
        obj.pk, obj.path, obj.row_version = saved.pk, saved.path, saved.row_version
