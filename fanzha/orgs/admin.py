from django.contrib import admin

from fanzha.orgs.models import OrgUnit, Population


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "station", "sector", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code")
    raw_id_fields = ("parent", "station")
    inlines = [PopulationInline]
