"""The worksheet in the admin: read-only, because a version is written by `kinerja lke_load` and
changed only as a copy. The one edit is a DRAFT's criterion text and guidance, which goes through
`criterion_update` so the rules (draft, unused by any evaluation) hold here too."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse

from kinerja.catalog.admin import ReadOnlyMixin

from .models import AnswerScale, Component, Criterion, Evaluation, GradeBand, Worksheet, WorksheetStatus
from .worksheet_services import criterion_update


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ScaleInline(ReadOnlyInline):
    model = AnswerScale
    fields = readonly_fields = ("code", "name")


class GradeInline(ReadOnlyInline):
    model = GradeBand
    fields = readonly_fields = ("grade", "above", "label")


class ComponentInline(ReadOnlyInline):
    model = Component
    fields = readonly_fields = ("code", "name", "weight")


@admin.register(Worksheet)
class WorksheetAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "title", "valid_from", "status")
    list_filter = ("status",)
    inlines = (ScaleInline, GradeInline, ComponentInline)

    def view_on_site(self, obj: Worksheet) -> str:
        """The page that shows the whole structure: sub-components, criteria, scales and proofs."""
        return reverse("evaluation:worksheet", kwargs={"code": obj.code})


def amendable(criterion: Criterion) -> bool:
    worksheet = criterion.subcomponent.component.worksheet
    return (
        worksheet.status == WorksheetStatus.DRAFT
        and not Evaluation.objects.filter(worksheet=worksheet).exists()
    )


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("code", "text", "worksheet", "scale", "proof")
    list_filter = ("subcomponent__component__worksheet",)
    search_fields = ("code", "text")
    fields = ("code", "subcomponent", "scale", "proof", "text", "guidance")
    list_select_related = ("subcomponent__component__worksheet", "scale")

    @admin.display(description=Worksheet._meta.verbose_name)
    def worksheet(self, obj: Criterion) -> Worksheet:
        return obj.subcomponent.component.worksheet

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        editable = obj is not None and amendable(obj)
        return ("code", "subcomponent", "scale", "proof") if editable else self.fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and amendable(obj) and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Criterion, form: Any, change: bool) -> None:
        criterion_update(
            actor=request.user,
            criterion=obj,
            text=form.cleaned_data["text"],
            guidance=form.cleaned_data["guidance"],
        )
