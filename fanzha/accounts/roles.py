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


def _perms(app: str, actions: str, *models: str) -> list[str]:
    return [f"{app}.{action}_{model}" for model in models for action in actions.split()]


_OUTREACH = ("activity", "household", "householdvisit", "grouppush", "wechatgroup", "pledgecount", "package")
_PREVENTION_RW = [
    *_perms("prevention", "view add change", *_OUTREACH),
    *_perms("prevention", "view", "registration", "smscampaign", "duty", "coveragetarget", "publicityteam"),
    "prevention.report_duty",  # a unit reports on what it was given (duties, milestones, meeting decisions)
]
_PREVENTION_ALL = [
    *_PREVENTION_RW,
    *_perms(
        "prevention", "add change", "registration", "smscampaign", "duty", "coveragetarget", "publicityteam"
    ),
    *_perms("prevention", "view add change delete", "activitykind", "dutytemplate"),
    "prevention.review_duty",
]
_ORDERS = ["warnings.view_verificationorder", "warnings.act_order"]
_FOLLOWUP_READ = ["warnings.view_followup", "warnings.view_accountabilityreview"]
_SCREEN = "screening.use_screening"
# 串并案: every role that reads cases sees clusters; the county office decides and keeps the whitelist
_SERIES_READ = ["series.view_cluster", "series.view_whitelistentry"]
_SERIES_ALL = [
    *_SERIES_READ,
    "series.decide_cluster",
    "series.add_whitelistentry",
    "series.delete_whitelistentry",
]
_CLUES = ["clues.view_clue", "clues.act_clue"]  # a station verifies its clues and records 打处
# 止付冻结: officers record and act; a bank's liaison confirms and signs for documents (their scope is
# the requests addressed to their bank)
_STRIKE_OFFICER = ["strike.view_strikerequest", "strike.add_strikerequest", "strike.act_request"]
_STRIKE_BANK = ["strike.view_strikerequest", "strike.confirm_request"]
_FUNDS = "funds.trace_funds"  # 资金查控: the trace page, statement imports, victim transfers
# 研判会商/联席会议 and the holiday calendar: the county office convenes and corrects (docs/meetings.md)
_MEETINGS = [
    *_perms("meetings", "view add change", "meeting"),
    *_perms("meetings", "view add", "holidayoverride"),
]
# 通讯录: everyone who works with the centre reads it (phones masked without cases.view_pii); the
# county office keeps the leading group, each unit its own liaisons, stations their team rosters
_DIRECTORY_READ = ["directory.view_liaison", "directory.view_leadershipmember"]
_DIRECTORY_ALL = [*_DIRECTORY_READ, *_perms("directory", "add change", "liaison", "leadershipmember")]
_TEAMS = [*_perms("prevention", "view add change", "teammember"), "prevention.add_publicityteam"]
# 专项行动: the county office plans campaigns and assigns milestones; stations and towns follow them
_CAMPAIGNS_READ = ["campaigns.view_milestone"]
_CAMPAIGNS_ALL = [*_CAMPAIGNS_READ, "campaigns.manage_campaign"]
# 督导检查: the county office inspects and closes findings; the inspected unit reports its rectification
_INSPECTED = ["inspections.view_inspection", "inspections.view_finding", "inspections.report_finding"]
_INSPECTING = [*_INSPECTED, "inspections.conduct_inspection"]
_KEY_PERSONS = [*_perms("keypersons", "view add change", "keyperson", "den"), "keypersons.import_keypersons"]

DEFAULT_PERMISSIONS: dict[str, list[str]] = {
    Role.COUNTY_ADMIN: [
        *_CASE_RW,
        *_ORG_READ,
        "cases.delete_case",
        "cases.view_pii",
        "cases.import_cases",
        "cases.assign_employer",
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
        "imports.view_choicesynonym",
        "imports.add_choicesynonym",
        "imports.delete_choicesynonym",
        "audit.view_objectchange",
        "audit.view_accesslog",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.use_api",
        *_GOVERNANCE_READ,
        "assessment.act_outcome",
        "assessment.add_notice",
        *_perms("reports", "view add change", "bulletin"),
        "reports.issue_bulletin",
        "assessment.assess",
        "assessment.certify",
        "parameters.view_rulesetting",
        "parameters.add_rulesetting",
        "assessment.add_target",
        "assessment.change_target",
        "assessment.delete_target",
        *_PREVENTION_ALL,
        *_ORDERS,
        *_FOLLOWUP_READ,
        "warnings.import_warnings",
        "warnings.conduct_followup",
        "warnings.resolve_review",
        *_KEY_PERSONS,
        *_DIRECTORY_ALL,
        *_perms("prevention", "view add change", "teammember"),
        "cases.grade_case",
        *_CLUES,
        "clues.add_clue",
        "clues.import_clues",
        "clues.assign_clue",
        _SCREEN,
        _FUNDS,
        "screening.train_screening",
        "screening.view_screeningmodel",
        "screening.view_correction",
        *_SERIES_ALL,
        *_STRIKE_OFFICER,
        "strike.confirm_request",
        *_MEETINGS,
        *_CAMPAIGNS_ALL,
        *_INSPECTING,
    ],
    Role.STATION_OFFICER: [
        "accounts.use_api",  # warnings and cases pushed in by script
        *_CASE_RW,
        *_ORG_READ,
        *_GOVERNANCE_READ,
        "cases.view_pii",
        "cases.import_cases",
        "cases.assign_employer",
        "assessment.act_outcome",
        *_PREVENTION_RW,
        *_ORDERS,
        *_FOLLOWUP_READ,
        "warnings.import_warnings",
        "warnings.conduct_followup",
        *_KEY_PERSONS,
        *_DIRECTORY_READ,
        "directory.add_liaison",
        "directory.change_liaison",
        *_TEAMS,
        *_CLUES,
        _SCREEN,
        *_SERIES_READ,
        *_STRIKE_OFFICER,
        _FUNDS,
        *_CAMPAIGNS_READ,
        *_INSPECTED,
    ],
    Role.TOWN_STAFF: [
        *_CASE_RW,
        *_ORG_READ,
        *_GOVERNANCE_READ,
        "assessment.act_outcome",
        *_PREVENTION_RW,
        *_ORDERS,
        *_FOLLOWUP_READ,
        _SCREEN,
        "series.view_cluster",
        *_DIRECTORY_READ,
        *_CAMPAIGNS_READ,
        *_INSPECTED,
    ],
    Role.GRID_WORKER: [
        *_CASE_RW,
        *_ORG_READ,
        "assessment.view_indicators",
        "assessment.view_certificate",
        *_PREVENTION_RW,
        *_ORDERS,
        _SCREEN,
        "series.view_cluster",
        *_INSPECTED,
    ],
    Role.UNIT_LIAISON: [
        "cases.view_case",
        *_ORG_READ,
        "assessment.view_indicators",
        "assessment.view_certificate",
        *_perms("prevention", "view add change", "activity", "pledgecount", "wechatgroup", "grouppush"),
        *_perms("prevention", "view", "registration", "duty"),
        "prevention.change_duty",
        "prevention.report_duty",
        _SCREEN,
        *_STRIKE_BANK,
        *_DIRECTORY_READ,
        "directory.add_liaison",
        "directory.change_liaison",
        *_INSPECTED,
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
            continue
        # a platform upgraded to a release with new apps: a role gets an app's defaults while it holds
        # none of that app's permissions (an office that removed them all gets them back; say so in the
        # release notes)
        held = set(group.permissions.values_list("content_type__app_label", flat=True))
        for app_label in sorted({p.split(".")[0] for p in perms} - held):
            grant_defaults(group, role, app_label)
