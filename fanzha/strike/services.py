"""The actions of the 止付冻结 desk. Each checks the transition, stamps its deadlines (rules.py, with
the county's readings), saves and writes the audit trail in one transaction; times come from
`core.clock` so tests can move them. Views, the API and the command call these and nothing else writes
a request."""

from dataclasses import dataclass

from django.db import transaction

from fanzha.audit import log as audit
from fanzha.cases import services as case_services
from fanzha.cases.choices import IdentifierKind
from fanzha.cases.identifiers import clean_identifier
from fanzha.core import clock
from fanzha.core.idcard import IdNumberError, clean_id_number
from fanzha.core.money import MoneyError, format_yuan, parse_money
from fanzha.orgs.choices import OrgKind
from fanzha.parameters import config
from fanzha.strike import returns, rules
from fanzha.strike.models import (
    BANK_SECTORS,
    HOLDING_KINDS,
    Account,
    Channel,
    FailureReason,
    Kind,
    ReturnPlan,
    State,
    StrikeRequest,
    clocks_of,
)

REQUEST_AUDIT = (
    "kind",
    "channel",
    "state",
    "failure_reason",
    "requested_fen",
    "held_fen",
    "returned_fen",
    "confirmed_at",
    "documents_delivered_at",
    "documents_received_at",
    "expires_at",
    "follow_up_due_at",
    "followed_up_at",
    "note",
)


class StrikeError(ValueError):
    pass


def parse_amount(text: str, what: str) -> int | None:
    """An amount typed in 元 → fen, or a StrikeError naming what it is."""
    try:
        return parse_money(text)
    except MoneyError as exc:
        raise StrikeError(f"{what}：{exc}") from None


def readings(settings: dict | None = None) -> dict:
    """The rule values in force (the county's `strike.*` rule parameters), overridden by `settings`."""
    return {**config.current(), **(settings or {})}


def _due(request: StrikeRequest) -> None:
    """The request's nearest unmet deadline, for the desk's order and the deadlines job."""
    open_dues = [c.due for c in clocks_of(request) if c.met_at is None]
    request.due_at = min(open_dues) if open_dues else None


def _change(user, request: StrikeRequest, apply) -> StrikeRequest:
    before = audit.snapshot(request, REQUEST_AUDIT)
    apply()
    _due(request)
    request.save()
    audit.record_change(user, "update", request, before, audit.snapshot(request, REQUEST_AUDIT))
    return request


@dataclass
class AccountInput:
    bank: object  # OrgUnit, a member unit of sector 银行/金融机构
    number: str
    kind: str = "bank"
    holder_name: str = ""
    holder_id_number: str = ""


def account_for(data: AccountInput) -> Account:
    """The account by bank and normalised number: found, or made; a holder name or ID given later fills
    the blanks (never overwrites what is there)."""
    if data.bank is None or data.bank.kind != OrgKind.MEMBER_UNIT or data.bank.sector not in BANK_SECTORS:
        raise StrikeError("开户行应为行业为银行或金融机构的成员单位")
    try:
        number = clean_identifier(IdentifierKind.ACCOUNT, data.number or "")
    except ValueError as exc:
        raise StrikeError(f"账号：{exc}") from None
    holder_id = ""
    if data.holder_id_number:
        try:
            holder_id = clean_id_number(data.holder_id_number)
        except IdNumberError as exc:
            raise StrikeError(f"开户人证件号：{exc}") from None
    account, _ = Account.objects.get_or_create(
        bank=data.bank, number=number, defaults={"kind": data.kind or "bank"}
    )
    changed = False
    if data.holder_name and not account.holder_name:
        account.holder_name, changed = data.holder_name.strip()[:100], True
    if holder_id and not account.holder_id_number:
        account.holder_id_number, changed = holder_id, True
    if changed:
        account.save()
    return account


def _check_previous(kind: str, previous: StrikeRequest | None, account: Account, settings: dict) -> None:
    if kind in (Kind.RENEW, Kind.RELEASE, Kind.RETURN) and previous is None:
        raise StrikeError(f"{Kind(kind).label}须接续一项生效中的止付或冻结")
    if previous is None:
        return
    if previous.account_id != account.pk:
        raise StrikeError("前序请求的账户与本次不一致")
    if previous.state != State.IN_FORCE or previous.kind not in HOLDING_KINDS:
        raise StrikeError("前序请求不在生效中，不能接续")
    if kind == Kind.STOP:
        if previous.kind != Kind.STOP:
            raise StrikeError("再次止付只能接续紧急止付")
        if not rules.may_repeat_stop(previous.repeat, settings["strike.stop_repeats"]):
            raise StrikeError(f"紧急止付最多再次止付{settings['strike.stop_repeats']}次，请转为冻结")
    if kind == Kind.FREEZE and previous.kind != Kind.STOP:
        raise StrikeError("冻结只能接续紧急止付；已冻结的请办理续冻")
    if kind == Kind.RENEW and previous.kind not in (Kind.FREEZE, Kind.RENEW):
        raise StrikeError("续冻只能接续冻结或续冻")


@transaction.atomic
def record_request(
    user,
    case,
    account: Account,
    kind: str,
    channel: str,
    requested_fen: int = 0,
    previous: StrikeRequest | None = None,
    note: str = "",
    settings: dict | None = None,
    return_plan: ReturnPlan | None = None,
) -> StrikeRequest:
    """发起: a request to the account's bank, with its documents clock (a provisional stop or freeze by
    phone or on the platform owes the legal documents within 24 h; at the counter they are handed over
    at once). A follow-on (再次止付, 转冻结, 续冻, 解冻) marks its predecessor followed up."""
    values = readings(settings)
    if kind not in Kind.values:
        raise StrikeError("请选择请求类别")
    if channel not in Channel.values:
        raise StrikeError("请选择方式（电话、柜台或平台）")
    if requested_fen < 0:
        raise StrikeError("申请金额不能为负数")
    if kind in (Kind.STOP, Kind.FREEZE) and requested_fen <= 0:
        raise StrikeError(f"{Kind(kind).label}请填写申请金额")
    _check_previous(kind, previous, account, values)
    now = clock.now()
    request = StrikeRequest(
        case=case,
        account=account,
        bank=account.bank,
        kind=kind,
        channel=channel,
        previous=previous,
        repeat=(previous.repeat + 1) if kind == Kind.STOP and previous is not None else 0,
        officer=user if getattr(user, "is_authenticated", False) else None,
        requested_at=now,
        requested_fen=requested_fen,
        note=note[:500],
        return_plan=return_plan,
    )
    if kind in (Kind.STOP, Kind.FREEZE):
        request.documents_due_at = rules.documents_due(now, values["strike.documents_hours"])
        if channel == Channel.COUNTER:  # handed to the bank at the counter: delivered and received
            request.documents_delivered_at = request.documents_received_at = now
    if kind == Kind.RELEASE:
        request.follow_up_due_at = rules.release_due(now, values["strike.release_days"])
    _due(request)
    request.save()
    audit.record_change(user, "create", request, None, audit.snapshot(request, REQUEST_AUDIT))
    if previous is not None and kind != Kind.RETURN:
        _change(user, previous, lambda: setattr(previous, "followed_up_at", now))
    return request


def _lock(request: StrikeRequest) -> StrikeRequest:
    """Re-read the request under a row lock: two clicks at once cannot both confirm it."""
    fresh = StrikeRequest.objects.select_for_update().get(pk=request.pk)
    request.__dict__.update({k: v for k, v in fresh.__dict__.items() if not k.startswith("_")})
    return request


@transaction.atomic
def confirm(user, request: StrikeRequest, amount_fen: int, settings: dict | None = None) -> StrikeRequest:
    """银行反馈成功: the amount stopped, frozen, released or returned. A stop then runs 48 h; a freeze
    6 months from now, a renewal 6 months from the expiry it extends; the predecessor it replaces is
    superseded (a 解冻: released). A 返还 credits the victim's case with the amount (挽损), when the
    county's setting says so."""
    values = readings(settings)
    _lock(request)
    if request.state != State.PENDING:
        raise StrikeError("该请求已有反馈结果")
    if amount_fen <= 0:
        raise StrikeError("金额应大于0；未能止付冻结的，请选择“未成功”并注明原因")
    now = clock.now()
    previous = request.previous

    def apply():
        request.confirmed_at, request.confirmed_by = (
            now,
            user if getattr(user, "is_authenticated", False) else None,
        )
        if request.kind in HOLDING_KINDS:
            request.state, request.held_fen = State.IN_FORCE, amount_fen
            if request.kind == Kind.STOP:
                request.expires_at = rules.stop_expires(now, values["strike.stop_hours"])
                request.follow_up_due_at = request.expires_at
            else:
                start = previous.expires_at if request.kind == Kind.RENEW and previous.expires_at else now
                request.expires_at = rules.freeze_expires(start, values["strike.freeze_months"])
                request.follow_up_due_at = rules.renewal_due(
                    request.expires_at, values["strike.renew_days_before"]
                )
        elif request.kind == Kind.RELEASE:
            request.state, request.held_fen = State.DONE, amount_fen
        else:
            if previous is not None and amount_fen > previous.held_fen - previous.returned_fen:
                raise StrikeError(
                    f"返还金额超过冻结余额（{format_yuan(previous.held_fen - previous.returned_fen)}元）"
                )
            request.state, request.returned_fen = State.DONE, amount_fen

    _change(user, request, apply)
    if previous is not None:
        if request.kind in HOLDING_KINDS:
            _change(user, previous, lambda: setattr(previous, "state", State.SUPERSEDED))
        elif request.kind == Kind.RELEASE:
            _change(user, previous, lambda: setattr(previous, "state", State.RELEASED))
        elif request.kind == Kind.RETURN:
            _change(
                user, previous, lambda: setattr(previous, "returned_fen", previous.returned_fen + amount_fen)
            )
    if request.kind == Kind.RETURN and values["strike.credit_recovered"] in ("on", True):
        case_services.credit_recovery(
            user, request.case, amount_fen, f"冻结资金返还（止付冻结请求 #{request.pk}）"
        )
    return request


@transaction.atomic
def fail(user, request: StrikeRequest, reason: str, note: str = "") -> StrikeRequest:
    """银行反馈未成功, with the reason (余额不足, 已转出, 银行拒绝, 账户不存在). A failed follow-on leaves its
    predecessor's clock running again."""
    _lock(request)
    if request.state != State.PENDING:
        raise StrikeError("该请求已有反馈结果")
    if reason not in FailureReason.values:
        raise StrikeError("请选择未成功的原因")
    now = clock.now()

    def apply():
        request.state, request.failure_reason = State.FAILED, reason
        request.confirmed_at = now
        request.confirmed_by = user if getattr(user, "is_authenticated", False) else None
        if note:
            request.note = note[:500]

    _change(user, request, apply)
    previous = request.previous
    if previous is not None and request.kind != Kind.RETURN and previous.followed_up_at is not None:
        _change(user, previous, lambda: setattr(previous, "followed_up_at", None))
    return request


@transaction.atomic
def deliver_documents(user, request: StrikeRequest) -> StrikeRequest:
    """法律文书及警察证复印件已送达 (the officer)."""
    _lock(request)
    if request.documents_due_at is None:
        raise StrikeError("该请求无需补送法律文书")
    if request.documents_delivered_at is not None:
        raise StrikeError("法律文书已登记送达")
    return _change(user, request, lambda: setattr(request, "documents_delivered_at", clock.now()))


@transaction.atomic
def receive_documents(user, request: StrikeRequest) -> StrikeRequest:
    """银行签收法律文书 (the bank's liaison): received means delivered, if the officer has not said so."""
    _lock(request)
    if request.documents_due_at is None:
        raise StrikeError("该请求无需补送法律文书")
    if request.documents_received_at is not None:
        raise StrikeError("已签收")
    now = clock.now()

    def apply():
        request.documents_received_at = now
        if request.documents_delivered_at is None:
            request.documents_delivered_at = now

    return _change(user, request, apply)


def renew(user, request: StrikeRequest, channel: str, note: str = "", settings=None) -> StrikeRequest:
    """续办: a 紧急止付 is repeated (at most twice) or a freeze renewed, for the amount held."""
    kind = Kind.STOP if request.kind == Kind.STOP else Kind.RENEW
    return record_request(
        user, request.case, request.account, kind, channel, request.held_fen, request, note, settings
    )


def convert_to_freeze(
    user, request: StrikeRequest, channel: str, note: str = "", settings=None
) -> StrikeRequest:
    """止付转冻结: a freeze of the amount stopped, replacing the stop when the bank confirms."""
    return record_request(
        user, request.case, request.account, Kind.FREEZE, channel, request.held_fen, request, note, settings
    )


def release(user, request: StrikeRequest, channel: str, note: str, settings=None) -> StrikeRequest:
    """解冻: funds found unrelated to the case are to be released within 3 days."""
    if not note.strip():
        raise StrikeError("请写明解冻理由")
    return record_request(
        user, request.case, request.account, Kind.RELEASE, channel, request.held_fen, request, note, settings
    )


def victims_of(request: StrikeRequest) -> list[StrikeRequest]:
    """The cases whose money sits in this account: the holding requests in force on it (one per case,
    the latest)."""
    rows = (
        StrikeRequest.objects.filter(account=request.account, kind__in=HOLDING_KINDS, state=State.IN_FORCE)
        .select_related("case")
        .order_by("case_id", "-requested_at")
    )
    seen, made = set(), []
    for row in rows:
        if row.case_id not in seen:
            seen.add(row.case_id)
            made.append(row)
    return made


@transaction.atomic
def plan_return(user, source: StrikeRequest, claims: list[returns.Claim], channel: str) -> ReturnPlan:
    """返还: the frozen balance of `source` shared among the victims (returns.py), one 返还 request per
    victim's case to the bank, each pending its confirmation. A claim's key is the victim's case."""
    _lock(source)
    if source.state != State.IN_FORCE or source.kind not in (Kind.FREEZE, Kind.RENEW):
        raise StrikeError("只有生效中的冻结才能返还")
    if source.followers.filter(kind=Kind.RETURN, state=State.PENDING).exists():
        raise StrikeError("已有待银行反馈的返还请求，请待银行反馈后再计算")
    balance = source.held_fen - source.returned_fen
    # the stored arithmetic names victims by their place in the list, not by case number: a reader of
    # another station sees the plan, and each case's number only where the case is theirs
    claims = [
        returns.Claim(c.key, f"被害人{n}", c.loss_fen, c.traced_fen) for n, c in enumerate(claims, start=1)
    ]
    plan = returns.shares(balance, claims)
    made = ReturnPlan.objects.create(
        source=source,
        method=plan.method,
        total_fen=plan.total_fen,
        arithmetic=plan.arithmetic,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        created_at=clock.now(),
    )
    audit.record_change(
        user,
        "create",
        made,
        None,
        {"method": plan.method, "total_fen": plan.total_fen, "arithmetic": plan.arithmetic},
    )
    for share in plan.shares:
        if share.fen <= 0:
            continue
        record_request(
            user,
            share.key,
            source.account,
            Kind.RETURN,
            channel,
            share.fen,
            source,
            "按返还方案",
            return_plan=made,
        )
    return made


@transaction.atomic
def lapse_expired(now=None) -> int:
    """到期失效: stops and freezes in force past their expiry, not followed up, are lapsed (「逾期不办理继续
    冻结手续的，视为自动解除冻结」), audited; → how many."""
    now = now or clock.now()
    expired = StrikeRequest.objects.select_for_update().filter(
        state=State.IN_FORCE, kind__in=HOLDING_KINDS, expires_at__lt=now, followed_up_at__isnull=True
    )
    count = 0
    for request in expired:
        _change(None, request, lambda r=request: setattr(r, "state", State.LAPSED))
        count += 1
    return count
