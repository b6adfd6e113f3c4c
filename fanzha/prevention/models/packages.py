"""三包 (包村居、包小区、包企业, 004): one staff member and one police officer take a village, a
compound or an enterprise together, chosen by its cases, losses and vulnerable groups."""

from django.db import models

from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager


class PackageKind(models.TextChoices):
    VILLAGE = "village", "包村居"
    COMPOUND = "compound", "包小区"
    ENTERPRISE = "enterprise", "包企业"


class Package(models.Model):
    kind = models.CharField("类型", max_length=10, choices=PackageKind.choices)
    org = models.ForeignKey("orgs.OrgUnit", verbose_name="所属单位", on_delete=models.PROTECT)
    target = models.CharField("包保对象", max_length=100, help_text="村居名称、小区名称或企业名称")
    staff = models.CharField("包保干部", max_length=50)
    officer = models.CharField("包保民警", max_length=50)
    basis = models.CharField(
        "确定依据", max_length=200, blank=True, help_text="004：按照发案数量、损失金额、易受骗群体确定"
    )
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期", null=True, blank=True)

    objects = scoped_manager("org", ("org__station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "三包责任"
        verbose_name_plural = "三包责任"
        ordering = ["org__path", "kind", "target"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target}"
