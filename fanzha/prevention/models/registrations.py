from django.db import models

from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager


class Tool(models.TextChoices):
    """Protective apps and tools whose registrations the plans count (docs/outreach.md)."""

    NATIONAL_APP = "app", "国家反诈中心App"
    JINZHONGZHAO = "jzz", "金钟罩"
    OTHER = "other", "其他"


class Registration(models.Model):
    """A registration count as the platform reports it: cumulative, per unit, as of a date."""

    org = models.ForeignKey("orgs.OrgUnit", verbose_name="单位", on_delete=models.PROTECT, db_index=False)
    tool = models.CharField("工具", max_length=8, choices=Tool.choices, default=Tool.NATIONAL_APP)
    as_of = models.DateField("截至日期")
    count = models.PositiveIntegerField("累计注册数")
    source = models.CharField("来源", max_length=100, blank=True)

    objects = scoped_manager("org", ("org__station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "App注册"
        verbose_name_plural = "App注册"
        ordering = ["-as_of", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "tool", "as_of"], name="registration_unique_day")
        ]

    def __str__(self):
        return f"{self.org} {self.get_tool_display()} {self.as_of:%Y-%m-%d} {self.count}"


class Measure(models.TextChoices):
    VISIT_COVERAGE = "visit_coverage", "入户走访覆盖率"
    APP_RATE = "app_rate", "国家反诈中心App注册率"
    JZZ_RATE = "jzz_rate", "金钟罩注册率"


class CoverageTarget(models.Model):
    """A coverage target of a plan: the measure must reach `target_pct` by `deadline` (004: App 80 % by
    6/30 and 100 % by 7/31; 002: first door-to-door round by 3/31). Applies to every unit at `level`
    within `scope`."""

    name = models.CharField("名称", max_length=200)
    measure = models.CharField("指标", max_length=16, choices=Measure.choices)
    scope = models.ForeignKey("orgs.OrgUnit", verbose_name="范围", on_delete=models.PROTECT, related_name="+")
    level = models.CharField("考核层级", max_length=16, default="village")
    target_pct = models.DecimalField("目标（%）", max_digits=5, decimal_places=1)
    starts_on = models.DateField("起算日期")
    deadline = models.DateField("完成时限")

    objects = scoped_manager("scope")

    class Meta:
        verbose_name = "覆盖率目标"
        verbose_name_plural = "覆盖率目标"
        ordering = ["deadline", "name"]

    def __str__(self):
        return self.name
