"""Roles are Django groups named after the role, created on migrate with default permissions.
The county office may change a group's permissions in the admin; the defaults are only applied
when the group is first created. Seeing personal data unmasked is the permission `cases.view_pii`."""

from django.db import models


class Role(models.TextChoices):
    COUNTY_ADMIN = "county_admin", "县反诈中心管理员"
    STATION_OFFICER = "station_officer", "派出所民警"
    TOWN_STAFF = "town_staff", "乡镇/街道专干"
    GRID_WORKER = "grid_worker", "村/社区网格员"
    UNIT_LIAISON = "unit_liaison", "成员单位联络员"


_CASE_RW = ["cases.view_case", "cases.add_case", "cases.change_case"]
_ORG_READ = ["orgs.view_orgunit", "orgs.view_population", "cases.view_fraudtype"]

DEFAULT_PERMISSIONS: dict[str, list[str]] = {
    Role.COUNTY_ADMIN: [
        *_CASE_RW,
        *_ORG_READ,
        "cases.delete_case",
        "cases.view_pii",
        "cases.import_cases",
        "cases.add_fraudtype",
        "cases.change_fraudtype",
        "orgs.add_orgunit",
        "orgs.change_orgunit",
        "orgs.import_orgs",
        "orgs.add_population",
        "orgs.change_population",
        "imports.view_headeralias",
        "imports.add_headeralias",
        "imports.change_headeralias",
        "imports.delete_headeralias",
        "audit.view_objectchange",
        "audit.view_accesslog",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
    ],
    Role.STATION_OFFICER: [*_CASE_RW, *_ORG_READ, "cases.view_pii", "cases.import_cases"],
    Role.TOWN_STAFF: [*_CASE_RW, *_ORG_READ],
    Role.GRID_WORKER: [*_CASE_RW, *_ORG_READ],
    Role.UNIT_LIAISON: ["cases.view_case", *_ORG_READ],
}


def ensure_role_groups(**kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # post_migrate runs app by app: make sure every app's permissions exist before granting them
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    for role, perms in DEFAULT_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=role.label)
        if not created:
            continue
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
