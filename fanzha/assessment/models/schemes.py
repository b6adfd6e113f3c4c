from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.orgs.scope import scoped_manager


class Scheme(models.Model):
    """An assessment scheme (考核方案), e.g. 004's 百分制. A changed scheme is a new version."""

    code = models.CharField("方案代码", max_length=32)
    version = models.PositiveIntegerField("版本", default=1)
    name = models.CharField("名称", max_length=100)
    source = models.CharField("出处", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "考核方案"
        verbose_name_plural = "考核方案"
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="scheme_code_version")]

    def __str__(self):
        return f"{self.name}（{self.code} 第{self.version}版）"


class PartMethod(models.TextChoices):
    ITEMS = "items", "考核人逐项评分"
    CASE_TREND = "case_trend", "按发案同比自动计分"


class SchemePart(models.Model):
    scheme = models.ForeignKey(Scheme, verbose_name="方案", on_delete=models.CASCADE, related_name="parts")
    code = models.CharField("部分", max_length=8)
    name = models.CharField("名称", max_length=100)
    max_points = models.DecimalField("满分", max_digits=6, decimal_places=1)
    method = models.CharField("计分方式", max_length=16, choices=PartMethod.choices)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "方案部分"
        verbose_name_plural = "方案部分"
        ordering = ["scheme", "order"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="schemepart_code")]

    def __str__(self):
        return f"{self.code} {self.name}"


class SchemeItem(models.Model):
    part = models.ForeignKey(SchemePart, verbose_name="部分", on_delete=models.CASCADE, related_name="items")
    code = models.CharField("条目", max_length=16)
    name = models.CharField("考核内容", max_length=200)
    max_points = models.DecimalField("分值", max_digits=6, decimal_places=1)
    all_or_nothing = models.BooleanField("全有或全无", default=False)
    guidance = models.CharField("评分说明", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "考核条目"
        verbose_name_plural = "考核条目"
        ordering = ["part", "order"]
        constraints = [models.UniqueConstraint(fields=["part", "code"], name="schemeitem_code")]

    def __str__(self):
        return f"{self.code} {self.name}"


class ItemScore(models.Model):
    """An assessor's score for one item, one unit, one year, with the evidence behind it."""

    item = models.ForeignKey(SchemeItem, verbose_name="条目", on_delete=models.CASCADE, related_name="scores")
    year = models.PositiveSmallIntegerField("年度")
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="被考核单位", on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField("得分", max_digits=6, decimal_places=1)
    evidence = models.TextField("评分依据", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="考核人", null=True, blank=True, on_delete=models.SET_NULL
    )
    entered_at = models.DateTimeField("评分时间", default=timezone.now)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "考核评分"
        verbose_name_plural = "考核评分"
        permissions = [("assess", "录入考核评分")]
        constraints = [models.UniqueConstraint(fields=["item", "year", "org"], name="itemscore_once")]

    def __str__(self):
        return f"{self.org} {self.item.code} {self.points}"
