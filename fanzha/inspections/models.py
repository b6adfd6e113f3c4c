"""督导检查: the office inspects a unit; each problem found (发现问题) has a rectification deadline, the
unit reports what it did (整改情况), and the office closes it (销号) or returns it (docs/coordination.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.orgs.scope import scoped_manager


class Inspection(models.Model):
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="被检查单位", on_delete=models.PROTECT, related_name="inspections"
    )
    inspected_on = models.DateField("检查日期")
    inspectors = models.CharField("检查人员", max_length=200)
    subject = models.CharField("检查内容", max_length=200)
    note = models.TextField("总体情况", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("录入时间", default=timezone.now)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "督导检查"
        verbose_name_plural = "督导检查"
        ordering = ["-inspected_on", "-id"]
        permissions = [("conduct_inspection", "开展督导检查，销号或退回整改")]

    def __str__(self):
        return f"{self.org} {self.inspected_on:%Y-%m-%d} {self.subject}"


class FindingStatus(models.TextChoices):
    OPEN = "open", "待整改"
    REPORTED = "reported", "已报送整改情况，待销号"
    RETURNED = "returned", "已退回，重新整改"
    CLOSED = "closed", "已销号"


class Finding(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name="督导检查", on_delete=models.CASCADE, related_name="findings"
    )
    problem = models.TextField("发现问题")
    deadline = models.DateField("整改时限")
    status = models.CharField(
        "状态", max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    rectification = models.TextField("整改情况", blank=True)
    reported_at = models.DateTimeField("报送时间", null=True, blank=True)
    review_note = models.CharField("销号意见", max_length=300, blank=True)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)

    objects = scoped_manager("inspection__org")

    class Meta:
        verbose_name = "发现问题"
        verbose_name_plural = "发现问题"
        ordering = ["deadline", "id"]
        permissions = [("report_finding", "报送整改情况")]

    def __str__(self):
        return self.problem[:30]
