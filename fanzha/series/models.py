"""串并案: the normalised suspect identifiers of each case (Key), the links between two cases that
share one (Link), the clusters they form (Cluster, Member), and the analysts' decisions that survive
recomputation: links cut (Cut), cases taken out of a series (Detachment) and identifiers that never
link (WhitelistEntry)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.scope import scoped_manager


class KeyKind(models.TextChoices):
    PHONE = "phone", "电话"
    BANK = "bank", "银行卡/账户"
    PAYMENT = "payment", "支付账户"
    URL = "url", "网址"
    SOCIAL = "social", "微信/QQ"
    FUNDS = "funds", "资金链"  # an account the case's traced money passed through (资金查控)


# masked by default wherever shown (the ledger's 嫌疑人账户 and the traced accounts are personal data)
MASKED_KINDS = (KeyKind.BANK, KeyKind.PAYMENT, KeyKind.FUNDS)
# kinds read from a source other than the case ledger (series/sources.py)
DERIVED_KINDS = (KeyKind.FUNDS,)


class Key(models.Model):
    """串并标识: one normalised identifier of one case (derived from cases.SuspectIdentifier)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField("类型", max_length=10, choices=KeyKind.choices)
    value = models.CharField("标准化号码", max_length=300)
    # 资金链: the account's level in this case's trace (1 = 一级); empty for the ledger's identifiers
    level = models.PositiveSmallIntegerField("资金层级", null=True, blank=True)

    class Meta:
        verbose_name = "串并标识"
        verbose_name_plural = "串并标识"
        constraints = [models.UniqueConstraint(fields=["case", "kind", "value"], name="series_key_unique")]
        indexes = [models.Index(fields=["value", "kind"], name="series_key_value")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.value}"


class Link(models.Model):
    """Two cases (low id first) that share one linking identifier: one row per shared identifier."""

    low = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", db_index=False)
    high = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("类型", max_length=10, choices=KeyKind.choices)
    value = models.CharField("标准化号码", max_length=300)

    class Meta:
        verbose_name = "串并关联"
        verbose_name_plural = "串并关联"
        constraints = [
            models.UniqueConstraint(fields=["low", "high", "kind", "value"], name="series_link_unique")
        ]
        indexes = [models.Index(fields=["value", "kind"], name="series_link_value")]

    def __str__(self):
        return f"{self.low_id}–{self.high_id}（{self.get_kind_display()}）"


class Cluster(models.Model):
    """串并案组: a connected component of cases over the links not cut. Its id is its earliest-entered
    case's id (the component's smallest case id), so that it keeps its number while it grows."""

    size = models.PositiveIntegerField("案件数", default=0)
    updated_at = models.DateTimeField("更新时间", default=timezone.now)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True, on_delete=models.SET_NULL
    )
    confirmed_size = models.PositiveIntegerField("确认时案件数", null=True, blank=True)
    confirm_reason = models.TextField("确认说明", blank=True)

    class Meta:
        verbose_name = "串并案组"
        verbose_name_plural = "串并案组"
        ordering = ["-size", "id"]
        permissions = [("decide_cluster", "确认串并案组、断开串并关联")]

    def __str__(self):
        return f"串并案组 {self.pk}号"  # its number: the earliest case's id, kept while it grows

    def get_absolute_url(self):
        return reverse("series:cluster", args=[self.pk])


class Member(models.Model):
    """A case's cluster (only cases linked to at least one other case have one)."""

    case = models.OneToOneField(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name="串并案组", on_delete=models.CASCADE, related_name="members"
    )

    class Meta:
        verbose_name = "串并案组成员"
        verbose_name_plural = "串并案组成员"

    def __str__(self):
        return f"{self.case_id} ∈ {self.cluster_id}号"


class Cut(models.Model):
    """断开: an analyst's decision that two cases are not one series, whatever they share."""

    low = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", db_index=False)
    high = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField("理由")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "断开的串并关联"
        verbose_name_plural = "断开的串并关联"
        constraints = [models.UniqueConstraint(fields=["low", "high"], name="series_cut_unique")]

    def __str__(self):
        return f"断开 {self.low_id}–{self.high_id}"


class Detachment(models.Model):
    """移出: an analyst's decision that a case is not part of the series it was in. The identifiers by
    which it was linked in that cluster (`keys`: [[kind, value], …]) link it to nothing any more — now,
    after every recompute, and to cases entered later; an identifier it shares later links it as usual.
    撤销 deletes the row (audited)."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="+")
    cluster_number = models.PositiveBigIntegerField("移出时的串并案组")
    cluster_size = models.PositiveIntegerField("移出前案件数")
    keys = models.JSONField("不再串并的标识", default=list)
    reason = models.TextField("理由")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField("时间", default=timezone.now)

    objects = scoped_manager(
        ("case__place", PLACE_KINDS),
        ("case__station", (OrgKind.STATION,)),
        ("case__employer", (OrgKind.MEMBER_UNIT,)),
    )

    class Meta:
        verbose_name = "移出串并案组"
        verbose_name_plural = "移出串并案组"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"案件 {self.case_id} 移出串并案组 {self.cluster_number}号"


class WhitelistEntry(models.Model):
    """不串并标识: a bank hotline, a large merchant's account: shown, but links nothing."""

    kind = models.CharField("类型", max_length=10, choices=KeyKind.choices)
    value = models.CharField("标准化号码", max_length=300)
    note = models.CharField("说明", max_length=200, help_text="如：某银行客服热线、某大型商户收款账户")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="添加人", null=True, on_delete=models.SET_NULL
    )
    added_at = models.DateTimeField("添加时间", default=timezone.now)

    class Meta:
        verbose_name = "不串并标识"
        verbose_name_plural = "不串并标识"
        ordering = ["kind", "value"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="series_whitelist_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.value}（{self.note}）"
