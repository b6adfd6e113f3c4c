from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from fanzha.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "org", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + (("单位与角色", {"fields": ("org", "role")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("单位与角色", {"fields": ("org", "role")}),)
    raw_id_fields = ("org",)
