"""The rules fed from a real ledger: the outcomes `fanzha escalations` lists."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from fanzha.assessment.escalations import NamedUnit, month_end, record_bulletin_notices, run_escalations
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


def _issue(stations, month, document):
    """What issuing a monthly 通报 that names vC first on 发案数 records."""
    named = [NamedUnit(stations["vC"].pk, "village", 1, 4, 0)]
    return record_bulletin_notices(Period.parse(month), document, month_end(Period.parse(month)), named)


def test_g1_third_notice_lists_the_village(stations):
    for number, month in enumerate(("2024-01", "2024-02"), start=1):
        add_cases(stations["vC"], f"{month}-10", 4)
        _issue(stations, month, f"〔2024〕第{number}期")
    assert not [r for r in _escalations("2024-02") if r["kind"] == "listed_for_rectification"]
    add_cases(stations["vC"], "2024-03-10", 4)
    _issue(stations, "2024-03", "〔2024〕第3期")
    listed = [r for r in _escalations("2024-03") if r["kind"] == "listed_for_rectification"]
    assert [(r["code"], r["period"]) for r in listed] == [("900100C", "2024")]
    assert "被通报3次" in listed[0]["reason"]


def test_no_ranking_notice_without_an_issued_bulletin(stations):
    """The rules alone never write a 排名通报: three months at the top of the village ranking with no
    通报 issued list nothing for 挂牌整治."""
    config.change("bulletin.top_n", 1)
    for month in ("01", "02", "03"):
        add_cases(stations["vC"], f"2024-{month}-10", 4)
    assert not [r for r in _escalations("2024-03") if r["kind"] == "listed_for_rectification"]
    assert not Notice.objects.filter(kind="ranking").exists()


def test_a_ranking_notice_needs_its_document(stations):
    with pytest.raises(IntegrityError), transaction.atomic():
        Notice.objects.create(
            org=stations["vC"], kind="ranking", period="2024-01", issued_on=date(2024, 1, 31), reason="x"
        )
    assert _issue(stations, "2024-01", "〔2024〕第1期") == 1
    notice = Notice.objects.get()
    assert (notice.document, notice.position) == ("〔2024〕第1期", 1)
    assert notice.reason == "2024年1月村(社区)发案数排名第1（4起，损失0.00万元），见〔2024〕第1期通报"
    assert _issue(stations, "2024-01", "〔2024〕第1期") == 0


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
