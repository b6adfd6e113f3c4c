"""Hand-built statements with known answers: the figures below are worked out by hand in each
docstring, for each method."""

from datetime import datetime, timedelta
from itertools import count

import pytest

from fanzha.core.periods import BEIJING
from fanzha.funds import tracing
from fanzha.funds.tracing import Movement, Rules, Seed

_ids = count(1)
DAY = datetime(2024, 3, 5, tzinfo=BEIJING)


def at(hhmm: str, second: int = 0) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return DAY.replace(hour=hours, minute=minutes, second=second)


def rows(account: str, opening: int, *entries) -> list[Movement]:
    """entries: (time, direction, yuan, counterparty[, name[, cash]]) → movements with a running balance."""
    balance, made = opening * 100, []
    for seq, entry in enumerate(entries):
        time, direction, yuan, other, *rest = entry
        name = rest[0] if rest else ""
        cash = rest[1] if len(rest) > 1 else False
        balance += yuan * 100 if direction == "in" else -yuan * 100
        when = at(time) if isinstance(time, str) else time
        made.append(
            Movement(next(_ids), account, when, seq, direction, yuan * 100, other, name, balance, cash)
        )
    return made


def fetcher(statements: dict[str, list[Movement]], log: list | None = None):
    def fetch(account, start, end):
        if log is not None:
            log.append(account)
        if account not in statements:
            return None
        return [m for m in statements[account] if start <= m.at <= end]

    return tracing.one_by_one(fetch)


def yuan(fen: int) -> int:
    assert fen % 100 == 0
    return fen // 100


def by_account(trace) -> dict[str, int]:
    return {a: yuan(s.received) for a, s in trace.accounts.items()}


SPLIT = {
    "A": rows(
        "A",
        1000,
        ("14:22", "in", 5000, "V"),
        ("14:31", "out", 3000, "B"),
        ("14:35", "in", 2000, "X"),
        ("14:40", "out", 2500, "C"),
    ),
    "B": rows("B", 0, ("14:31", "in", 3000, "A"), ("14:33", "out", 3000, "", "", True)),
    # C: no statement yet
}
SPLIT_SEED = [Seed("本案", "A", at("14:22"), 500_000)]


@pytest.mark.parametrize(
    "method, b, c, left_in_a, level2",
    [
        # FIFO: lots [期初1,000, 受害人5,000]; 3,000 to B = 1,000 期初 + 2,000 本案; then +2,000 clean;
        # 2,500 to C all 本案 (3,000 left of it) → 500 stays in A
        ("fifo", 2000, 2500, 500, 4500),
        # LIFO: 3,000 to B all 本案 (newest); +2,000 clean; 2,500 to C = 2,000 clean + 500 本案 → 1,500 stays
        ("lifo", 3000, 500, 1500, 3500),
        # pro rata: 3,000 × 5,000/6,000 = 2,500 to B; pool 2,500 本案 + 2,500 clean; C gets half of 2,500
        ("prorata", 2500, 1250, 1250, 3750),
    ],
)
def test_split_transfers_cash_and_missing_statement(method, b, c, left_in_a, level2):
    trace = tracing.trace(SPLIT_SEED, fetcher(SPLIT), Rules(method=method, threshold=100))
    assert by_account(trace) == {"A": 5000, "B": b, "C": c}
    assert trace.level_amounts() == {1: 500_000, 2: level2 * 100}
    assert yuan(trace.accounts["A"].remaining) == left_in_a
    assert trace.accounts["C"].stop == tracing.NO_STATEMENT
    cash = [e for e in trace.edges if e.target == tracing.CASH]
    assert [(e.source, yuan(e.traced_total), e.stop) for e in cash] == [("B", b, tracing.CASH_OUT)]
    assert all(e.method == method for e in trace.edges if e.source != tracing.VICTIM)
    # the money is all somewhere: still in A, taken in cash from B, or gone to C (whose statement is awaited)
    assert left_in_a + b + c == 5000
    assert [s.account for s in trace.statement_requests()] == ["C"]
    assert [(s.account, yuan(trace.freezable(s))) for s in trace.freeze_candidates()] == sorted(
        [("A", left_in_a), ("C", c)], key=lambda x: -x[1]
    )


def test_every_hop_explained_in_words():
    trace = tracing.trace(SPLIT_SEED, fetcher(SPLIT), Rules(method="lifo", threshold=100))
    to_b = next(e for e in trace.edges if e.target == "B")
    assert tracing.explain(to_b) == (
        "2024-03-05 14:22 受害人转入A账户5,000元；A于14:31转出3,000元至B（后进先出，归属本案3,000元）"
    )
    cash = next(e for e in trace.edges if e.target == tracing.CASH)
    assert tracing.explain(cash, name=lambda a: f"{a}卡") == (
        "2024-03-05 14:31 A卡转入B卡账户3,000元；B卡于14:33支取现金3,000元（后进先出，归属本案3,000元）"
    )


def test_same_second_rows_follow_the_balance_chain_order():
    """A: +1,000 本案 at 10:00; at 10:05:00 +400 from X (seq 0) then −1,200 to B (seq 1). FIFO: 1,000 本案
    + 200 of X's → B gets 1,000; LIFO: X's 400 + 800 本案 → B gets 800."""
    statements = {
        "A": rows("A", 0, ("10:00", "in", 1000, "V"), ("10:05", "in", 400, "X"), ("10:05", "out", 1200, "B")),
        "B": rows("B", 0, ("10:05", "in", 1200, "A")),
    }
    seeds = [Seed("本案", "A", at("10:00"), 100_000)]
    fifo = tracing.trace(seeds, fetcher(statements), Rules(method="fifo", threshold=100))
    lifo = tracing.trace(seeds, fetcher(statements), Rules(method="lifo", threshold=100))
    assert by_account(fifo) == {"A": 1000, "B": 1000}
    assert by_account(lifo) == {"A": 1000, "B": 800}
    assert yuan(lifo.accounts["A"].remaining) == 200
    assert fifo.accounts["B"].tags == ["沉淀"]


def test_money_that_comes_back():
    """A gets 10,000 at 09:00, sends it all to B at 09:10; B returns 4,000 to A at 09:20 and sends 6,000 to
    C at 09:25 (C keeps it); A sends the 4,000 to D at 09:30 (no statement). Every method gives the same,
    as each outflow here takes all the money there is."""
    statements = {
        "A": rows(
            "A",
            0,
            ("09:00", "in", 10000, "V"),
            ("09:10", "out", 10000, "B"),
            ("09:20", "in", 4000, "B"),
            ("09:30", "out", 4000, "D"),
        ),
        "B": rows(
            "B", 0, ("09:10", "in", 10000, "A"), ("09:20", "out", 4000, "A"), ("09:25", "out", 6000, "C")
        ),
        "C": rows("C", 0, ("09:25", "in", 6000, "B")),
    }
    seeds = [Seed("本案", "A", at("09:00"), 1_000_000)]
    for method in tracing.METHODS:
        trace = tracing.trace(seeds, fetcher(statements), Rules(method=method, threshold=100))
        levels = {a: s.level for a, s in trace.accounts.items()}
        assert levels == {"A": 1, "B": 2, "C": 3, "D": 2}
        assert by_account(trace) == {"A": 14000, "B": 10000, "C": 6000, "D": 4000}
        # into level 2: B's 10,000 and D's 4,000 (the 4,000 that came back to A is counted again)
        assert trace.level_amounts() == {1: 1_000_000, 2: 1_400_000, 3: 600_000}
        assert yuan(trace.accounts["C"].remaining) == 6000
        assert yuan(trace.accounts["A"].remaining) == 0 and yuan(trace.accounts["B"].remaining) == 0
        # conserved: 6,000 sits in C, 4,000 went to D
        assert [(s.account, yuan(trace.freezable(s))) for s in trace.freeze_candidates()] == [
            ("C", 6000),
            ("D", 4000),
        ]


TWO_VICTIMS = {
    "M": rows(
        "M",
        0,
        ("10:00", "in", 3000, "V1"),
        ("10:10", "in", 5000, "V2"),
        ("10:20", "out", 4000, "N"),
        ("10:30", "out", 4000, "P"),
    ),
}
SEEDS_TWO = [Seed("案1", "M", at("10:00"), 300_000), Seed("案2", "M", at("10:10"), 500_000)]


@pytest.mark.parametrize(
    "method, to_n, to_p",
    [
        ("fifo", {"案1": 3000, "案2": 1000}, {"案2": 4000}),
        ("lifo", {"案2": 4000}, {"案2": 1000, "案1": 3000}),
        ("prorata", {"案1": 1500, "案2": 2500}, {"案1": 1500, "案2": 2500}),
    ],
)
def test_two_victims_through_one_mule_account(method, to_n, to_p):
    trace = tracing.trace(SEEDS_TWO, fetcher(TWO_VICTIMS), Rules(method=method, threshold=100))
    edges = {e.target: {k: yuan(v) for k, v in e.traced.items()} for e in trace.edges if e.source == "M"}
    assert edges.get("N", {}) == to_n
    assert edges.get("P", {}) == to_p
    # one case traced alone: the other victim's money is simply not its own; its figures do not change
    alone = tracing.trace(SEEDS_TWO[:1], fetcher(TWO_VICTIMS), Rules(method=method, threshold=100))
    alone_edges = {e.target: yuan(e.traced_total) for e in alone.edges if e.source == "M"}
    assert alone_edges == {k: v["案1"] for k, v in (("N", to_n), ("P", to_p)) if "案1" in v}
    assert sorted(s.account for s in trace.statement_requests()) == (["N", "P"] if to_p else ["N"])


def test_pro_rata_shares_whole_fen_and_conserves():
    """10.00 into an account holding 20.00 of other money; 10.01 out: 10.01 × 10/30 = 3.3366… → 3.34 本案."""
    statements = {
        "A": [
            Movement(1, "A", at("10:00"), 0, "in", 1000, "V", "", 3000),
            Movement(2, "A", at("10:01"), 1, "out", 1001, "B", "", 1999),
        ]
    }
    trace = tracing.trace(
        [Seed("k", "A", at("10:00"), 1000)], fetcher(statements), Rules(method="prorata", threshold=1)
    )
    assert trace.accounts["B"].received == 334
    assert trace.accounts["A"].remaining == 1000 - 334
    assert tracing.split(7, {"a": 1, "b": 1, "c": 1}) == {"a": 3, "b": 2, "c": 2}


def test_stops_at_hop_limit_threshold_and_payment_institution():
    chain = {
        "A": rows("A", 0, ("09:00", "in", 1000, "V"), ("09:01", "out", 900, "B"), ("09:02", "out", 50, "S")),
        "B": rows(
            "B",
            0,
            ("09:01", "in", 900, "A"),
            ("09:03", "out", 800, "C"),
            ("09:04", "out", 100, "T", "财付通支付科技有限公司"),
        ),
        "C": rows("C", 0, ("09:03", "in", 800, "B"), ("09:05", "out", 800, "D")),
        "D": rows("D", 0, ("09:05", "in", 800, "C"), ("09:06", "out", 800, "E")),
        "S": rows("S", 0, ("09:02", "in", 50, "A")),
        "T": rows("T", 0, ("09:04", "in", 100, "B")),
    }
    read: list[str] = []
    trace = tracing.trace(
        [Seed("k", "A", at("09:00"), 100_000)], fetcher(chain, read), Rules(threshold=10_000)
    )
    stops = {a: (s.level, s.stop) for a, s in trace.accounts.items()}
    assert stops == {
        "A": (1, ""),
        "B": (2, ""),
        "C": (3, ""),
        "D": (4, tracing.BEYOND),
        "S": (2, tracing.BELOW),
        "T": (3, tracing.PAYMENT),
    }
    assert sorted(set(read)) == ["A", "B", "C"]  # D beyond the limit, S below 100 元, T a payment institution
    assert [s.account for s in trace.statement_requests()] == ["T"]


def test_outflow_never_exceeds_what_reached_the_account():
    """A statement with no balance column and a missing row: 300 out of an account that showed 100 in."""
    statements = {
        "A": [
            Movement(1, "A", at("10:00"), 0, "in", 10_000, "V"),
            Movement(2, "A", at("10:10"), 1, "out", 30_000, "B"),
        ]
    }
    trace = tracing.trace([Seed("k", "A", at("10:00"), 10_000)], fetcher(statements), Rules(threshold=1))
    assert trace.accounts["B"].received == 10_000


def test_the_window_bounds_the_next_hop():
    """An outflow four days after the inflow is not followed (72-hour window): the money stays."""
    late = DAY + timedelta(days=4)
    statements = {"A": rows("A", 0, ("10:00", "in", 1000, "V"), (late, "out", 1000, "B"))}
    trace = tracing.trace([Seed("k", "A", at("10:00"), 100_000)], fetcher(statements), Rules())
    assert set(trace.accounts) == {"A"}
    assert trace.accounts["A"].remaining == 100_000


def test_unknown_method_refused():
    with pytest.raises(ValueError, match="未知的追踪方法"):
        tracing.trace(SPLIT_SEED, fetcher(SPLIT), Rules(method="poison"))
