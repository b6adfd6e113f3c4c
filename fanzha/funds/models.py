"""资金查控 (docs/funds.md): the bank and payment statements (交易明细) and account-opening data (开户信息)
brought in for a case, and the victims' transfers a trace starts from.

Transfers are stored one row per statement line, indexed by (account, time): a trace reads each hop
with one lookup per account. Accounts are normalised numbers (cases/identifiers.py), not links to the
strike desk's records, so the two apps meet only by the account number. Every record is scoped through
its case."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.core import masking
from fanzha.core.money import format_yuan
from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.scope import scoped_manager


def _mask_lines(value: str) -> str:
    return "\n".join(masking.mask_account(line) for line in value.splitlines())


def _mask_phones(value: str) -> str:
    return "、".join(masking.mask_phone(phone) for phone in value.split("、") if phone)


CASE_SCOPE = (
    ("case__place", PLACE_KINDS),
    ("case__station", (OrgKind.STATION,)),
    ("case__employer", (OrgKind.MEMBER_UNIT,)),
)


class StatementKind(models.TextChoices):
    TRANSACTIONS = "transactions", "交易明细"
    OPENING = "opening", "开户信息"


class Statement(models.Model):
    """One file as a bank or payment institution delivered it (调单回执), imported for a case."""

    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="fund_statements"
    )
    kind = models.CharField("类型", max_length=12, choices=StatementKind.choices)
    filename = models.CharField("文件名", max_length=255)
    accounts = models.TextField("本方账号", blank=True)  # the accounts it covers, one per line
    rows_read = models.PositiveIntegerField("读取行数", default=0)
    rows_stored = models.PositiveIntegerField("入库行数", default=0)
    duplicates = models.PositiveIntegerField("重复行数", default=0)
    notes = models.JSONField("说明（合计行、失败交易、余额断档等）", default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, on_delete=models.SET_NULL
    )
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    objects = scoped_manager(*CASE_SCOPE)
    PERSONAL_DATA = {"accounts": _mask_lines}

    class Meta:
        verbose_name = "资金流水文件"
        verbose_name_plural = "资金流水文件"
        ordering = ["-imported_at", "-id"]
        permissions = [("trace_funds", "资金查控：查看资金流向、导入流水")]

    def __str__(self):
        return self.filename


class Direction(models.TextChoices):
    IN = "in", "收入"
    OUT = "out", "支出"


class Transfer(models.Model):
    """交易记录: one statement line, as money into or out of `account`."""

    statement = models.ForeignKey(
        Statement, verbose_name="来源文件", on_delete=models.CASCADE, related_name="transfers", db_index=False
    )
    row = models.PositiveIntegerField("来源行号")
    account = models.CharField("本方账号", max_length=64)
    holder = models.CharField("本方户名", max_length=100, blank=True)
    bank = models.CharField("开户行", max_length=100, blank=True)
    at = models.DateTimeField("交易时间")
    seq = models.IntegerField("同秒顺序", default=0)  # from the balance chain
    direction = models.CharField("收支", max_length=3, choices=Direction.choices)
    amount_fen = models.BigIntegerField("金额（分）")
    balance_fen = models.BigIntegerField("交易后余额（分）", null=True, blank=True)
    counterparty = models.CharField("对方账号", max_length=64, blank=True)
    counterparty_name = models.CharField("对方户名", max_length=100, blank=True)
    counterparty_bank = models.CharField("对方开户行", max_length=100, blank=True)
    summary = models.CharField("摘要", max_length=200, blank=True)
    serial = models.CharField("交易流水号", max_length=64, blank=True)
    channel = models.CharField("交易渠道/网点", max_length=100, blank=True)
    device = models.CharField("IP/MAC/设备号", max_length=200, blank=True)
    cash = models.BooleanField("现金", default=False)

    PERSONAL_DATA = {"account": masking.mask_account, "counterparty": masking.mask_account}

    objects = scoped_manager(
        ("statement__case__place", PLACE_KINDS),
        ("statement__case__station", (OrgKind.STATION,)),
        ("statement__case__employer", (OrgKind.MEMBER_UNIT,)),
    )

    class Meta:
        verbose_name = "交易记录"
        verbose_name_plural = "交易记录"
        ordering = ["account", "at", "seq"]
        indexes = [
            models.Index(fields=["account", "at", "seq"], name="fund_transfer_account_at"),
            models.Index(fields=["statement", "row"], name="fund_transfer_statement_row"),
        ]

    def __str__(self):
        return f"{self.account} {self.get_direction_display()} {format_yuan(self.amount_fen)}"


class AccountHolder(models.Model):
    """开户信息: who holds an account (the same 证件号 = the same holder), with the phones bound to it."""

    statement = models.ForeignKey(
        Statement, verbose_name="来源文件", on_delete=models.CASCADE, related_name="holders"
    )
    row = models.PositiveIntegerField("来源行号")
    account = models.CharField("账号/卡号", max_length=64, db_index=True)
    bank = models.CharField("开户行", max_length=100, blank=True)
    name = models.CharField("户名", max_length=100, blank=True)
    id_number = models.CharField("证件号码", max_length=30, blank=True, db_index=True)
    opened_on = models.DateField("开户日期", null=True, blank=True)
    branch = models.CharField("开户网点", max_length=100, blank=True)
    status = models.CharField("账户状态", max_length=30, blank=True)
    phones = models.CharField("绑定手机", max_length=200, blank=True)

    PERSONAL_DATA = {
        "account": masking.mask_account,
        "id_number": masking.mask_id_number,
        "phones": _mask_phones,
    }

    objects = scoped_manager(
        ("statement__case__place", PLACE_KINDS),
        ("statement__case__station", (OrgKind.STATION,)),
        ("statement__case__employer", (OrgKind.MEMBER_UNIT,)),
    )

    class Meta:
        verbose_name = "开户信息"
        verbose_name_plural = "开户信息"
        ordering = ["account"]

    def __str__(self):
        return self.account


class VictimTransfer(models.Model):
    """受害人转账: where a trace starts (the victim paid `amount_fen` into the 一级 account at `at`)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="victim_transfers"
    )
    account = models.CharField("收款账号（一级账户）", max_length=64)
    bank = models.CharField("收款银行", max_length=100, blank=True)
    at = models.DateTimeField("转账时间")
    amount_fen = models.BigIntegerField("金额（分）")
    note = models.CharField("备注", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("录入时间", default=timezone.now)

    objects = scoped_manager(*CASE_SCOPE)
    PERSONAL_DATA = {"account": masking.mask_account}

    class Meta:
        verbose_name = "受害人转账"
        verbose_name_plural = "受害人转账"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.account} {format_yuan(self.amount_fen)}"


class ChainAccount(models.Model):
    """资金链账户: an account the case's traced money passed through, as the last trace by the county's
    method found it (funds.rules.links_cases): what 串并案 links cases by (kind 资金链)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="chain_accounts"
    )
    account = models.CharField("账号", max_length=64)
    level = models.PositiveSmallIntegerField("层级")  # 1 = 一级
    received_fen = models.BigIntegerField("流入本案资金（分）")
    traced_at = models.DateTimeField("追踪时间", default=timezone.now)

    objects = scoped_manager(*CASE_SCOPE)
    PERSONAL_DATA = {"account": masking.mask_account}

    class Meta:
        verbose_name = "资金链账户"
        verbose_name_plural = "资金链账户"
        ordering = ["case", "level", "account"]
        constraints = [models.UniqueConstraint(fields=["case", "account"], name="funds_chain_unique")]
        indexes = [models.Index(fields=["account"], name="funds_chain_account")]

    def __str__(self):
        return f"{self.account}（{self.level}级）"
