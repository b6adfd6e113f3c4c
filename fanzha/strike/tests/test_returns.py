"""返还 shares: one depositor, by trace, pro rata with the rounding remainder rule."""

import pytest

from fanzha.strike.returns import Claim, Method, ReturnError, shares


def test_one_depositor_directly_up_to_the_loss():
    plan = shares(800_000, [Claim("a", "A1", 1_000_000)])
    assert (plan.method, plan.total_fen, [s.fen for s in plan.shares]) == (Method.DIRECT, 800_000, [800_000])
    assert shares(2_000_000, [Claim("a", "A1", 1_000_000)]).total_fen == 1_000_000


def test_several_traced_by_time():
    plan = shares(900_000, [Claim("a", "A1", 1_000_000, 600_000), Claim("b", "B1", 500_000, 300_000)])
    assert plan.method == Method.TRACE
    assert [s.fen for s in plan.shares] == [600_000, 300_000]
    with pytest.raises(ReturnError, match="超过冻结金额"):
        shares(800_000, [Claim("a", "A1", 1_000_000, 600_000), Claim("b", "B1", 500_000, 300_000)])


def test_pro_rata_half_up_and_the_remainder_to_the_largest_claim():
    # 100.00 元 among losses of 100 元 each: 33.333… → 33.33 each (3333 fen), 1 fen left → the first (a tie)
    plan = shares(10_000, [Claim("a", "A", 10_000), Claim("b", "B", 10_000), Claim("c", "C", 10_000)])
    assert plan.method == Method.PRO_RATA
    assert [s.fen for s in plan.shares] == [3334, 3333, 3333]
    assert "四舍五入后合计差 +1 分，计入被骗金额最大的 A" in plan.arithmetic
    # 0.05 元 between 1:1 → 2.5 fen each → 3 + 3 = 6 (half up): one fen taken back from the largest (first)
    plan = shares(5, [Claim("a", "A", 100), Claim("b", "B", 100)])
    assert [s.fen for s in plan.shares] == [2, 3]
    # 1,000.00 元 among 3,000 and 1,000 元 → 750 and 250
    plan = shares(100_000, [Claim("a", "A", 300_000), Claim("b", "B", 100_000)])
    assert [s.fen for s in plan.shares] == [75_000, 25_000]
    assert "1,000.00元 × 3,000.00元 ÷ 4,000.00元 = 750.0000元 → 750.00元" in plan.arithmetic


def test_pro_rata_when_the_freeze_covers_every_loss():
    plan = shares(1_000_000, [Claim("a", "A", 300_000), Claim("b", "B", 100_000)])
    assert [s.fen for s in plan.shares] == [300_000, 100_000]
    assert plan.total_fen == 400_000


def test_refusals():
    with pytest.raises(ReturnError, match="冻结金额为0"):
        shares(0, [Claim("a", "A", 1)])
    with pytest.raises(ReturnError, match="A：被骗金额应大于0"):
        shares(10, [Claim("a", "A", 0), Claim("b", "B", 3)])
