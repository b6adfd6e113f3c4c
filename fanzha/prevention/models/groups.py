"""反诈微信群: 002 「以居民小区楼栋、村民组、党政机关、企事业单位为基本单元」, each with one named owner
(「每个反诈微信群须明确一名宣传工作具体负责人，予以登记建档」) and a weekly push log."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.core import masking
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager


class BaseUnit(models.TextChoices):
    BUILDING = "building", "居民小区楼栋"
    VILLAGER_GROUP = "villager_group", "村民组"
    ORGAN = "organ", "党政机关"
    ENTERPRISE = "enterprise", "企事业单位"
    CLASS = "class", "班级/家长群"
    OTHER = "other", "其他"


class WeChatGroup(models.Model):
    name = models.CharField("群名称", max_length=100)
    org = models.ForeignKey("orgs.OrgUnit", verbose_name="所属单位", on_delete=models.PROTECT)
    base_unit = models.CharField("基本单元", max_length=16, choices=BaseUnit.choices)
    owner_name = models.CharField("负责人", max_length=50)
    owner_phone = models.CharField("负责人电话", max_length=20, blank=True)
    member_count = models.PositiveIntegerField("群成员数", default=0)
    created_on = models.DateField("建群日期")
    is_active = models.BooleanField("在用", default=True)

    objects = scoped_manager("org", ("org__station", (OrgKind.STATION,)))

    PERSONAL_DATA = {"owner_phone": masking.mask_phone}  # masked in the change history (audit/personal.py)

    class Meta:
        verbose_name = "反诈微信群"
        verbose_name_plural = "反诈微信群"
        ordering = ["org__path", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="wechat_group_unique_name")]

    def __str__(self):
        return self.name


class GroupPush(models.Model):
    group = models.ForeignKey(
        WeChatGroup, verbose_name="微信群", on_delete=models.CASCADE, related_name="pushes"
    )
    pushed_on = models.DateField("推送日期")
    content = models.CharField("推送内容", max_length=300)
    pushed_by = models.CharField("推送人", max_length=50, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("录入时间", default=timezone.now)

    objects = scoped_manager("group__org", ("group__org__station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "群推送记录"
        verbose_name_plural = "群推送记录"
        ordering = ["-pushed_on", "-id"]
        indexes = [models.Index(fields=["group", "pushed_on"], name="push_group_date")]

    def __str__(self):
        return f"{self.group} {self.pushed_on:%Y-%m-%d}"


class OwnerChange(models.Model):
    """负责人变更: 000 篇四 「書面報告,更換負責人」 — the history of a group's owners."""

    group = models.ForeignKey(
        WeChatGroup, verbose_name="微信群", on_delete=models.CASCADE, related_name="owner_changes"
    )
    previous_name = models.CharField("原负责人", max_length=50)
    new_name = models.CharField("新负责人", max_length=50)
    changed_on = models.DateField("变更日期")
    reason = models.CharField("原因", max_length=200)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "群负责人变更"
        verbose_name_plural = "群负责人变更"
        ordering = ["-changed_on", "-id"]

    def __str__(self):
        return f"{self.group} {self.previous_name} → {self.new_name}"
