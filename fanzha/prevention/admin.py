"""The lists an office adapts to its own plan: activity kinds, the duty catalogue, coverage targets."""

from django.contrib import admin

from fanzha.prevention.models import ActivityKind, CoverageTarget, DutyTemplate


@admin.register(ActivityKind)
class ActivityKindAdmin(admin.ModelAdmin):
    list_display = ("name", "quota_group", "sort_order", "is_active")
    list_editable = ("quota_group", "sort_order", "is_active")
    search_fields = ("name",)


@admin.register(DutyTemplate)
class DutyTemplateAdmin(admin.ModelAdmin):
    list_display = ("sector", "title", "plan", "due_month", "due_day")
    list_filter = ("sector",)
    search_fields = ("title", "detail", "plan")


@admin.register(CoverageTarget)
class CoverageTargetAdmin(admin.ModelAdmin):
    list_display = ("name", "measure", "scope", "level", "target_pct", "starts_on", "deadline")
    list_filter = ("measure", "level")
    raw_id_fields = ("scope",)
