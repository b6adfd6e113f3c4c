from django.db import models

from fanzha.orgs.scope import scoped_manager


class Campaign(models.Model):
    """A work plan (工作方案) or campaign, with its phases and targets."""

    name = models.CharField("名称", max_length=200)
    source = models.CharField("文件/出处", max_length=200, blank=True)
    scope = models.ForeignKey("orgs.OrgUnit", verbose_name="范围", on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")

    objects = scoped_manager("scope")

    class Meta:
        verbose_name = "工作方案"
        verbose_name_plural = "工作方案"
        ordering = ["-starts_on"]

    def __str__(self):
        return self.name


class Phase(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name="方案", on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField("阶段", max_length=100)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")

    class Meta:
        verbose_name = "阶段"
        verbose_name_plural = "阶段"
        ordering = ["campaign", "starts_on"]

    def __str__(self):
        return self.name


class Measure(models.TextChoices):
    CASES = "cases", "发案数"
    LOSS = "loss", "损失金额"


class Comparison(models.TextChoices):
    YEAR_ON_YEAR = "yoy", "同比（上年同期）"
    PREVIOUS = "previous", "环比（上一期）"
    LAST_YEAR_TOTAL = "last_year_total", "占上年全年"


class Target(models.Model):
    """A numeric target of a plan: the measure over `period` may be at most base × (1 + change %),
    where the base is the comparison period's figure. 002 Q1 −10 % y/y is (yoy, −10); 000 "至6月底不高于
    上年全年60%" is (last_year_total, 2024H1, −40); 003 H2 −10 % vs H1 is (previous, 2024H2, −10)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="方案", null=True, blank=True, on_delete=models.CASCADE, related_name="targets"
    )
    name = models.CharField("目标", max_length=200)
    measure = models.CharField("指标", max_length=16, choices=Measure.choices, default=Measure.CASES)
    fraud_types = models.ManyToManyField("cases.FraudType", verbose_name="限定诈骗类型", blank=True)
    staff_victims_only = models.BooleanField("仅单位内部职工受害案件", default=False)
    scope = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="考核对象", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("逐个考核下级", max_length=16, blank=True, help_text="留空则考核对象本身")
    period = models.CharField("期间", max_length=24)
    comparison = models.CharField("比较基准", max_length=16, choices=Comparison.choices)
    change_pct = models.DecimalField("变化幅度（%）", max_digits=6, decimal_places=1)

    objects = scoped_manager("scope")

    class Meta:
        verbose_name = "目标任务"
        verbose_name_plural = "目标任务"
        ordering = ["period", "name"]

    def __str__(self):
        return self.name
