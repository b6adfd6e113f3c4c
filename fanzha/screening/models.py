"""Screening models as versioned records (their files live under DATA_DIR/models/), and the staff
corrections of suggestions that feed the next training."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ScreeningModel(models.Model):
    version = models.CharField("版本", max_length=20, unique=True)
    file = models.CharField("模型文件", max_length=200)
    source = models.CharField("训练数据", max_length=200)
    rows = models.PositiveIntegerField("训练样本数")
    labels = models.JSONField("类别及样本数", default=dict)
    dev_evaluation = models.JSONField("开发集评估", null=True, blank=True)
    trained_at = models.DateTimeField("训练时间", default=timezone.now)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="训练人", null=True, blank=True, on_delete=models.SET_NULL
    )
    is_active = models.BooleanField("在用", default=False)

    class Meta:
        verbose_name = "研判模型"
        verbose_name_plural = "研判模型"
        ordering = ["-trained_at"]
        permissions = [("use_screening", "使用文本研判"), ("train_screening", "训练和启用研判模型")]

    def __str__(self):
        return self.version

    @property
    def macro_f1(self):
        return (self.dev_evaluation or {}).get("macro_f1")


class Correction(models.Model):
    """A suggestion a person did not take: the text and the label they chose instead."""

    text = models.TextField("文本")
    suggested = models.CharField("建议类型", max_length=50)
    chosen = models.CharField("实际类型", max_length=50)
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", null=True, blank=True, on_delete=models.SET_NULL
    )
    model_version = models.CharField("模型版本", max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="更正人", null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "研判更正"
        verbose_name_plural = "研判更正"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.suggested} → {self.chosen}"
