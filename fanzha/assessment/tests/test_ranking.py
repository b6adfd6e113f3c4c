from decimal import Decimal

from fanzha.assessment.ranking import build_ranking, competition_ranks
from fanzha.cases.tests.builders import add_cases
from fanzha.core.periods import Period
from fanzha.parameters.levels import get_level


def test_ties_share_a_rank_and_the_next_skips():
    assert competition_ranks([5, 9, 5, None, 1]) == [2, 1, 2, None, 4]


def _march(stations):
    add_cases(stations["vA"], "2024-03-05", 30, loss_yuan=10000)
    add_cases(stations["vB"], "2024-03-06", 12, loss_yuan=5000)
    add_cases(stations["vC"], "2024-03-31", 9, loss_yuan=1000)
    add_cases(stations["vD"], "2024-03-10", 2)
    return build_ranking(get_level("station"), Period.parse("2024-03"))


def test_k1_cases_per_10k_ranks_b_first_though_a_leads_on_cases(stations):
    ranking = _march(stations)
    rows = {r.code: r for r in ranking.rows}
    assert rows["900SA"].per_10k == Decimal("5.00")
    assert rows["900SB"].per_10k == Decimal("6.00")
    assert rows["900SC"].per_10k == Decimal("3.00")
    assert [r.code for r in ranking.top("cases")] == ["900SA"]
    assert [r.code for r in ranking.top("per_10k")] == ["900SB"]
    assert rows["900SA"].ranks == {"cases": 1, "loss": 1, "per_10k": 2}


def test_k2_a_station_without_population_is_flagged_and_not_ranked(stations):
    row = next(r for r in _march(stations).rows if r.code == "900SD")
    assert row.per_10k is None and row.ranks["per_10k"] is None
    assert row.as_json()["population_missing"] is True
    assert row.ranks["cases"] == 4


def test_json_fields_year_on_year_and_previous(stations):
    add_cases(stations["vA"], "2023-03-02", 20, loss_yuan=20000)
    add_cases(stations["vA"], "2024-02-02", 10)
    data = next(r for r in _march(stations).rows if r.code == "900SA").as_json()
    assert data["cases"] == 30 and data["loss_yuan"] == "300000.00"
    assert data["cases_last_year"] == 20 and data["cases_yoy_pct"] == "50.0"
    assert data["loss_last_year_yuan"] == "400000.00" and data["loss_yoy_pct"] == "-25.0"
    assert data["cases_previous"] == 10 and data["cases_mom_pct"] == "200.0"
    assert data["cases_per_10k"] == "5.00"
    b = next(r for r in _march(stations).rows if r.code == "900SB").as_json()
    assert b["cases_yoy_pct"] is None  # no cases last year: undefined, not infinite


def test_withdrawn_cases_do_not_count_by_default(stations):
    add_cases(stations["vC"], "2024-03-03", 2, status="withdrawn")
    rows = {r.code: r for r in _march(stations).rows}
    assert rows["900SC"].current.cases == 9


def test_notability_flags_a_jump_against_the_units_own_history(stations):
    for month in range(1, 13):
        add_cases(stations["vC"], f"2023-{month:02d}-15", 2)
    rows = {r.code: r for r in _march(stations).rows}
    assert rows["900SC"].notability.key == "high"  # 9 against about 2 a month
    assert "显著偏高" in rows["900SC"].as_json()["notability_text"]


def test_month_follows_beijing_time(stations):
    """2024-03-31 23:30 Beijing is 15:30 UTC on the 31st, and 2024-04-01 00:30 Beijing is still
    March in UTC: the month is Beijing's."""
    from datetime import datetime

    from fanzha.cases.models import Case
    from fanzha.core.periods import BEIJING

    late, early = add_cases(stations["vA"], "2024-03-31", 2)
    Case.objects.filter(pk=late.pk).update(reported_at=datetime(2024, 3, 31, 23, 30, tzinfo=BEIJING))
    Case.objects.filter(pk=early.pk).update(reported_at=datetime(2024, 4, 1, 0, 30, tzinfo=BEIJING))
    level = get_level("station")
    march = next(r for r in build_ranking(level, Period.parse("2024-03")).rows if r.code == "900SA")
    april = next(r for r in build_ranking(level, Period.parse("2024-04")).rows if r.code == "900SA")
    assert (march.current.cases, april.current.cases) == (1, 1)


def test_monthly_rankings_agree_with_one_month_at_a_time(stations):
    from fanzha.assessment.monthly import month_range
    from fanzha.assessment.ranking import build_monthly_rankings

    for month, count in (("2023-03", 2), ("2023-12", 4), ("2024-01", 3), ("2024-02", 7), ("2024-03", 1)):
        add_cases(stations["vA"], f"{month}-15", count, loss_yuan=300)
        add_cases(stations["vB"], f"{month}-20", count + 1, loss_yuan=100)
    level = get_level("station")
    months = month_range(Period.parse("2024-01"), Period.parse("2024-03"))
    for series in build_monthly_rankings(level, months):
        single = build_ranking(level, series.period)
        assert [r.as_json() for r in series.rows] == [r.as_json() for r in single.rows]
