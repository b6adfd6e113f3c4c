"""冻结资金返还: sharing one frozen sum among the victims whose money sits in it.

公安机关办理电信网络新型违法犯罪案件冻结资金返还若干规定 (2016) Art. 8 and Art. 12 (secondary source,
see docs/strike.md): 「冻结账户内仅有单笔汇（存）款记录，可直接溯源被害人的，直接返还」;
several deposits that can be traced by time go back by the trace; otherwise 「按照被害人被骗金额占冻结
金额的比例返还」. Amounts are integer fen; a share is rounded 四舍五入 (ROUND_HALF_UP) to the fen, and the
fen the rounding leaves over or takes away (never more than one per victim) goes to — or comes from —
the largest claim (on a tie the first listed), so the shares always add up to the sum returned."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from fanzha.core.money import format_yuan


class Method:
    DIRECT = "direct"
    TRACE = "trace"
    PRO_RATA = "pro_rata"


METHOD_LABELS = {Method.DIRECT: "单笔直接返还", Method.TRACE: "按时间溯源返还", Method.PRO_RATA: "按比例返还"}


class ReturnError(ValueError):
    pass


@dataclass(frozen=True)
class Claim:
    key: object  # the victim's case (or anything that names it)
    label: str  # how the arithmetic names it (the case number)
    loss_fen: int  # 被骗金额 that went into this account
    traced_fen: int | None = None  # the part traced into the frozen balance by time (None: not traced)


@dataclass(frozen=True)
class Share:
    key: object
    label: str
    fen: int


@dataclass(frozen=True)
class Plan:
    method: str
    total_fen: int
    shares: list[Share]
    lines: list[str]  # the arithmetic, in words

    @property
    def arithmetic(self) -> str:
        return "\n".join(self.lines)


def _yuan(fen: int) -> str:
    return format_yuan(fen) + "元"


def shares(frozen_fen: int, claims: list[Claim]) -> Plan:
    """The plan for `frozen_fen` among `claims`: one claim → directly (up to its loss); every claim
    traced → by trace; otherwise pro rata (each loss ÷ all losses × the frozen sum, capped at the loss
    when the frozen sum covers every loss)."""
    if frozen_fen <= 0:
        raise ReturnError("冻结金额为0，无可返还资金")
    if not claims:
        raise ReturnError("请至少列出一名被害人")
    for claim in claims:
        if claim.loss_fen <= 0:
            raise ReturnError(f"{claim.label}：被骗金额应大于0")
    if len(claims) == 1:
        claim = claims[0]
        fen = min(frozen_fen, claim.loss_fen)
        line = f"账户内仅一名被害人（{claim.label}）：直接返还 min(冻结 {_yuan(frozen_fen)}，被骗 {_yuan(claim.loss_fen)}) = {_yuan(fen)}"
        return Plan(Method.DIRECT, fen, [Share(claim.key, claim.label, fen)], [line])
    if all(c.traced_fen is not None for c in claims):
        traced = sum(c.traced_fen for c in claims)
        if traced > frozen_fen:
            raise ReturnError(f"溯源金额合计 {_yuan(traced)} 超过冻结金额 {_yuan(frozen_fen)}")
        for c in claims:
            if c.traced_fen < 0 or c.traced_fen > c.loss_fen:
                raise ReturnError(f"{c.label}：溯源金额应在0到被骗金额之间")
        lines = [f"{c.label}：按时间溯源 {_yuan(c.traced_fen)}" for c in claims]
        lines.append(f"合计 {_yuan(traced)}（冻结 {_yuan(frozen_fen)}）")
        return Plan(Method.TRACE, traced, [Share(c.key, c.label, c.traced_fen) for c in claims], lines)
    losses = sum(c.loss_fen for c in claims)
    if frozen_fen >= losses:
        lines = [f"冻结 {_yuan(frozen_fen)} ≥ 被骗合计 {_yuan(losses)}：各自按被骗金额全额返还"]
        lines += [f"{c.label}：{_yuan(c.loss_fen)}" for c in claims]
        return Plan(Method.PRO_RATA, losses, [Share(c.key, c.label, c.loss_fen) for c in claims], lines)
    lines = [f"冻结 {_yuan(frozen_fen)} < 被骗合计 {_yuan(losses)}：按被骗金额比例返还，四舍五入到分"]
    rounded = []
    for c in claims:
        exact = Decimal(frozen_fen) * c.loss_fen / losses
        fen = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        rounded.append(fen)
        lines.append(
            f"{c.label}：{_yuan(frozen_fen)} × {_yuan(c.loss_fen)} ÷ {_yuan(losses)} = "
            f"{(exact / 100).quantize(Decimal('0.0001'))}元 → {_yuan(fen)}"
        )
    left = frozen_fen - sum(rounded)
    if left:
        largest = max(range(len(claims)), key=lambda i: (claims[i].loss_fen, -i))
        rounded[largest] += left
        lines.append(
            f"四舍五入后合计差 {left:+d} 分，计入被骗金额最大的 {claims[largest].label}：{_yuan(rounded[largest])}"
        )
    shares_ = [Share(c.key, c.label, fen) for c, fen in zip(claims, rounded, strict=True)]
    lines.append(f"合计 {_yuan(frozen_fen)}")
    return Plan(Method.PRO_RATA, frozen_fen, shares_, lines)
