"""The planning rows change only through the planning services (a PK revision copies rows, opening a
year freezes formulas), so the admin shows them read-only."""

from django.contrib import admin

from kinerja.catalog.admin import ReadOnlyMixin

from .models import Agreement, CorrectionSession, DeadlineExtension, PlanningYear, Renstra


@admin.register(PlanningYear)
class PlanningYearAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("year", "status", "entry_close_day", "opened_at", "closed_at")


@admin.register(Renstra)
class RenstraAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("title", "unit", "start_year", "end_year", "is_active")
    search_fields = ("title", "unit__code")


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("unit", "year", "revision", "status", "is_current", "signed_on")
    list_filter = ("year", "status", "is_current")
    search_fields = ("unit__code",)


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("window", "unit", "closes_on", "created_by")


@admin.register(CorrectionSession)
class CorrectionSessionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("year", "unit", "ends_on", "closed_at", "opened_by")
