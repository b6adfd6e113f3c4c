"""任务分工: the duties the plans give each member unit, as tasks with a deadline, evidence and the
office's acceptance (docs/outreach.md). The catalogue (DutyTemplate) ships the plans' duties by sector;
an office adapts it and assigns it to its units."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.orgs.scope import scoped_manager


class DutyTemplate(models.Model):
    sector = models.CharField("行业", max_length=50)
    title = models.CharField("任务", max_length=200)
    detail = models.TextField("要求", blank=True)
    plan = models.CharField("出处", max_length=200, blank=True)
    due_month = models.PositiveSmallIntegerField("默认完成月份", default=12)
    due_day = models.PositiveSmallIntegerField("默认完成日", default=31)

    class Meta:
        verbose_name = "任务模板"
        verbose_name_plural = "任务模板"
        ordering = ["sector", "id"]
        constraints = [models.UniqueConstraint(fields=["sector", "title"], name="duty_template_unique")]

    def __str__(self):
        return f"{self.sector}：{self.title}"


class DutyStatus(models.TextChoices):
    OPEN = "open", "待落实"
    SUBMITTED = "submitted", "已报送，待验收"
    ACCEPTED = "accepted", "已验收"
    RETURNED = "returned", "已退回"


class Duty(models.Model):
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="责任单位", on_delete=models.PROTECT, related_name="duties"
    )
    template = models.ForeignKey(
        DutyTemplate, verbose_name="模板", null=True, blank=True, on_delete=models.SET_NULL
    )
    title = models.CharField("任务", max_length=200)
    detail = models.TextField("要求", blank=True)
    year = models.PositiveSmallIntegerField("年度")
    deadline = models.DateField("完成时限")
    responsible = models.CharField("责任人", max_length=50, blank=True)
    status = models.CharField("状态", max_length=10, choices=DutyStatus.choices, default=DutyStatus.OPEN)
    report = models.TextField("落实情况", blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    review_note = models.CharField("验收意见", max_length=300, blank=True)
    reviewed_at = models.DateTimeField("验收时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="验收人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "成员单位任务"
        verbose_name_plural = "成员单位任务"
        ordering = ["deadline", "org__path"]
        permissions = [
            ("review_duty", "验收成员单位任务"),
            ("report_duty", "报送本单位任务落实情况"),  # without changing what was assigned
        ]
        constraints = [models.UniqueConstraint(fields=["org", "year", "title"], name="duty_unique_per_year")]

    def __str__(self):
        return f"{self.org} {self.title}"

    def is_overdue(self, today) -> bool:
        return self.status != DutyStatus.ACCEPTED and self.deadline < today
