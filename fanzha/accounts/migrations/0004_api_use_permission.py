from django.db import migrations

# the role groups that script against the API by default (accounts/roles.py); a platform upgraded to
# this release gives them the new permission here, since their groups already exist
API_ROLES = ["县反诈中心管理员", "派出所民警"]


def grant_api_use(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    groups = Group.objects.filter(name__in=API_ROLES)
    if not groups.exists():  # a new platform: the groups are made after migrate, with the permission
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="apitoken")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="use_api", defaults={"name": "使用接口（接口文档）"}
    )
    for group in Group.objects.filter(name__in=API_ROLES):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_api_tokens"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="apitoken",
            options={
                "permissions": [("use_api", "使用接口（接口文档）")],
                "verbose_name": "接口令牌",
                "verbose_name_plural": "接口令牌",
            },
        ),
        migrations.RunPython(grant_api_use, migrations.RunPython.noop),
    ]
