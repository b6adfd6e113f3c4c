"""预警 → 核查指令 → 劝阻 (docs/warnings.md), and 回访 / 一案双查.

A warning from the upper platform becomes one verification order, routed to the village or community
where the person lives (or to a station's queue), with a deadline by risk level. The grid worker signs
for it (签收), contacts the person and records the outcome. Overdue orders escalate to the station."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fanzha.core import masking
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager


class RiskLevel(models.TextChoices):
    HIGH = "high", "高"
    MEDIUM = "medium", "中"
    LOW = "low", "低"


class Warning(models.Model):
    external_id = models.CharField("预警编号", max_length=60, unique=True)
    received_at = models.DateTimeField("预警时间")
    phone = models.CharField("预警对象电话", max_length=20, blank=True)
    name = models.CharField("预警对象姓名", max_length=50, blank=True)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    risk_type = models.CharField("风险类型", max_length=50, blank=True)
    level = models.CharField("风险等级", max_length=8, choices=RiskLevel.choices)
    source = models.CharField("来源", max_length=50, blank=True)
    station = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="推送派出所",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrgKind.STATION},
    )
    created_at = models.DateTimeField("接收时间", default=timezone.now)

    # masked in the change history (audit/personal.py)
    PERSONAL_DATA = {"phone": masking.mask_phone, "id_number": masking.mask_id_number}

    class Meta:
        verbose_name = "预警信息"
        verbose_name_plural = "预警信息"
        ordering = ["-received_at"]
        permissions = [("import_warnings", "导入预警信息")]

    def __str__(self):
        return self.external_id


class RoutedBy(models.TextChoices):
    HOUSEHOLD = "household", "住户台账电话匹配"
    CASE = "case", "案件台账电话匹配"
    KEY_PERSON = "key_person", "重点人员台账匹配"
    STATION = "station", "未匹配，派出所待分派"
    COUNTY = "county", "未匹配，县中心待分派"
    MANUAL = "manual", "人工分派"


class Method(models.TextChoices):
    PHONE = "phone", "电话"
    VISIT = "visit", "上门"


class Outcome(models.TextChoices):
    DISSUADED = "dissuaded", "成功劝阻"
    DEFRAUDED = "defrauded", "已被骗"
    UNREACHABLE = "unreachable", "无法联系"
    FALSE_ALARM = "false_alarm", "误报"


class OrderStatus(models.TextChoices):
    NEW = "new", "待签收"
    SIGNED = "signed", "已签收"
    DONE = "done", "已反馈"


class VerificationOrder(models.Model):
    warning = models.OneToOneField(
        Warning, verbose_name="预警", on_delete=models.CASCADE, related_name="order"
    )
    assigned_to = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="责任单位", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    station = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="派出所",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    routed_by = models.CharField("分派依据", max_length=12, choices=RoutedBy.choices)
    household = models.ForeignKey(
        "prevention.Household",
        verbose_name="匹配住户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,  # partial index in Meta
    )
    deadline = models.DateTimeField("首次联系时限")
    status = models.CharField("状态", max_length=8, choices=OrderStatus.choices, default=OrderStatus.NEW)
    signed_at = models.DateTimeField("签收时间", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签收人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # partial index in Meta
    )
    contacted = models.BooleanField("是否联系上", null=True, blank=True)
    contacted_at = models.DateTimeField("首次联系时间", null=True, blank=True)
    method = models.CharField("方式", max_length=8, choices=Method.choices, blank=True)
    outcome = models.CharField("结果", max_length=12, choices=Outcome.choices, blank=True)
    note = models.CharField("情况说明", max_length=500, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="关联案件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # partial index in Meta
    )
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="反馈人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # partial index in Meta
    )
    escalated_at = models.DateTimeField("升级至派出所时间", null=True, blank=True)

    objects = scoped_manager("assigned_to", ("station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "核查指令"
        verbose_name_plural = "核查指令"
        ordering = ["deadline"]
        permissions = [("act_order", "签收、反馈核查指令")]
        indexes = [
            models.Index(fields=["assigned_to", "status"], name="order_assigned_status"),
            models.Index(fields=["status", "deadline"], name="order_status_deadline"),
            # empty when an order is created: indexing only the filled ones keeps the import's writes down
            *(
                models.Index(fields=[name], condition=Q(**{f"{name}__isnull": False}), name=f"order_{name}")
                for name in ("household", "signed_by", "case", "feedback_by")
            ),
        ]

    def __str__(self):
        return f"核查指令 {self.warning.external_id}"

    def is_overdue(self, now) -> bool:
        """Overdue: no first contact by the deadline (a later contact ends the overdue state)."""
        return self.contacted_at is None and self.status != OrderStatus.DONE and now > self.deadline


class ReceivedOutreach(models.TextChoices):
    YES = "yes", "接受过宣传"
    NO = "no", "未接受过宣传"
    UNKNOWN = "unknown", "无法核实"


class FollowUp(models.Model):
    """回访: a sampled case whose victim is called back (002 「随机抽查回访报警当事人接受防骗宣传教育的具体情况」)."""

    case = models.OneToOneField(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="follow_up"
    )
    period = models.CharField("抽查期间", max_length=10)
    sampled_at = models.DateTimeField("抽取时间", default=timezone.now)
    received = models.CharField("是否接受过宣传", max_length=8, choices=ReceivedOutreach.choices, blank=True)
    forms = models.JSONField("宣传形式", default=list, blank=True)
    visit = models.ForeignKey(
        "prevention.HouseholdVisit",
        verbose_name="匹配的入户记录",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    note = models.CharField("回访情况", max_length=500, blank=True)
    done_at = models.DateTimeField("回访时间", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="回访人", null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = scoped_manager(
        ("case__place", None),
        ("case__station", (OrgKind.STATION,)),
        ("case__employer", (OrgKind.MEMBER_UNIT,)),
    )

    class Meta:
        verbose_name = "回访"
        verbose_name_plural = "回访"
        ordering = ["-sampled_at"]
        permissions = [("conduct_followup", "抽取并登记回访")]

    def __str__(self):
        return f"回访 {self.case}"


class ReviewBasis(models.TextChoices):
    TERRITORY = "territory", "属地（户籍/住址所在村居）"
    EMPLOYER = "employer", "工作单位"


class ReviewOutcome(models.TextChoices):
    INTERVIEW = "interview", "约谈"
    CRITICISM = "criticism", "通报批评"
    NO_FAULT = "no_fault", "经核实不予追责"


class AccountabilityReview(models.Model):
    """倒查: 002 「对确未接受防骗宣传教育的，将倒查责任」「约谈相关单位部门负责人，并通报批评」."""

    follow_up = models.ForeignKey(
        FollowUp, verbose_name="回访", on_delete=models.CASCADE, related_name="reviews"
    )
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="责任单位", on_delete=models.PROTECT, related_name="+"
    )
    basis = models.CharField("倒查依据", max_length=10, choices=ReviewBasis.choices)
    opened_at = models.DateTimeField("立项时间", default=timezone.now)
    outcome = models.CharField("处理结果", max_length=10, choices=ReviewOutcome.choices, blank=True)
    note = models.CharField("处理意见", max_length=500, blank=True)
    resolved_at = models.DateTimeField("办结时间", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办结人", null=True, blank=True, on_delete=models.SET_NULL
    )
    notice = models.ForeignKey(
        "assessment.Notice", verbose_name="通报记录", null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = scoped_manager("org", ("org__station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "一案双查倒查"
        verbose_name_plural = "一案双查倒查"
        ordering = ["-opened_at"]
        permissions = [("resolve_review", "办结倒查")]
        constraints = [models.UniqueConstraint(fields=["follow_up", "org"], name="review_unique_per_unit")]

    def __str__(self):
        return f"倒查 {self.org} {self.follow_up.case}"
