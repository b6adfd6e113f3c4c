from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction

from fanzha.accounts.models import User
from fanzha.accounts.passwords import announce_reset
from fanzha.orgs.models import OrgUnit

# Only a superuser may grant admin access, superuser status, single permissions or groups (groups
# follow the role); anyone else edits users of their own org subtree only, never a superuser.
ESCALATION_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "org", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + (("单位与角色", {"fields": ("org", "role")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("单位与角色", {"fields": ("org", "role")}),)
    raw_id_fields = ("org",)

    def user_change_password(self, request, id, form_url=""):
        """后台管理 → 用户 → 修改密码: Django's form (its validators), the reset written to the change log."""
        with transaction.atomic():  # the new password and its change row together
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                announce_reset(request.user, self.get_object(request, id))
        return response

    def get_queryset(self, request):
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        if request.user.org is None:
            return users.none()
        return users.filter(org__path__startswith=request.user.org.path, is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else readonly + ESCALATION_FIELDS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "org" and not request.user.is_superuser:
            home = request.user.org
            kwargs["queryset"] = (
                OrgUnit.objects.filter(path__startswith=home.path) if home else OrgUnit.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
