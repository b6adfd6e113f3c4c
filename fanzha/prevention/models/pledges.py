from django.db import models

from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager


class PledgeKind(models.TextChoices):
    RECEIPT = "receipt", "回执"
    PLEDGE = "pledge", "承诺书"
    NOTICE = "notice", "告知书"
    RESPONSIBILITY = "responsibility", "责任书"


class PledgeCount(models.Model):
    """回执、承诺书、告知书、责任书: how many a unit has collected, against its target population."""

    org = models.ForeignKey("orgs.OrgUnit", verbose_name="单位", on_delete=models.PROTECT)
    kind = models.CharField("类型", max_length=16, choices=PledgeKind.choices)
    recorded_on = models.DateField("统计日期")
    count = models.PositiveIntegerField("份数（累计）")
    target = models.PositiveIntegerField(
        "应签人数", null=True, blank=True, help_text="留空则按该单位当年人口（或户数）计"
    )
    note = models.CharField("说明", max_length=200, blank=True)

    objects = scoped_manager("org", ("org__station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "回执承诺书"
        verbose_name_plural = "回执承诺书"
        ordering = ["-recorded_on", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "kind", "recorded_on"], name="pledge_unique_per_day")
        ]

    def __str__(self):
        return f"{self.org} {self.get_kind_display()} {self.count}"
