"""止付冻结 (docs/strike.md): the accounts money went to, and the requests made to their banks.

An account (bank card or payment-institution account) is held at a bank, a member unit (成员单位) of
sector 银行/金融机构. A request is one case × one account: 紧急止付, 冻结, 续冻, 解冻 or 返还, made by
phone, at the counter or on the platform, confirmed (or refused) by the bank. Its deadlines are stamped
when it is recorded or confirmed (rules.py), so a later change of the county's settings does not move
a deadline already running. A request belongs to its case's station subtree and is visible to the
liaisons of its bank, who see nothing else."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from fanzha.core import masking
from fanzha.core.money import format_yuan
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager
from fanzha.strike.rules import Clock

# sectors of the member units that hold accounts (a payment institution is a 金融机构)
BANK_SECTORS = ("银行", "金融机构")


class AccountKind(models.TextChoices):
    BANK = "bank", "银行账户"
    PAYMENT = "payment", "支付账户"


class Account(models.Model):
    """涉案账户. The number is normalised as a case's suspect account is (cases/identifiers.py), so a
    request and a case identifier written differently are the same account. Statements (资金查控) hang
    off this model."""

    kind = models.CharField("账户类型", max_length=10, choices=AccountKind.choices, default=AccountKind.BANK)
    bank = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="开户行/支付机构",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrgKind.MEMBER_UNIT, "sector__in": BANK_SECTORS},
    )
    number = models.CharField("账号", max_length=64, db_index=True)
    holder_name = models.CharField("户名", max_length=100, blank=True)
    holder_id_number = models.CharField("开户人证件号", max_length=18, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    PERSONAL_DATA = {"number": masking.mask_account, "holder_id_number": masking.mask_id_number}

    class Meta:
        verbose_name = "涉案账户"
        verbose_name_plural = "涉案账户"
        constraints = [models.UniqueConstraint(fields=["bank", "number"], name="strike_account_unique")]

    def __str__(self):
        return f"{self.bank} {masking.mask_account(self.number)}"


class Kind(models.TextChoices):
    STOP = "stop", "紧急止付"
    FREEZE = "freeze", "冻结"
    RENEW = "renew", "续冻"
    RELEASE = "release", "解冻"
    RETURN = "return", "返还"


class Channel(models.TextChoices):
    PHONE = "phone", "电话"
    COUNTER = "counter", "柜台"
    PLATFORM = "platform", "平台"


class State(models.TextChoices):
    PENDING = "pending", "待银行反馈"
    IN_FORCE = "in_force", "生效中"
    FAILED = "failed", "未成功"
    SUPERSEDED = "superseded", "已续/已转冻结"
    RELEASED = "released", "已解冻"
    LAPSED = "lapsed", "已到期失效"
    DONE = "done", "已办结"


class FailureReason(models.TextChoices):
    NO_BALANCE = "no_balance", "余额不足"
    MOVED = "moved", "已转出"
    REFUSED = "refused", "银行拒绝"
    NO_ACCOUNT = "no_account", "账户不存在"


# the kinds that hold money (their clocks: documents, expiry, renewal)
HOLDING_KINDS = (Kind.STOP, Kind.FREEZE, Kind.RENEW)
# the states in which a request still has something due
OPEN_STATES = (State.PENDING, State.IN_FORCE)


class ReturnPlan(models.Model):
    """冻结资金返还: how one frozen sum is shared among the victims whose money sits in it, with the
    arithmetic as the officer saw it (returns.py). Each victim's share is a 返还 request."""

    source = models.ForeignKey(
        "StrikeRequest", verbose_name="冻结请求", on_delete=models.PROTECT, related_name="return_plans"
    )
    method = models.CharField("分配方式", max_length=20)
    total_fen = models.BigIntegerField("返还总额（分）")
    arithmetic = models.TextField("计算过程")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("计算时间")

    class Meta:
        verbose_name = "返还方案"
        verbose_name_plural = "返还方案"
        ordering = ["-created_at"]

    def __str__(self):
        return f"返还方案 {self.source_id}"


class StrikeRequest(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey(
        Account, verbose_name="账户", on_delete=models.PROTECT, related_name="requests"
    )
    bank = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="银行/支付机构",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrgKind.MEMBER_UNIT},
    )
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    channel = models.CharField("方式", max_length=10, choices=Channel.choices)
    previous = models.ForeignKey(
        "self",
        verbose_name="前序请求",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followers",
        help_text="再次止付、转冻结、续冻、解冻、返还所接续的请求",
    )
    repeat = models.PositiveSmallIntegerField("再次止付次数", default=0)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办民警",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField("发起时间", db_index=True)
    confirmed_at = models.DateTimeField("银行反馈时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="银行反馈人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_fen = models.BigIntegerField("申请金额（分）", default=0)
    held_fen = models.BigIntegerField("止付/冻结金额（分）", default=0)
    returned_fen = models.BigIntegerField("返还金额（分）", default=0)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.PENDING)
    failure_reason = models.CharField("未成功原因", max_length=12, choices=FailureReason.choices, blank=True)
    documents_due_at = models.DateTimeField("法律文书送达时限", null=True, blank=True)
    documents_delivered_at = models.DateTimeField("法律文书送达时间", null=True, blank=True)
    documents_received_at = models.DateTimeField("银行签收文书时间", null=True, blank=True)
    expires_at = models.DateTimeField("到期时间", null=True, blank=True)
    follow_up_due_at = models.DateTimeField("续办时限", null=True, blank=True)
    followed_up_at = models.DateTimeField("已续办时间", null=True, blank=True)
    due_at = models.DateTimeField("最近时限", null=True, blank=True, db_index=True)
    return_plan = models.ForeignKey(
        ReturnPlan,
        verbose_name="返还方案",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shares",
    )
    note = models.CharField("备注", max_length=500, blank=True)

    objects = scoped_manager(("case__station", (OrgKind.STATION,)), ("bank", (OrgKind.MEMBER_UNIT,)))

    # the account is a reference (its number is masked by Account's own declaration); declared so that a
    # snapshot that ever carries it is masked in the change history
    PERSONAL_DATA = {"account": masking.mask_account}
    AUDIT_LABELS = {
        "requested_fen": "申请金额（分）",
        "held_fen": "止付/冻结金额（分）",
        "returned_fen": "返还金额（分）",
    }

    class Meta:
        verbose_name = "止付冻结请求"
        verbose_name_plural = "止付冻结请求"
        ordering = ["due_at", "-requested_at"]
        permissions = [
            ("act_request", "办理止付冻结（送达文书、续冻、解冻、返还）"),
            ("confirm_request", "银行反馈止付冻结结果、签收文书"),
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="strike_state_due")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case} {self.account}"

    def get_absolute_url(self):
        return reverse("strike:detail", args=[self.pk])

    @property
    def requested_display(self) -> str:
        return format_yuan(self.requested_fen)

    @property
    def held_display(self) -> str:
        return format_yuan(self.held_fen)

    @property
    def returned_display(self) -> str:
        return format_yuan(self.returned_fen)


def clocks_of(request: StrikeRequest) -> list:
    """The request's clocks (rules.Clock), from the deadlines stamped on it. A failed request owes
    nothing; a lapsed one (its stop or freeze ran out unrenewed) no longer owes its follow-up."""
    if request.state == State.FAILED:
        return []
    made = []
    if request.documents_due_at is not None:
        made.append(
            Clock(
                "法律文书及警察证送达（24小时）",
                request.documents_due_at,
                request.documents_delivered_at,
            )
        )
    if request.follow_up_due_at is not None and request.state != State.LAPSED:
        if request.kind == Kind.STOP:
            made.append(Clock("再次止付或转冻结（48小时）", request.follow_up_due_at, request.followed_up_at))
        elif request.kind in (Kind.FREEZE, Kind.RENEW):
            made.append(Clock("续冻申请（到期前10日）", request.follow_up_due_at, request.followed_up_at))
        elif request.kind == Kind.RELEASE:
            made.append(Clock("解冻（3日内）", request.follow_up_due_at, request.confirmed_at))
    return made
