"""docs/assessment.md (目标任务): T1/T2, T3, T5, T7/T8 against a ledger."""

from datetime import datetime
from decimal import Decimal

from fanzha.assessment.models import Target
from fanzha.assessment.targets import allowed_value, judge, target_progress
from fanzha.cases.models import FraudType
from fanzha.cases.tests.builders import add_cases
from fanzha.core.periods import BEIJING

D = Decimal


def test_worked_allowances():
    assert allowed_value(200, D(-40)) == 120  # T5: ≤ 60 % of last year's 200
    assert allowed_value(50, D(-20)) == 40  # T2
    assert allowed_value(30, D(-10)) == 27  # T1
    assert allowed_value(300, D(-30)) == 210  # T3
    assert allowed_value(40, D(-10)) == 36  # T7
    assert allowed_value(76, D(-5)) == D("72.2")  # T8: 72 cases meet it, 73 do not


def test_t5_by_end_of_june(stations):
    add_cases(stations["vA"], "2023-05-01", 200)
    add_cases(stations["vA"], "2024-03-01", 121)
    target = Target.objects.create(
        name="至6月底不高于上年全年60%",
        scope=stations["town"],
        period="2024H1",
        comparison="last_year_total",
        change_pct=-40,
    )
    [progress] = target_progress(target, now=datetime(2024, 8, 1, tzinfo=BEIJING))
    assert (progress.actual, progress.allowed, progress.state) == (121, 120, "missed")


def test_t1_four_types_per_station_and_at_risk_mid_period(stations):
    four = FraudType.objects.filter(name__in=["虚假网络贷款", "虚假网络投资理财", "刷单返利", "网购退赔"])
    add_cases(stations["vA"], "2023-02-01", 30)
    add_cases(stations["vA"], "2024-01-10", 20)
    add_cases(stations["vA"], "2024-01-11", 50, fraud_type=FraudType.objects.get(name="冒充公检法"))
    target = Target.objects.create(
        name="一季度四类案件同比下降10%",
        scope=stations["root"],
        level="station",
        period="2024Q1",
        comparison="yoy",
        change_pct=-10,
    )
    target.fraud_types.set(four)
    rows = {p.org.code: p for p in target_progress(target, now=datetime(2024, 2, 15, tzinfo=BEIJING))}
    a = rows["900SA"]
    assert (a.actual, a.base, a.allowed) == (20, 30, 27)
    assert a.state == "at_risk" and a.projected > 27  # 20 in half the quarter → about 40


def test_judge_states():
    assert judge(72, D("72.2"), D(1)) == ("met", None)
    assert judge(73, D("72.2"), D(1)) == ("missed", None)
    assert judge(30, D(27), D("0.5"))[0] == "exceeded"
    assert judge(10, D(27), D("0.5")) == ("on_track", D("20.0"))


def test_loss_targets_show_yuan():
    from fanzha.assessment.targets import Progress

    shown = Progress(None, 1_000_000, 2_000_000, D(1_600_000), "met", None, "loss").display
    assert shown["actual"] == "10,000.00元" and shown["allowed"] == "16,000.00元"
    assert Progress(None, 72, 76, D("72.2"), "met", None).display["allowed"] == "72.2"
