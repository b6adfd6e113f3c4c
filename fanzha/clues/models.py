"""上级推送线索: clues pushed down from the upper units and platforms (a phone, a WeChat or QQ account, a
bank card, a URL), each matched against the ledgers, assigned to a station and followed to 核查结果 and
打处 (000 篇一: 「涉案線索迅速落地、高效打處」). The people handled (打处) count towards the 打击处理人数 of
两降两升 (000 篇十二; docs/clues.md)."""

import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fanzha.cases.choices import IdentifierKind
from fanzha.core import masking
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager


class ClueKind(models.TextChoices):
    PHONE = "phone", "手机号"
    WECHAT = "wechat", "微信"
    QQ = "qq", "QQ"
    BANK_CARD = "bank_card", "银行卡"
    PAYMENT = "payment", "支付账户"
    URL = "url", "网址"


# the kind of suspect identifier (cases/identifiers.py) each clue kind is normalised and matched as
IDENTIFIER_KIND = {
    ClueKind.PHONE: IdentifierKind.PHONE,
    ClueKind.WECHAT: IdentifierKind.SOCIAL,
    ClueKind.QQ: IdentifierKind.SOCIAL,
    ClueKind.BANK_CARD: IdentifierKind.ACCOUNT,
    ClueKind.PAYMENT: IdentifierKind.ACCOUNT,
    ClueKind.URL: IdentifierKind.URL,
}


class ClueState(models.TextChoices):
    UNASSIGNED = "unassigned", "待分配"
    PENDING = "pending", "待核查"
    VERIFIED = "verified", "已核查"
    STRUCK = "struck", "已打处"
    UNLANDABLE = "unlandable", "无法落地"


OPEN_STATES = (ClueState.UNASSIGNED, ClueState.PENDING)
LANDED_STATES = (ClueState.VERIFIED, ClueState.STRUCK)


class AssignedBy(models.TextChoices):
    CASE = "case", "案件嫌疑人标识匹配"
    KEY_PERSON = "key_person", "重点人员电话匹配"
    HOUSEHOLD = "household", "住户电话匹配"
    COUNTY = "county", "未匹配，县局待分配"
    MANUAL = "manual", "人工分配"


_ID_NUMBER = re.compile(r"\d{17}[\dXx]|\d{15}")


def mask_people(text: str | None) -> str:
    """打处 people as written (姓名 身份证号, one a line) with every ID number masked."""
    return _ID_NUMBER.sub(lambda m: masking.mask_id_number(m.group(0)), text or "")


def mask_value(kind: str, value: str | None) -> str:
    """A clue's value as shown by default: phones and accounts masked; a URL is not personal data."""
    if kind == ClueKind.URL:
        return value or ""
    if kind == ClueKind.PHONE:
        return masking.mask_phone(value)
    if kind in (ClueKind.BANK_CARD, ClueKind.PAYMENT):
        return masking.mask_account(value)
    return masking.mask_middle(value, 2, 2)


class Clue(models.Model):
    kind = models.CharField("线索类型", max_length=10, choices=ClueKind.choices)
    value = models.CharField("线索内容", max_length=300)  # normalised (cases/identifiers.py)
    source = models.CharField("来源", max_length=60, help_text="上级单位或平台")
    batch = models.CharField("批次号", max_length=60, blank=True)
    received_on = models.DateField("接收日期")
    deadline = models.DateField("核查时限")
    station = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="责任派出所",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrgKind.STATION},
        help_text="空：县局待分配",
    )
    assigned_by = models.CharField("分配依据", max_length=12, choices=AssignedBy.choices)
    assignment_note = models.CharField("分配说明", max_length=300, blank=True)
    state = models.CharField("状态", max_length=12, choices=ClueState.choices, default=ClueState.UNASSIGNED)
    finding = models.TextField("核查结果", blank=True)
    verified_at = models.DateTimeField("核查时间", null=True, blank=True)
    people_handled = models.PositiveSmallIntegerField("打处人数", default=0)
    handled_people = models.TextField("打处人员", blank=True, help_text="姓名 身份证号，每行一人（可不填）")
    struck_at = models.DateTimeField("打处时间", null=True, blank=True)
    officer = models.CharField("承办民警", max_length=50, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField("录入时间", default=timezone.now)

    objects = scoped_manager(("station", (OrgKind.STATION,)))

    # masked in the change history (audit/personal.py)
    PERSONAL_DATA = {"value": lambda v: masking.mask_middle(v, 3, 4), "handled_people": mask_people}

    class Meta:
        verbose_name = "上级推送线索"
        verbose_name_plural = "上级推送线索"
        ordering = ["deadline", "id"]
        permissions = [
            ("import_clues", "导入上级推送线索"),
            ("assign_clue", "分配线索到派出所"),
            ("act_clue", "登记核查结果和打处情况"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["batch", "kind", "value"], name="clue_unique_per_batch")
        ]
        indexes = [
            models.Index(fields=["station", "state", "deadline"], name="clue_station_state"),
            models.Index(fields=["kind", "value"], name="clue_kind_value"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.masked_value}"

    def get_absolute_url(self):
        return reverse("clues:detail", args=[self.pk])

    @property
    def masked_value(self) -> str:
        return mask_value(self.kind, self.value)

    @property
    def masked_people(self) -> str:
        return mask_people(self.handled_people)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class MatchLedger(models.TextChoices):
    CASE = "case", "案件"
    KEY_PERSON = "key_person", "重点人员"
    HOUSEHOLD = "household", "住户"


class ClueMatch(models.Model):
    """A record of another ledger that holds the clue's value, found when the clue arrived. The
    record's station and day are kept so a reader outside its subtree sees where and when, not what."""

    clue = models.ForeignKey(Clue, verbose_name="线索", on_delete=models.CASCADE, related_name="matches")
    ledger = models.CharField("台账", max_length=12, choices=MatchLedger.choices)
    record_id = models.BigIntegerField("记录ID")
    station = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="所属派出所",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    place = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="所在村/社区",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    day = models.DateField("日期", null=True, blank=True)

    class Meta:
        verbose_name = "线索匹配"
        verbose_name_plural = "线索匹配"
        ordering = ["clue", "ledger", "-day", "id"]
        constraints = [
            models.UniqueConstraint(fields=["clue", "ledger", "record_id"], name="clue_match_unique")
        ]

    def __str__(self):
        return f"{self.get_ledger_display()} {self.record_id}"
