"""资金查控's published read interface: a case's trace from the stored statements (each hop one indexed
lookup by (account, time)), the holders behind the accounts, and the case panel's figures."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import polars as pl
from django.db.models import Count, Q

from fanzha.funds import tracing
from fanzha.funds.models import AccountHolder, ChainAccount, Statement, Transfer, VictimTransfer
from fanzha.parameters import config

MOVEMENT_FIELDS = (
    "id",
    "account",
    "at",
    "seq",
    "direction",
    "amount_fen",
    "counterparty",
    "counterparty_name",
    "balance_fen",
    "cash",
)


def fetch(spans: dict[str, tuple[datetime, datetime]]) -> dict[str, list[tracing.Movement] | None]:
    """One hop: each account's rows in its span, in one query on the (account, time) index (`account IN
    (…) AND at BETWEEN` the hop's earliest start and latest end, each account's own span kept here — one
    plan whatever the number of accounts); None for an account of which no statement is in (a second,
    index-only query, only when some came back empty)."""
    first = min(start for start, _ in spans.values())
    last = max(end for _, end in spans.values())
    found: dict[str, list[tracing.Movement] | None] = {account: [] for account in spans}
    rows = Transfer.objects.filter(account__in=list(spans), at__gte=first, at__lte=last)
    for row in rows.order_by("account", "at", "seq", "id").values_list(*MOVEMENT_FIELDS):
        start, end = spans[row[1]]
        if start <= row[2] <= end:
            found[row[1]].append(tracing.Movement(*row))
    empty = [account for account, rows in found.items() if not rows]
    if empty:
        known = set(Transfer.objects.filter(account__in=empty).values_list("account", flat=True).distinct())
        for account in empty:
            if account not in known:
                found[account] = None
    return found


def rules(method: str | None = None) -> tracing.Rules:
    """The trace's parameters in force (规则参数 funds.*), the method overridden when one is asked."""
    values = config.current()
    return tracing.Rules(
        method=method or values["funds.method"],
        hop_limit=values["funds.hop_limit"],
        window=timedelta(hours=values["funds.window_hours"]),
        threshold=values["funds.threshold_yuan"] * 100,
        quick_minutes=values["funds.quick_minutes"],
        quick_pct=values["funds.quick_pct"],
        settle_pct=values["funds.settle_pct"],
    )


def seeds_of(case) -> list[tracing.Seed]:
    return [
        tracing.Seed(case.case_number, seed.account, seed.at, seed.amount_fen)
        for seed in VictimTransfer.objects.filter(case=case).order_by("at", "id")
    ]


@dataclass
class CaseTrace:
    case: object
    trace: tracing.Trace
    holders: dict[str, AccountHolder]  # account → its 开户信息
    banks: dict[str, str]  # account → bank, from statements
    same_holder: list[tuple[AccountHolder, list[AccountHolder]]] = field(default_factory=list)


def trace_case(case, method: str | None = None) -> CaseTrace:
    result = tracing.trace(seeds_of(case), fetch, rules(method))
    accounts = list(result.accounts)
    holders = {
        h.account: h
        for h in AccountHolder.objects.filter(account__in=accounts).order_by("statement__imported_at")
    }
    banks = dict(
        Transfer.objects.filter(account__in=accounts)
        .exclude(bank="")
        .values_list("account", "bank")
        .distinct()
    )
    for seed in VictimTransfer.objects.filter(case=case).exclude(bank=""):
        banks.setdefault(seed.account, seed.bank)
    unknown = {
        e.movement: e.target for e in result.edges if e.target in result.accounts and e.target not in banks
    }
    if unknown:
        rows = Transfer.objects.filter(id__in=[m for m in unknown if m]).exclude(counterparty_bank="")
        for movement, bank in rows.values_list("id", "counterparty_bank"):
            banks.setdefault(unknown[movement], bank)
    for summary in result.accounts.values():
        holder = holders.get(summary.account)
        if holder is not None and holder.name:
            summary.name = holder.name
    return CaseTrace(case, result, holders, banks, same_holder_accounts(holders))


def same_holder_accounts(
    holders: dict[str, AccountHolder],
) -> list[tuple[AccountHolder, list[AccountHolder]]]:
    """同一开户人持有的其他账户: for each traced account with a 证件号, the holder's other accounts."""
    by_id = {h.id_number: h for h in holders.values() if h.id_number}
    if not by_id:
        return []
    others: dict[str, list[AccountHolder]] = {}
    for holder in AccountHolder.objects.filter(id_number__in=list(by_id)).order_by("account"):
        if holder.account not in holders and holder.account not in {
            o.account for o in others.get(holder.id_number, [])
        }:
            others.setdefault(holder.id_number, []).append(holder)
    return [(by_id[number], found) for number, found in others.items()]


def panel_figures(case) -> dict:
    statements = Statement.objects.filter(case=case).aggregate(
        files=Count("id"), transactions=Count("id", filter=Q(kind="transactions"))
    )
    seeds = list(VictimTransfer.objects.filter(case=case).order_by("at", "id"))
    return {
        "files": statements["files"],
        "seeds": seeds,
        "seed_total": sum(s.amount_fen for s in seeds),
        "transfers": Transfer.objects.filter(statement__case=case).count(),
    }


def chain_accounts(case_ids: list[int] | None = None) -> pl.DataFrame:
    """资金链: (case_id, value: the account, level) of these cases (all cases when None), as their last
    trace found them — what 串并案 links cases by."""
    fields = ("case_id", "account", "level")
    if case_ids is None:
        rows = list(ChainAccount.objects.order_by().values_list(*fields))
    else:
        ids, rows = list(case_ids), []
        for start in range(0, len(ids), 5_000):
            part = ids[start : start + 5_000]
            rows += ChainAccount.objects.filter(case_id__in=part).order_by().values_list(*fields)
    return pl.DataFrame(
        rows, schema={"case_id": pl.Int64, "value": pl.String, "level": pl.Int64}, orient="row"
    )
