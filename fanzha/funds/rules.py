"""资金查控's rule readings as pure functions: where a trace stops and how an account is tagged. Each
takes its thresholds as arguments (their defaults are the options in fanzha.parameters.config)."""

import re

# 第三方支付机构与清算机构: the money leaves the banks' statements here; its records are asked of the
# platform itself (research/strike.md: "payment institution → request that platform's records").
PAYMENT_NAMES = re.compile(
    r"财付通|支付宝|网联|银联|清算|备付金|快钱|拉卡拉|京东支付|京东网银在线|壹钱包|翼支付|云闪付|通联支付|汇付|易宝|"
    r"连连支付|宝付|合利宝|随行付|拼多多|抖音支付|美团支付"
)
CASH_WORDS = re.compile(r"现金|取现|ATM|柜面取款|现支|存现")


def is_payment_institution(name: str, account: str = "") -> bool:
    """「对方为第三方支付机构或清算机构的，资金流向须向该平台调取」: a counterparty whose name is a payment
    institution, a clearing house or a reserve (备付金) account."""
    return bool(PAYMENT_NAMES.search(name or ""))


def is_cash(cash_flag: str, summary: str, counterparty: str) -> bool:
    """现金支取 ends a trace: 现转标志 says 现/现金, or the 摘要 says 取现/ATM and there is no counterparty."""
    flag = (cash_flag or "").strip()
    if flag in ("现", "现金", "C"):
        return True
    if flag in ("转", "转账", "T"):
        return False
    return not counterparty and bool(CASH_WORDS.search(summary or ""))


def quick_in_out(received: int, left_quickly: int, share_pct: int) -> bool:
    """快进快出: of the traced money an account received, at least `share_pct`% left it within the
    window (Alexzkh/analysis 特征比; default 80% within 30 minutes)."""
    return received > 0 and left_quickly * 100 >= received * share_pct


def settled(received: int, remaining: int, share_pct: int) -> bool:
    """沉淀: at least `share_pct`% of the traced money it received still sits in the account."""
    return received > 0 and remaining * 100 >= received * share_pct


def account_tags(
    received: int, sent: int, remaining: int, left_quickly: int, quick_pct: int, settle_pct: int
) -> list[str]:
    """快进快出 / 沉淀 / 中转 (money passes on, neither quickly nor staying)."""
    tags = []
    if quick_in_out(received, left_quickly, quick_pct):
        tags.append("快进快出")
    if settled(received, remaining, settle_pct):
        tags.append("沉淀")
    elif sent > 0 and "快进快出" not in tags:
        tags.append("中转")
    return tags


def links_cases(level: int, hop_limit: int, received: int, payment_institution: bool, below: bool) -> bool:
    """资金链 (issue 16): 「多起案件的资金追踪经过同一账户的，据此串并」. An account of a trace links the
    case to the other cases whose traces passed through it when the victims' money reached it
    (received > 0) within the trace's levels (一级 … the hop limit, default 三级), unless the trace
    stopped there at a payment or clearing institution (its account carries every platform user's
    money and would link everyone) or below the amount threshold. 串并案's limit K and 不串并标识
    apply on top, as to every identifier.

    >>> links_cases(2, 3, 500_000, False, False), links_cases(4, 3, 500_000, False, False)
    (True, False)
    >>> links_cases(1, 3, 500_000, True, False), links_cases(2, 3, 0, False, False)
    (False, False)
    """
    return 1 <= level <= hop_limit and received > 0 and not payment_institution and not below
