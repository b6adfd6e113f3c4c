"""The permissions on 选项同义词 (imports.ChoiceSynonym), granted to the county office's group of a
platform that already has it (a new platform's role groups get them with their defaults)."""

from django.db import migrations

GRANTED_TO = "县反诈中心管理员"  # fanzha.accounts.roles.Role.COUNTY_ADMIN's group
ACTIONS = ("view", "add", "delete")


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GRANTED_TO).first()
    if group is None:
        return
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="imports", model="choicesynonym"
    )
    Permission = apps.get_model("auth", "Permission")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_choicesynonym",
            defaults={"name": f"Can {action} 选项同义词"},
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("imports", "0008_directory_import_kinds"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
