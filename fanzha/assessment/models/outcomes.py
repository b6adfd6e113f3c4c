from django.conf import settings
from django.db import models
from django.urls import reverse

from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager


class OutcomeKind(models.TextChoices):
    INTERVIEW_DEPUTY_CHIEF = "interview_deputy_chief", "约谈分管所长"
    INTERVIEW_CHIEF = "interview_chief", "约谈所长"
    LISTED_FOR_RECTIFICATION = "listed_for_rectification", "挂牌整治"
    MAJOR_CASE_REVIEW = "major_case_review", "全环节倒查"
    DEN_REVIEW = "den_review", "窝点全环节倒查"
    AWARD_INELIGIBLE = "award_ineligible", "取消评先评优资格"
    # at the office's discretion, not from a rule: a member unit's or a community's 一把手, citing a 通报
    INTERVIEW_HEAD = "interview_head", "约谈一把手"


#: the kinds the office records itself (the others are the rules' conclusions)
DISCRETIONARY_KINDS = (OutcomeKind.INTERVIEW_HEAD,)


class OutcomeStatus(models.TextChoices):
    OPEN = "open", "待处理"
    ACKNOWLEDGED = "acknowledged", "已签收"
    CLOSED = "closed", "已办结"


class Outcome(models.Model):
    """What a rule concluded (约谈, 挂牌, 倒查, 评先评优) for one unit and period: a record staff
    acknowledge and close with a note. Re-running the rules never duplicates one."""

    kind = models.CharField("类型", max_length=32, choices=OutcomeKind.choices)
    org = models.ForeignKey("orgs.OrgUnit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    period = models.CharField("期间", max_length=24)
    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("依据")
    notice = models.ForeignKey(
        "assessment.Notice",
        verbose_name="所引通报",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes",
        help_text="酌情约谈所依据的通报记录",
    )
    figures = models.JSONField("数据", default=dict)
    status = models.CharField(
        "状态", max_length=16, choices=OutcomeStatus.choices, default=OutcomeStatus.OPEN
    )
    note = models.TextField("办理情况", blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", null=True, blank=True, on_delete=models.SET_NULL
    )
    acted_at = models.DateTimeField("办理时间", null=True, blank=True)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    objects = scoped_manager("org", ("org__station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "督办事项"
        verbose_name_plural = "督办事项"
        ordering = ["-period", "kind", "org__path"]
        permissions = [("act_outcome", "签收、办结督办事项")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "org", "period"],
                condition=models.Q(case__isnull=True),
                name="outcome_once_per_unit_period",
            ),
            models.UniqueConstraint(
                fields=["kind", "case"], condition=models.Q(case__isnull=False), name="outcome_once_per_case"
            ),
        ]

    def __str__(self):
        return f"{self.org} {self.get_kind_display()} {self.period}"

    def get_absolute_url(self):
        return reverse("assessment:outcome", args=[self.pk])
