from django.contrib import admin

from fanzha.imports.models import HeaderAlias, ImportBatch


@admin.register(HeaderAlias)
class HeaderAliasAdmin(admin.ModelAdmin):
    list_display = ("alias", "canonical", "kind")
    list_filter = ("kind",)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "filename",
        "kind",
        "status",
        "user",
        "started_at",
        "rows_total",
        "rows_created",
        "rows_rejected",
    )
    list_filter = ("kind", "status")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
