"""宣防活动: every publicity activity a unit runs (七进, 讲座, 横幅, 推送…), with its evidence."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager


class QuotaGroup(models.TextChoices):
    """Which plan quota an activity kind counts towards (docs/outreach.md)."""

    NONE = "", "不计入配额"
    SESSION = "session", "集中宣传（每村每月≥1场）"
    BANNER = "banner", "横幅标语（每村≥4幅）"
    SCHOOL = "school", "校园宣传活动（每学期≥2次）"


class ActivityKind(models.Model):
    """活动类型: an editable list, seeded with the plans' 七进 and channels."""

    name = models.CharField("名称", max_length=40, unique=True)
    quota_group = models.CharField(
        "计入配额", max_length=10, choices=QuotaGroup.choices, blank=True, default=""
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "活动类型"
        verbose_name_plural = "活动类型"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Activity(models.Model):
    kind = models.ForeignKey(ActivityKind, verbose_name="活动类型", on_delete=models.PROTECT)
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="activities"
    )
    place = models.CharField("地点", max_length=200, blank=True)
    held_on = models.DateField("日期", db_index=True)
    audience_kind = models.CharField(
        "对象", max_length=50, blank=True, help_text="如 村民、学生、职工、老年人"
    )
    audience_count = models.PositiveIntegerField("受众人数", default=0)
    materials_count = models.PositiveIntegerField("发放资料（份）", default=0)
    quantity = models.PositiveIntegerField("数量", default=1, help_text="横幅、展板等的幅数；其余为 1")
    staff = models.CharField("参与人员", max_length=200, blank=True)
    note = models.TextField("说明", blank=True)
    external_key = models.CharField(
        "活动编号", max_length=60, unique=True, null=True, blank=True, help_text="导入时据此去重"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("录入时间", default=timezone.now)

    objects = scoped_manager("org", ("org__station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "宣防活动"
        verbose_name_plural = "宣防活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org", "held_on"], name="activity_org_held")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.org} {self.kind}"


class PublicityTeam(models.Model):
    """反诈宣传队: 000 「派出所要組建不少于10人的主力反詐宣傳隊」."""

    org = models.ForeignKey("orgs.OrgUnit", verbose_name="单位", on_delete=models.PROTECT)
    name = models.CharField("名称", max_length=100)
    members = models.PositiveIntegerField("人数")
    leader = models.CharField("负责人", max_length=50, blank=True)
    formed_on = models.DateField("组建日期", null=True, blank=True)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "反诈宣传队"
        verbose_name_plural = "反诈宣传队"
        ordering = ["org__path", "name"]

    def __str__(self):
        return self.name
