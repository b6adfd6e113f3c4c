from django.contrib import admin

from fanzha.screening.models import Correction, ScreeningModel


@admin.register(ScreeningModel)
class ScreeningModelAdmin(admin.ModelAdmin):
    list_display = ("version", "trained_at", "rows", "source", "is_active")
    readonly_fields = (
        "version",
        "file",
        "source",
        "rows",
        "labels",
        "dev_evaluation",
        "trained_at",
        "trained_by",
    )


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ("created_at", "suggested", "chosen", "user")
    list_filter = ("chosen",)
