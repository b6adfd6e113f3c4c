"""RuleSetting moves to the parameters app (a floor the ledgers may read); its table keeps its name.
The permission 查看指标、排名与通报 (assessment.view_indicators) moves to Notice, so the groups that
hold it keep it."""

from django.db import migrations


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label="assessment", model="rulesetting").first()
    if old is None:  # a fresh database: content types are made after migrating
        return
    notice, _ = ContentType.objects.get_or_create(app_label="assessment", model="notice")
    Permission.objects.filter(content_type=old, codename="view_indicators").update(content_type=notice)
    ContentType.objects.filter(app_label="parameters", model="rulesetting").delete()
    old.app_label = "parameters"
    old.save(update_fields=["app_label"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0006_den_review"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RuleSetting")], database_operations=[]
        ),
        migrations.AlterModelOptions(
            name="notice",
            options={
                "ordering": ["-issued_on", "org__path"],
                "permissions": [("view_indicators", "查看指标、排名与通报")],
                "verbose_name": "通报记录",
                "verbose_name_plural": "通报记录",
            },
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
