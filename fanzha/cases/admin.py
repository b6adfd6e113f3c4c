from django.contrib import admin

from fanzha.cases.models import FraudType


@admin.register(FraudType)
class FraudTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "aliases", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    search_fields = ("name", "aliases")
