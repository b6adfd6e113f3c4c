"""The permission to attribute a case to any member unit (cases.assign_employer), granted to the
county office's and the station officers' groups of a platform that already has them."""

from django.db import migrations

# the groups' names as fanzha.accounts.roles names them (Role.COUNTY_ADMIN, Role.STATION_OFFICER)
GRANTED_TO = ("县反诈中心管理员", "派出所民警")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    groups = list(Group.objects.filter(name__in=GRANTED_TO))
    if not groups:
        return  # a new platform: the role groups are created with their defaults after migrate
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="cases", model="case"
    )
    permission, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type,
        codename="assign_employer",
        defaults={"name": "填写受害人工作单位（计入该成员单位的排名）"},
    )
    for group in groups:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cases", "0003_alter_case_employer_relation"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="case",
            options={
                "ordering": ["-reported_at", "-id"],
                "permissions": [
                    ("view_pii", "查看个人信息明文（身份证号、电话、账户）"),
                    ("import_cases", "导入案件台账"),
                    ("assign_employer", "填写受害人工作单位（计入该成员单位的排名）"),
                ],
                "verbose_name": "案件",
                "verbose_name_plural": "案件",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
