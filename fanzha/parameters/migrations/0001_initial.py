"""RuleSetting, moved here from assessment: only Django's record of the model is created; the table
(assessment_rulesetting) is the one assessment's migrations made."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("assessment", "0007_rulesetting_moves_to_parameters"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="RuleSetting",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=64, verbose_name="参数")),
                        ("version", models.PositiveIntegerField(verbose_name="版本")),
                        ("value", models.JSONField(verbose_name="取值")),
                        ("note", models.CharField(blank=True, max_length=200, verbose_name="修改说明")),
                        ("changed_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="修改时间")),
                        (
                            "changed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="修改人",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "规则参数",
                        "verbose_name_plural": "规则参数",
                        "ordering": ["key", "-version"],
                        "db_table": "assessment_rulesetting",
                        "constraints": [
                            models.UniqueConstraint(fields=("key", "version"), name="rulesetting_key_version")
                        ],
                    },
                ),
            ],
        ),
    ]
