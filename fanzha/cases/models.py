"""The case ledger (案件台账): one row per reported case, its victim, and the suspect identifiers
(phones, accounts, URLs, social accounts) that later link cases (串并案)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from fanzha.cases import pii
from fanzha.cases.choices import (
    CaseStatus,
    Channel,
    EmployerRelation,
    Grade,
    IdentifierKind,
    PriorOutreach,
    Sex,
    Stage,
    VictimGroup,
)
from fanzha.cases.rules import stage_of
from fanzha.core.money import format_yuan
from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.scope import scoped_manager


class FraudType(models.Model):
    """诈骗类型: an editable taxonomy, seeded with the categories police ledgers use."""

    name = models.CharField("名称", max_length=50, unique=True)
    aliases = models.CharField(
        "别名", max_length=300, blank=True, help_text="导入时也认这些写法，用、或逗号分隔"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "诈骗类型"
        verbose_name_plural = "诈骗类型"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def alias_list(self) -> list[str]:
        import re

        return [a.strip() for a in re.split(r"[、,，;；\s]+", self.aliases) if a.strip()]


# The facts a ledger row records, in ledger order: what is audited, imported and compared on re-import.
LEDGER_FIELDS = (
    "case_number",
    "reported_at",
    "occurred_at",
    "place",
    "station",
    "fraud_type",
    "loss_fen",
    "recovered_fen",
    "channel",
    "victim_name",
    "victim_id_number",
    "victim_phone",
    "victim_sex",
    "victim_age",
    "victim_group",
    "employer",
    "employer_relation",
    "narrative",
    "status",
    "prior_outreach",
    "external_number",
)


class Case(models.Model):
    case_number = models.CharField("案件编号", max_length=50, unique=True)
    reported_at = models.DateTimeField("报案时间", db_index=True)
    occurred_at = models.DateTimeField("发案时间", null=True, blank=True)
    # the place, town, station and type FKs are indexed by the composite (fk, reported_at) indexes below
    place = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="发案地",
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,
        limit_choices_to={"kind__in": [OrgKind.VILLAGE, OrgKind.COMMUNITY]},
    )
    town = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="乡镇/街道",
        on_delete=models.PROTECT,
        related_name="town_cases",
        db_index=False,
        null=True,
        blank=True,
        editable=False,
    )
    station = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="派出所",
        on_delete=models.PROTECT,
        related_name="station_cases",
        db_index=False,
        limit_choices_to={"kind": OrgKind.STATION},
    )
    fraud_type = models.ForeignKey(
        FraudType, verbose_name="诈骗类型", on_delete=models.PROTECT, related_name="cases", db_index=False
    )
    loss_fen = models.BigIntegerField("损失金额（分）", default=0)
    recovered_fen = models.BigIntegerField("挽损金额（分）", default=0)
    channel = models.CharField("诈骗渠道", max_length=10, choices=Channel.choices, blank=True)
    victim_name = models.CharField("受害人姓名", max_length=50, blank=True)
    victim_id_number = models.CharField("身份证号", max_length=18, blank=True)
    victim_phone = models.CharField("联系电话", max_length=20, blank=True)
    victim_sex = models.CharField("性别", max_length=1, choices=Sex.choices, blank=True)
    victim_age = models.PositiveSmallIntegerField("年龄", null=True, blank=True)
    victim_group = models.CharField("人群类别", max_length=20, choices=VictimGroup.choices, blank=True)
    employer = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="工作单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employee_cases",
        limit_choices_to={"kind": OrgKind.MEMBER_UNIT},
    )
    employer_relation = models.CharField(
        "与单位关系", max_length=10, choices=EmployerRelation.choices, blank=True
    )
    narrative = models.TextField("简要案情", blank=True)
    status = models.CharField(
        "案件状态", max_length=10, choices=CaseStatus.choices, default=CaseStatus.ACCEPTED
    )
    prior_outreach = models.CharField(
        "是否接受过宣传", max_length=8, choices=PriorOutreach.choices, default=PriorOutreach.UNKNOWN
    )
    external_number = models.CharField("案事件编号", max_length=50, blank=True)
    # 分级归类: derived from loss and type by the rule parameters (cases/grading.py) on every save and
    # import and when the parameters change; the county office may set it by hand, with a reason
    grade = models.PositiveSmallIntegerField(
        "案件等级", choices=Grade.choices, null=True, blank=True, editable=False
    )
    grade_override = models.PositiveSmallIntegerField(
        "人工确定的等级", choices=Grade.choices, null=True, blank=True, editable=False
    )
    # nullable, so that adding these columns leaves SQLite's table (and its month triggers) in place
    grade_reason = models.CharField("人工定级理由", max_length=200, null=True, blank=True, editable=False)
    created_at = models.DateTimeField("录入时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", default=timezone.now)

    objects = scoped_manager(
        ("place", PLACE_KINDS), ("station", (OrgKind.STATION,)), ("employer", (OrgKind.MEMBER_UNIT,))
    )

    # the change history stores money in 元 and the identifiers as one text (see services.snapshot)
    AUDIT_LABELS = {
        "loss_fen": "损失金额（元）",
        "recovered_fen": "挽损金额（元）",
        "identifiers": "嫌疑人标识",
        "recovery_reason": "挽损来源",
        "grade_change_reason": "调整等级理由",
    }
    PERSONAL_DATA = pii.PERSONAL_DATA

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        ordering = ["-reported_at", "-id"]
        permissions = [
            ("view_pii", "查看个人信息明文（身份证号、电话、账户）"),
            ("import_cases", "导入案件台账"),
            ("assign_employer", "填写受害人工作单位（计入该成员单位的排名）"),
            ("grade_case", "人工调整案件等级（分级归类）"),
        ]
        indexes = [
            models.Index(fields=["station", "reported_at"], name="case_station_reported"),
            models.Index(fields=["town", "reported_at"], name="case_town_reported"),
            models.Index(fields=["place", "reported_at"], name="case_place_reported"),
            models.Index(fields=["fraud_type", "reported_at"], name="case_type_reported"),
            models.Index(fields=["grade", "reported_at"], name="case_grade_reported"),
            # searched by equality or prefix: one pattern-ops index on PostgreSQL serves both (a plain
            # db_index would add a second, "_like" index there); other databases ignore opclasses
            *(
                models.Index(fields=[field], name=f"case_{field}", opclasses=["varchar_pattern_ops"])
                for field in ("victim_id_number", "victim_phone", "victim_name", "external_number")
            ),
        ]

    def __str__(self):
        return self.case_number

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.pk])

    @property
    def stage(self) -> str:
        return stage_of(self.status)

    @property
    def stage_display(self) -> str:
        return Stage(self.stage).label

    @property
    def loss_display(self) -> str:
        return format_yuan(self.loss_fen)

    @property
    def recovered_display(self) -> str:
        return format_yuan(self.recovered_fen)


class SuspectIdentifier(models.Model):
    # indexed by the unique (case, kind, value) constraint
    case = models.ForeignKey(
        Case, verbose_name="案件", on_delete=models.CASCADE, related_name="identifiers", db_index=False
    )
    kind = models.CharField("类型", max_length=10, choices=IdentifierKind.choices)
    value = models.CharField("号码/账号", max_length=300)

    objects = scoped_manager(
        ("case__place", PLACE_KINDS),
        ("case__station", (OrgKind.STATION,)),
        ("case__employer", (OrgKind.MEMBER_UNIT,)),
    )

    class Meta:
        verbose_name = "嫌疑人标识"
        verbose_name_plural = "嫌疑人标识"
        ordering = ["case", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "value"], name="identifier_unique_per_case")
        ]
        indexes = [models.Index(fields=["value"], name="identifier_value", opclasses=["varchar_pattern_ops"])]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.value}"
