"""prevention.report_duty: a unit reports on the duties it was given (成员单位任务, 专项行动 milestones,
会商 decisions) without the right to change what was assigned. Granted to the role groups of a platform
that already has them (new platforms get it with the groups' defaults, fanzha.accounts.roles)."""

from django.db import migrations

# the groups' names as fanzha.accounts.roles names them
GRANTED_TO = ("县反诈中心管理员", "派出所民警", "乡镇/街道专干", "村/社区网格员", "成员单位联络员")


def grant(apps, schema_editor):
    groups = list(apps.get_model("auth", "Group").objects.filter(name__in=GRANTED_TO))
    if not groups:
        return
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="prevention", model="duty"
    )
    permission, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename="report_duty", defaults={"name": "报送本单位任务落实情况"}
    )
    for group in groups:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("prevention", "0005_teammember"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="duty",
            options={
                "ordering": ["deadline", "org__path"],
                "permissions": [
                    ("review_duty", "验收成员单位任务"),
                    ("report_duty", "报送本单位任务落实情况"),
                ],
                "verbose_name": "成员单位任务",
                "verbose_name_plural": "成员单位任务",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
