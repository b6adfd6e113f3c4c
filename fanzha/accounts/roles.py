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
_GOVERNANCE_READ = [
    "assessment.view_indicators",
    "assessment.view_outcome",
    "assessment.view_notice",
    "assessment.view_certificate",
    "assessment.view_itemscore",
    "assessment.view_target",
]

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
        *_GOVERNANCE_READ,
        "assessment.act_outcome",
        "assessment.add_notice",
        "assessment.assess",
        "assessment.certify",
        "assessment.view_rulesetting",
        "assessment.add_rulesetting",
        "assessment.add_target",
        "assessment.change_target",
        "assessment.delete_target",
    ],
    Role.STATION_OFFICER: [
        *_CASE_RW,
        *_ORG_READ,
        *_GOVERNANCE_READ,
        "cases.view_pii",
        "cases.import_cases",
        "assessment.act_outcome",
    ],
    Role.TOWN_STAFF: [*_CASE_RW, *_ORG_READ, *_GOVERNANCE_READ, "assessment.act_outcome"],
    Role.GRID_WORKER: [*_CASE_RW, *_ORG_READ, "assessment.view_indicators", "assessment.view_certificate"],
    Role.UNIT_LIAISON: [
        "cases.view_case",
        *_ORG_READ,
        "assessment.view_indicators",
        "assessment.view_certificate",
    ],
}


def grant_defaults(group, role, app_label=None) -> None:
    """Add a role's default permissions (of one app, or all) to its group."""
    from django.contrib.auth.models import Permission

    wanted = []
    for perm in DEFAULT_PERMISSIONS[role]:
        label, codename = perm.split(".")
        if app_label is None or label == app_label:
            wanted.extend(Permission.objects.filter(content_type__app_label=label, codename=codename))
    group.permissions.add(*wanted)


def ensure_role_groups(**kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group

    # post_migrate runs app by app: make sure every app's permissions exist before granting them
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    for role, perms in DEFAULT_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=role.label)
        if created:
            grant_defaults(group, role)
        elif not group.permissions.filter(content_type__app_label="assessment").exists() and any(
            p.startswith("assessment.") for p in perms
        ):
            # a platform upgraded to the governance engine: its roles get the new defaults once
            grant_defaults(group, role, "assessment")
