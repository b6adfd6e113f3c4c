"""资金流向追踪: where a victim's money went, hop by hop, as pure functions on plain data.

The method, in the words a prosecutor reads (research/strike.md, Anderson et al. 2018, 冻结资金返还规定):
- 「以受害人转账为起点，收款账户为一级账户；一级账户转出至的账户为二级账户，依此类推；层级按距受害人最少的转账次数确定。」
- 「同一账户内，转出的资金按其之前转入的资金归属：默认先进先出（先转入的资金先转出）；可选后进先出（后转入的先转出）
  或按比例（每笔转出按当时账户内各笔资金的比例分摊）。每条资金流向都注明所用方法。」
- 「金额守恒：一个账户转出的本案资金不超过其收到的本案资金，也不超过其余额；账户期初余额视为非本案资金。」
- 「追踪止于：现金支取、第三方支付或清算机构（须向该平台调取）、尚未调取流水的账户（列入建议调单）、
  层级上限、低于金额阈值的流向；转入后超过时间窗口仍未转出的资金视为沉淀在该账户。」

`trace(seeds, fetch, rules)` expands the trace a hop at a time: `fetch({account: (start, end), …})` returns
each account's statement rows in its span (None when no statement of it has been imported); the database
version (funds/queries.py) reads a whole hop in one query of (account, time) index ranges. Each round re-runs the
sweep over everything fetched so far — a pure function — so the result is exact whatever the order
in which accounts were fetched."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from fanzha.core.periods import BEIJING
from fanzha.funds import rules as funds_rules

METHODS = {"fifo": "先进先出", "lifo": "后进先出", "prorata": "按比例"}
CLEAN = ""  # money that is not the traced victims'
VICTIM = "受害人"
CASH = "现金"
UNKNOWN = "（去向不明）"

# why a trace stops at an account
NO_STATEMENT = "未调取流水"
PAYMENT = "支付机构"
BEYOND = "超出层级"
BELOW = "低于阈值"
CASH_OUT = "现金支取"


@dataclass(frozen=True)
class Movement:
    """One row of a statement: money into or out of `account`."""

    id: int
    account: str
    at: datetime
    seq: int  # order among rows of the same account and second (from the balance chain)
    direction: str  # "in" | "out"
    amount: int  # fen, > 0
    counterparty: str = ""
    counterparty_name: str = ""
    balance: int | None = None  # after this row
    cash: bool = False


@dataclass(frozen=True)
class Seed:
    """A victim's transfer: `amount` fen paid into the 一级 account `account` at `at`."""

    key: str  # whose money (a case, or one victim's transfer)
    account: str
    at: datetime
    amount: int


@dataclass(frozen=True)
class Rules:
    method: str = "fifo"
    hop_limit: int = 3
    window: timedelta = timedelta(hours=72)  # outflows followed after an inflow
    threshold: int = 10_000  # fen: an edge carrying less of the victims' money is not followed
    tolerance: timedelta = timedelta(minutes=10)  # A's 转出 and B's 转入 of one transfer, clocks apart
    quick_minutes: int = 30
    quick_pct: int = 80
    settle_pct: int = 50


@dataclass(frozen=True)
class Origin:
    """How a lot of money came into an account (the first half of an explanation)."""

    at: datetime
    source: str  # VICTIM, another account, or "期初余额"
    account: str
    amount: int


@dataclass
class Lot:
    at: datetime
    amount: int
    parts: dict[str, int]  # key → fen (CLEAN included)
    origin: Origin | None  # None: money that is not traced (opening balance, unrelated inflows)

    @property
    def traced(self) -> int:
        return sum(v for k, v in self.parts.items() if k != CLEAN)


@dataclass
class Edge:
    """Money leaving `source` for `target` in one transfer, with the victims' share of it."""

    source: str  # an account, or VICTIM for a seed
    target: str  # an account, CASH or UNKNOWN
    at: datetime
    amount: int  # the whole transfer
    traced: dict[str, int]  # key → fen of the victims' money in it
    method: str
    movement: int | None  # the statement row (None: a seed)
    origins: list[Origin] = field(default_factory=list)
    target_name: str = ""
    level: int = 0  # the target's level
    stop: str = ""  # why the trace does not go on past the target ("" when it does)

    @property
    def traced_total(self) -> int:
        return sum(self.traced.values())


@dataclass
class AccountSummary:
    account: str
    level: int
    received: int = 0  # the victims' money that reached it
    sent: int = 0  # … that left it
    remaining: int = 0  # … still in it at the end of its statement's span (0 unknown)
    left_quickly: int = 0
    has_statement: bool = False
    stop: str = ""
    name: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class Trace:
    rules: Rules
    seeds: list[Seed]
    edges: list[Edge]
    accounts: dict[str, AccountSummary]
    fetched: int  # reads (one per hop)

    def level_amounts(self) -> dict[int, int]:
        """Per level, the victims' money that flowed into it from the level above (money coming back
        to a higher level is not counted again)."""
        totals: dict[int, int] = {}
        for edge in self.edges:
            if edge.target in self.accounts and self._source_level(edge) == edge.level - 1:
                totals[edge.level] = totals.get(edge.level, 0) + edge.traced_total
        return dict(sorted(totals.items()))

    def _source_level(self, edge: Edge) -> int:
        return 0 if edge.source == VICTIM else self.accounts[edge.source].level

    def levels(self) -> dict[int, list[AccountSummary]]:
        grouped: dict[int, list[AccountSummary]] = {}
        for summary in sorted(self.accounts.values(), key=lambda s: (s.level, -s.received, s.account)):
            grouped.setdefault(summary.level, []).append(summary)
        return grouped

    def freeze_candidates(self) -> list[AccountSummary]:
        """Accounts where the victims' money still sits (by their statement), or went and whose
        statement is not in yet: the largest first."""
        rows = [
            s
            for s in self.accounts.values()
            if (s.has_statement and s.remaining > 0) or (s.stop == NO_STATEMENT and s.received > 0)
        ]
        return sorted(rows, key=lambda s: (-self.freezable(s), s.account))

    @staticmethod
    def freezable(summary: AccountSummary) -> int:
        return summary.remaining if summary.has_statement else summary.received

    def statement_requests(self) -> list[AccountSummary]:
        """建议调单: counterparties the money reached with no statement yet, and payment institutions,
        ranked by the traced amount."""
        rows = [s for s in self.accounts.values() if s.stop in (NO_STATEMENT, PAYMENT) and s.received > 0]
        return sorted(rows, key=lambda s: (-s.received, s.account))


def yuan_text(fen: int) -> str:
    """5,000 / 5,000.50 (元 written by the caller)."""
    value = Decimal(fen) / 100
    return f"{value:,.0f}" if fen % 100 == 0 else f"{value:,.2f}"


def _time_text(moment: datetime, day_of: datetime | None = None) -> str:
    local = moment.astimezone(BEIJING)
    if day_of is not None and day_of.astimezone(BEIJING).date() == local.date():
        return f"{local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"


def explain(edge: Edge, name: Callable[[str], str] = str, method: str | None = None) -> str:
    """「2024-03-05 14:22 受害人转入A账户5,000元；A于14:31转出3,000元至B（先进先出，归属本案3,000元）」"""
    parts = []
    for origin in edge.origins:
        source = VICTIM if origin.source == VICTIM else name(origin.source)
        parts.append(
            f"{_time_text(origin.at)} {source}转入{name(origin.account)}账户{yuan_text(origin.amount)}元"
        )
    if edge.source == VICTIM:
        return "；".join(parts)
    first = edge.origins[0].at if edge.origins else None
    target = edge.target if edge.target in (CASH, UNKNOWN) else name(edge.target)
    amount = yuan_text(edge.amount)
    verb = f"支取现金{amount}元" if edge.target == CASH else f"转出{amount}元至{target}"
    label = METHODS[method or edge.method]
    parts.append(
        f"{name(edge.source)}于{_time_text(edge.at, first)}{verb}（{label}，归属本案{yuan_text(edge.traced_total)}元）"
    )
    return "；".join(parts)


# ---- sharing out an amount -------------------------------------------------------------------


def split(amount: int, weights: dict[str, int]) -> dict[str, int]:
    """`amount` fen shared in proportion to `weights`, in whole fen that add up exactly (largest
    remainder; ties to the key that sorts first)."""
    total = sum(weights.values())
    if total <= 0 or amount <= 0:
        return {}
    shares, remainders = {}, []
    for key, weight in weights.items():
        whole, rest = divmod(amount * weight, total)
        shares[key] = whole
        remainders.append((-rest, key))
    left = amount - sum(shares.values())
    for _, key in sorted(remainders)[:left]:
        shares[key] += 1
    return {k: v for k, v in shares.items() if v}


def take(lots: list[Lot], amount: int, method: str) -> list[tuple[Lot, dict[str, int]]]:
    """Take `amount` fen out of an account's lots by the method; → (lot, the parts taken from it).
    The lots shrink. What the lots cannot cover is money of unknown origin (not the victims')."""
    taken: list[tuple[Lot, dict[str, int]]] = []
    if method == "prorata":
        available = sum(lot.amount for lot in lots)
        shares = split(min(amount, available), {str(i): lot.amount for i, lot in enumerate(lots)})
        plan = [(lots[int(i)], share) for i, share in shares.items()]
    else:
        order = lots if method == "fifo" else list(reversed(lots))
        plan, left = [], amount
        for lot in order:
            if left <= 0:
                break
            share = min(lot.amount, left)
            if share:
                plan.append((lot, share))
                left -= share
    for lot, share in plan:
        parts = split(share, lot.parts)
        for key, value in parts.items():
            lot.parts[key] -= value
        lot.parts = {k: v for k, v in lot.parts.items() if v}
        lot.amount -= share
        taken.append((lot, parts))
    lots[:] = [lot for lot in lots if lot.amount > 0]
    return taken


# ---- the sweep ---------------------------------------------------------------------------------


@dataclass
class _Row:
    movement: Movement
    virtual: bool = False
    partner: int | None = None  # for an inflow: the id of the outflow row it receives
    seed: Seed | None = None


class _Sweep:
    """One pass over everything fetched: each account's rows in their order; an inflow that another
    fetched account sent is read after that account's outflow (so its parts are known)."""

    def __init__(self, seeds: list[Seed], rows: dict[str, list[Movement]], rules: Rules):
        self.rules = rules
        self._next_virtual = -1
        self.rows: dict[str, list[_Row]] = {}
        self.lots: dict[str, list[Lot]] = {}
        self.position: dict[str, int] = {}
        self.sent_parts: dict[int, tuple[dict[str, int], list[Origin]]] = {}
        self.index_of: dict[int, tuple[str, int]] = {}
        self.edges: list[Edge] = []
        self.quick: dict[str, int] = {}
        for account, movements in rows.items():
            self.rows[account] = [_Row(m) for m in movements]
            self.lots[account] = self._opening(movements)
        self._pair_seeds(seeds)
        self._pair_transfers()
        for account, account_rows in self.rows.items():
            account_rows.sort(key=lambda r: (r.movement.at, r.movement.seq, r.virtual))
            for index, row in enumerate(account_rows):
                self.index_of[row.movement.id] = (account, index)
            self.position[account] = 0

    @staticmethod
    def _opening(movements: list[Movement]) -> list[Lot]:
        if not movements or movements[0].balance is None:
            return []
        first = movements[0]
        before = first.balance - first.amount if first.direction == "in" else first.balance + first.amount
        return [Lot(first.at, before, {CLEAN: before}, None)] if before > 0 else []

    def _matching_inflow(self, account: str, at: datetime, amount: int, sender: str) -> _Row | None:
        best = None
        for row in self.rows.get(account, ()):
            m = row.movement
            if row.virtual or row.partner is not None or row.seed is not None or m.direction != "in":
                continue
            if m.amount != amount or abs(m.at - at) > self.rules.tolerance:
                continue
            if sender and m.counterparty and m.counterparty != sender:
                continue
            if best is None or abs(m.at - at) < abs(best.movement.at - at):
                best = row
        return best

    def _pair_seeds(self, seeds: list[Seed]) -> None:
        for seed in sorted(seeds, key=lambda s: (s.at, s.account, s.key)):
            if seed.account not in self.rows:  # no statement of the 一级 account: the money reached it
                origin = Origin(seed.at, VICTIM, seed.account, seed.amount)
                self.edges.append(
                    Edge(
                        VICTIM,
                        seed.account,
                        seed.at,
                        seed.amount,
                        {seed.key: seed.amount},
                        "",
                        None,
                        [origin],
                    )
                )
                continue
            row = self._matching_inflow(seed.account, seed.at, seed.amount, "")
            if row is None:
                self._next_virtual -= 1
                row = _Row(
                    Movement(self._next_virtual, seed.account, seed.at, -1, "in", seed.amount), virtual=True
                )
                self.rows[seed.account].append(row)
            row.seed = seed

    def _pair_transfers(self) -> None:
        outflows = [
            row.movement
            for account_rows in self.rows.values()
            for row in account_rows
            if row.movement.direction == "out" and not row.virtual
        ]
        for out in sorted(outflows, key=lambda m: (m.at, m.seq, m.id)):
            target = out.counterparty
            if not target or target not in self.rows or out.cash:
                continue
            row = self._matching_inflow(target, out.at, out.amount, out.account)
            if row is None:
                self._next_virtual -= 1
                row = _Row(
                    Movement(self._next_virtual, target, out.at, 1 << 30, "in", out.amount, out.account),
                    virtual=True,
                )
                self.rows[target].append(row)
            row.partner = out.id

    def run(self) -> None:
        for account in self.rows:
            self._advance(account, len(self.rows[account]) - 1, set())

    def _advance(self, account: str, through: int, stack: set[str]) -> None:
        stack = stack | {account}
        while self.position[account] <= through:
            row = self.rows[account][self.position[account]]
            self.position[account] += 1
            if row.movement.direction == "in":
                self._receive(account, row, stack)
            else:
                self._send(account, row.movement)

    def _receive(self, account: str, row: _Row, stack: set[str]) -> None:
        m = row.movement
        if row.seed is not None:
            seed = row.seed
            origin = Origin(seed.at, VICTIM, account, seed.amount)
            parts = {seed.key: seed.amount}
            if m.amount > seed.amount:
                parts[CLEAN] = m.amount - seed.amount
            self.lots[account].append(Lot(m.at, m.amount, parts, origin))
            self.edges.append(
                Edge(VICTIM, account, seed.at, seed.amount, {seed.key: seed.amount}, "", None, [origin])
            )
            return
        if row.partner is not None:
            sender, index = self.index_of[row.partner]
            if self.position[sender] <= index and sender not in stack:
                self._advance(sender, index, stack)
            parts, _ = self.sent_parts.get(row.partner, ({CLEAN: m.amount}, []))
            traced = sum(v for k, v in parts.items() if k != CLEAN)
            origin = Origin(m.at, sender, account, m.amount) if traced else None
            self.lots[account].append(Lot(m.at, m.amount, dict(parts), origin))
            return
        self.lots[account].append(Lot(m.at, m.amount, {CLEAN: m.amount}, None))

    def _send(self, account: str, m: Movement) -> None:
        taken = take(self.lots[account], m.amount, self.rules.method)
        parts: dict[str, int] = {}
        origins: list[Origin] = []
        quick_limit = timedelta(minutes=self.rules.quick_minutes)
        for lot, lot_parts in taken:
            for key, value in lot_parts.items():
                parts[key] = parts.get(key, 0) + value
            traced = sum(v for k, v in lot_parts.items() if k != CLEAN)
            if traced and lot.origin is not None and lot.origin not in origins:
                origins.append(lot.origin)
            if traced and m.at - lot.at <= quick_limit:
                self.quick[account] = self.quick.get(account, 0) + traced
        unknown = m.amount - sum(parts.values())
        if unknown:
            parts[CLEAN] = parts.get(CLEAN, 0) + unknown
        self.sent_parts[m.id] = (parts, origins)
        traced = {k: v for k, v in parts.items() if k != CLEAN}
        if not traced:
            return
        target = CASH if m.cash else (m.counterparty or UNKNOWN)
        self.edges.append(
            Edge(
                account, target, m.at, m.amount, traced, self.rules.method, m.id, origins, m.counterparty_name
            )
        )

    def remaining(self, account: str) -> int:
        return sum(lot.traced for lot in self.lots[account])


def _levels(seeds: list[Seed], edges: list[Edge]) -> dict[str, int]:
    """Fewest hops from a victim (一级 = 1), over the edges that carry the victims' money."""
    level = {seed.account: 1 for seed in seeds}
    changed = True
    while changed:
        changed = False
        for edge in edges:
            if edge.source == VICTIM or edge.source not in level or edge.target in (CASH, UNKNOWN):
                continue
            candidate = level[edge.source] + 1
            if candidate < level.get(edge.target, 1 << 30):
                level[edge.target] = candidate
                changed = True
    return level


Fetch = Callable[[dict[str, tuple[datetime, datetime]]], dict[str, list[Movement] | None]]


def one_by_one(fetch_one: Callable[[str, datetime, datetime], list[Movement] | None]) -> Fetch:
    """A Fetch from a function that reads one account at a time."""
    return lambda spans: {account: fetch_one(account, start, end) for account, (start, end) in spans.items()}


def trace(
    seeds: list[Seed],
    fetch: Fetch,
    rules: Rules = Rules(),
    classify: Callable[[str, str], bool] | None = None,
) -> Trace:
    """The trace of the seeds' money (see the module's docstring)."""
    if rules.method not in METHODS:
        raise ValueError(f"未知的追踪方法「{rules.method}」：可选 {'、'.join(METHODS)}")
    classify = classify or funds_rules.is_payment_institution
    spans: dict[str, tuple[datetime, datetime]] = {}
    fetched: dict[str, list[Movement]] = {}
    missing: set[str] = set()
    wanted: dict[str, tuple[datetime, datetime]] = {}
    for seed in seeds:
        _widen(wanted, seed.account, seed.at - rules.tolerance, seed.at + rules.window)
    reads = 0
    while True:
        hop: dict[str, tuple[datetime, datetime]] = {}
        for account, (start, end) in wanted.items():
            span = spans.get(account)
            if account in missing or (span and span[0] <= start and span[1] >= end):
                continue
            hop[account] = (min(start, span[0]), max(end, span[1])) if span else (start, end)
        if hop:
            reads += 1
            for account, rows in fetch(hop).items():
                if rows is None:
                    missing.add(account)
                    continue
                spans[account] = hop[account]
                fetched[account] = sorted(rows, key=lambda m: (m.at, m.seq, m.id))
        sweep = _Sweep(seeds, fetched, rules)
        sweep.run()
        level = _levels(seeds, sweep.edges)
        wanted = {}
        for seed in seeds:
            _widen(wanted, seed.account, seed.at - rules.tolerance, seed.at + rules.window)
        for edge in sweep.edges:
            target = edge.target
            if edge.source == VICTIM or target in (CASH, UNKNOWN) or target in missing:
                continue
            if edge.traced_total < rules.threshold or level.get(target, 99) > rules.hop_limit:
                continue
            if classify(edge.target_name, target):
                continue
            _widen(wanted, target, edge.at - rules.tolerance, edge.at + rules.window)
        if all(
            a in missing or (a in spans and spans[a][0] <= s and spans[a][1] >= e)
            for a, (s, e) in wanted.items()
        ):
            return _result(seeds, sweep, level, missing, rules, classify, reads)


def _widen(wanted: dict, account: str, start: datetime, end: datetime) -> None:
    if account in wanted:
        old = wanted[account]
        start, end = min(start, old[0]), max(end, old[1])
    wanted[account] = (start, end)


def _result(seeds, sweep: _Sweep, level, missing, rules: Rules, classify, reads: int) -> Trace:
    accounts: dict[str, AccountSummary] = {}
    for account, number in level.items():
        accounts[account] = AccountSummary(account, number, has_statement=account in sweep.rows)
    for edge in sweep.edges:
        if edge.target in (CASH, UNKNOWN):
            edge.level = level.get(edge.source, 0) + 1
            edge.stop = CASH_OUT if edge.target == CASH else "去向不明"
            continue
        summary = accounts[edge.target]
        edge.level = summary.level
        summary.received += edge.traced_total
        if edge.target_name and not summary.name:
            summary.name = edge.target_name
        if edge.source != VICTIM:
            accounts[edge.source].sent += edge.traced_total
    for summary in accounts.values():
        if summary.has_statement:
            summary.remaining = sweep.remaining(summary.account)
            summary.left_quickly = sweep.quick.get(summary.account, 0)
            if summary.level > rules.hop_limit:
                summary.stop = BEYOND
        elif classify(summary.name, summary.account):
            summary.stop = PAYMENT
        elif summary.account in missing:
            summary.stop = NO_STATEMENT
        elif summary.level > rules.hop_limit:
            summary.stop = BEYOND
        else:
            summary.stop = BELOW
        summary.tags = funds_rules.account_tags(
            summary.received,
            summary.sent,
            summary.remaining,
            summary.left_quickly,
            rules.quick_pct,
            rules.settle_pct,
        )
    for edge in sweep.edges:
        if edge.target in accounts:
            edge.stop = accounts[edge.target].stop
    edges = sorted(sweep.edges, key=lambda e: (e.level, e.at, e.source, e.target))
    return Trace(rules, list(seeds), edges, accounts, reads)
