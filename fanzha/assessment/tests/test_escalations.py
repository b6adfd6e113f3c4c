"""The rules fed from a real ledger: the outcomes `fanzha escalations` lists."""

import json
from io import StringIO

from django.core.management import call_command

from fanzha.assessment.escalations import run_escalations
from fanzha.assessment.models import Notice, Outcome
from fanzha.cases.tests.builders import add_cases
from fanzha.core.periods import Period
from fanzha.parameters import config


def _escalations(through):
    out = StringIO()
    call_command("escalations", "--through", through, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_e2_on_the_ledger_deputy_chief_then_chief(stations):
    for month in ("01", "02", "03"):
        add_cases(stations["vB"], f"2024-{month}-10", 5, loss_yuan=20000)  # B: 5 of 20,000 people
        add_cases(stations["vA"], f"2024-{month}-10", 3)
    rows = [r for r in _escalations("2024-03") if r["code"] == "900SB"]
    assert [(r["period"], r["kind"]) for r in rows] == [
        ("2024-02", "interview_deputy_chief"),
        ("2024-03", "interview_chief"),
    ]
    assert "连续2个月三项指标处于全县派出所最高位" in rows[0]["reason"]
    assert "万人发案数2.50" in rows[0]["reason"]


def test_e5_reading_any_interviews_both_stations(stations):
    for month in ("01", "02"):
        add_cases(stations["vA"], f"2024-{month}-10", 9)  # A: most cases
        add_cases(stations["vB"], f"2024-{month}-10", 8, loss_yuan=50000)  # B: most loss and per 10k
    assert not [r for r in _escalations("2024-02") if r["kind"].startswith("interview")]
    config.change("interview.reading", "any", note="按单项指标读")
    kinds = {(r["code"], r["kind"]) for r in _escalations("2024-02")}
    assert {("900SA", "interview_deputy_chief"), ("900SB", "interview_deputy_chief")} <= kinds


def test_rerunning_creates_nothing_new(stations):
    for month in ("01", "02"):
        add_cases(stations["vB"], f"2024-{month}-10", 5)
    run_escalations(Period.parse("2024-02"))
    outcomes, notices = Outcome.objects.count(), Notice.objects.count()
    run_escalations(Period.parse("2024-02"))
    assert (Outcome.objects.count(), Notice.objects.count()) == (outcomes, notices)


def test_g1_third_notice_lists_the_village(stations):
    config.change("bulletin.top_n", 1)
    for month in ("01", "02"):
        add_cases(stations["vC"], f"2024-{month}-10", 4)
    assert not [r for r in _escalations("2024-02") if r["kind"] == "listed_for_rectification"]
    add_cases(stations["vC"], "2024-03-10", 4)
    listed = [r for r in _escalations("2024-03") if r["kind"] == "listed_for_rectification"]
    assert [(r["code"], r["period"]) for r in listed] == [("900100C", "2024")]
    assert "被通报3次" in listed[0]["reason"]


def test_g2_major_case_review_is_inclusive(stations):
    add_cases(stations["vA"], "2024-04-01", 1, loss_yuan=500_000)
    add_cases(stations["vA"], "2024-04-02", 1, loss_yuan=499_999)
    reviews = [r for r in _escalations("2024-04") if r["kind"] == "major_case_review"]
    assert len(reviews) == 1 and "50.00万元" in reviews[0]["reason"]


def test_award_ineligibility_at_year_end(stations):
    add_cases(stations["vA"], "2023-05-01", 30, loss_yuan=1000)
    add_cases(stations["vA"], "2024-05-01", 33, loss_yuan=500)  # V1: cases up, loss down
    add_cases(stations["vC"], "2023-05-01", 10)
    add_cases(stations["vC"], "2024-05-01", 5)
    add_cases(stations["vB"], "2023-05-01", 30)
    add_cases(stations["vB"], "2024-05-01", 20)  # B: both down, but 10.00 per 10k, the highest (V2)
    assert not [r for r in _escalations("2024-11") if r["kind"] == "award_ineligible"]
    ineligible = {r["code"] for r in _escalations("2024-12") if r["kind"] == "award_ineligible"}
    assert ineligible == {"900SA", "900SB"}
    Outcome.objects.all().delete()
    config.change("award.rise_reading", "both")
    # A's cases rose but its loss fell; A is not the highest per 10k (A 5.50, B 10.00): eligible now
    assert "900SA" not in {r["code"] for r in _escalations("2024-12") if r["kind"] == "award_ineligible"}
