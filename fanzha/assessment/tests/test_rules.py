"""docs/rankings-and-bulletins.md, E1–E6, V1–V3, G1–G2: the plan's worked examples, both readings where ambiguous."""

from datetime import date

import pytest

from fanzha.assessment.rules import (
    award_eligibility,
    interview_for_streak,
    listed_for_rectification,
    needs_full_chain_review,
    top_streak,
)

ALL = {"cases", "loss", "per_10k"}


def _interviews(months, reading="all", after="repeat_chief"):
    return [interview_for_streak(top_streak(months[: i + 1], reading), after) for i in range(len(months))]


def test_e1_two_months_at_the_top_interview_the_deputy_chief():
    assert _interviews([ALL, ALL]) == [None, "interview_deputy_chief"]


def test_e2_three_months_then_the_chief():
    assert _interviews([ALL, ALL, ALL]) == [None, "interview_deputy_chief", "interview_chief"]


def test_e3_not_consecutive_no_interview():
    assert _interviews([ALL, set(), ALL]) == [None, None, None]


def test_e4_one_month_no_interview():
    assert _interviews([ALL]) == [None]


def test_e5_top_on_cases_only_depends_on_the_reading():
    p1 = [{"cases"}, {"cases"}]
    p2 = [{"loss", "per_10k"}, {"loss", "per_10k"}]
    assert _interviews(p1, "all") == [None, None]
    assert _interviews(p2, "all") == [None, None]
    assert _interviews(p1, "any") == [None, "interview_deputy_chief"]
    assert _interviews(p2, "any") == [None, "interview_deputy_chief"]


def test_any_reading_needs_the_same_indicator_in_consecutive_months():
    assert _interviews([{"cases"}, {"loss"}], "any") == [None, None]


def test_e6_month_four_is_configurable():
    assert _interviews([ALL] * 4)[-1] == "interview_chief"
    assert _interviews([ALL] * 4, after="once")[-1] is None


def test_v1_cases_up_loss_down_depends_on_the_reading():
    assert award_eligibility(cases_rose=True, loss_rose=False, per_10k_highest=False).ineligible
    assert not award_eligibility(True, False, False, rise_reading="both").ineligible
    assert award_eligibility(True, True, False, rise_reading="both").ineligible


def test_v2_per_10k_highest_disqualifies_alone():
    check = award_eligibility(False, False, True)
    assert check.ineligible and check.reasons == ["万人发案数处在最高位"]


def test_v3_both_down_not_highest_eligible():
    assert not award_eligibility(False, False, False).ineligible


def test_g1_three_notices_list_for_rectification_two_do_not():
    three = [date(2024, 1, 5), date(2024, 3, 5), date(2024, 6, 5)]
    assert listed_for_rectification(three, date(2024, 6, 30))
    assert not listed_for_rectification(three[:2], date(2024, 6, 30))


@pytest.mark.parametrize(
    ("window", "expected"), [("calendar_year", False), ("rolling_12", True), ("cumulative", True)]
)
def test_g1_the_counting_window_is_configurable(window, expected):
    dates = [date(2023, 11, 5), date(2023, 12, 5), date(2024, 2, 5)]
    assert listed_for_rectification(dates, date(2024, 3, 31), window=window) is expected


def test_g2_half_a_million_is_inclusive():
    assert needs_full_chain_review(500_000_00)
    assert not needs_full_chain_review(499_999_00)
    assert needs_full_chain_review(300_000_00, threshold_yuan=300_000)
