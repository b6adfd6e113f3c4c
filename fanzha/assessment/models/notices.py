from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.orgs.scope import scoped_manager


class NoticeKind(models.TextChoices):
    RANKING = "ranking", "排名通报"
    CRITICISM = "criticism", "通报批评"
    INTERVIEW = "interview", "约谈"
    RECTIFICATION_ORDER = "rectification_order", "责令整改"


class Notice(models.Model):
    """A 通报 (or 约谈 / 责令整改) given to a unit. Ranking notices are recorded when a monthly 通报 that
    names the top N of a ranking is 签发 (issued), and carry its number; the others are entered by the
    office. 挂牌整治 counts these, and 无诈单位 criterion 4 reads them."""

    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="被通报单位", on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField("类型", max_length=24, choices=NoticeKind.choices)
    period = models.CharField("期间", max_length=24)
    issued_on = models.DateField("通报日期")
    by_creation_group = models.BooleanField("县创建工作领导小组作出", default=False)
    reason = models.CharField("事由", max_length=300)
    ranking = models.CharField("排名依据", max_length=40, blank=True)
    position = models.PositiveSmallIntegerField("名次", null=True, blank=True)
    document = models.CharField("所出通报", max_length=60, blank=True)  # e.g. 〔2024〕第3期
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("录入时间", default=timezone.now)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "通报记录"
        verbose_name_plural = "通报记录"
        permissions = [("view_indicators", "查看指标、排名与通报")]
        ordering = ["-issued_on", "org__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "kind", "period", "ranking"],
                condition=models.Q(kind="ranking"),
                name="notice_one_ranking_notice",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="ranking") | ~models.Q(document=""),
                name="notice_ranking_from_issued_document",
            ),
        ]

    def __str__(self):
        return f"{self.org} {self.get_kind_display()} {self.period}"
