from django.conf import settings
from django.db import models
from django.utils import timezone


class RuleSetting(models.Model):
    """One version of one configurable reading of a plan (规则参数). Never updated: a change is a new
    version, so every past figure can be explained by the setting in force then."""

    key = models.CharField("参数", max_length=64)
    version = models.PositiveIntegerField("版本")
    value = models.JSONField("取值")
    note = models.CharField("修改说明", max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, blank=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField("修改时间", default=timezone.now)

    class Meta:
        verbose_name = "规则参数"
        verbose_name_plural = "规则参数"
        ordering = ["key", "-version"]
        db_table = "assessment_rulesetting"  # the table kept its name when the model moved here
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="rulesetting_key_version")]

    def __str__(self):
        return f"{self.key} v{self.version}"
