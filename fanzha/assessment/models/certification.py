from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.orgs.scope import scoped_manager


class SubjectKind(models.TextChoices):
    VILLAGE = "village", "无诈村(社区)"
    UNIT = "unit", "无诈单位"


class CriterionInput(models.Model):
    """An assessor's judgement on a criterion the platform cannot compute (yet): duties performed, or
    — until the key-person, den and outreach ledgers hold the facts — offenders, dens and outreach."""

    subject_kind = models.CharField("创建类型", max_length=16, choices=SubjectKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="创建对象", on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.CharField("标准", max_length=32)
    passed = models.BooleanField("是否达标")
    evidence = models.TextField("依据/佐证")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )
    entered_at = models.DateTimeField("录入时间", default=timezone.now)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "创建标准评定"
        verbose_name_plural = "创建标准评定"
        constraints = [
            models.UniqueConstraint(
                fields=["subject_kind", "year", "org", "criterion"], name="criterioninput_once"
            )
        ]

    def __str__(self):
        return f"{self.org} {self.year} {self.criterion}"


class CertificateStatus(models.TextChoices):
    COMPUTED = "computed", "已测算"
    REVIEWED = "reviewed", "已审核"
    PUBLISHED = "published", "已公布"
    REVOCATION_FLAGGED = "revocation_flagged", "待撤销"
    REVOKED = "revoked", "已撤销"


class Certificate(models.Model):
    """One subject's 无诈 result for a year: computed → reviewed → published. A qualifying case
    after publication flags it for revocation."""

    subject_kind = models.CharField("创建类型", max_length=16, choices=SubjectKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="创建对象", on_delete=models.PROTECT, related_name="+"
    )
    certified = models.BooleanField("达标")
    criteria = models.JSONField("各项标准", default=list)
    status = models.CharField(
        "状态", max_length=24, choices=CertificateStatus.choices, default=CertificateStatus.COMPUTED
    )
    flag_reason = models.TextField("撤销提示", blank=True)
    computed_at = models.DateTimeField("测算时间", default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True, on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "无诈创建结果"
        verbose_name_plural = "无诈创建结果"
        ordering = ["-year", "subject_kind", "org__path"]
        permissions = [("certify", "审核、公布无诈创建名单")]
        constraints = [
            models.UniqueConstraint(fields=["subject_kind", "year", "org"], name="certificate_once")
        ]

    def __str__(self):
        return f"{self.org} {self.year} {self.get_subject_kind_display()}"

    @property
    def verdict(self) -> str:
        """达标, 未达标 (a standard failed), or 待评定 (none failed, one still to be judged)."""
        return verdict_of(self.certified, self.criteria)


VERDICTS = {"certified": "达标", "failed": "未达标", "pending": "待评定"}


def verdict_of(certified: bool, criteria: list[dict]) -> str:
    """待评定 is not 未达标: a subject fails only on a standard it has failed."""
    if certified:
        return "certified"
    return "failed" if any(c.get("passed") is False for c in criteria) else "pending"
