"""The plans' prevention quotas with their worked examples (docs/outreach.md)."""

from datetime import date
from decimal import Decimal

import pytest

from fanzha.prevention import rules


@pytest.mark.parametrize(("sent", "meets"), [(9000, True), (8999, False), (10000, True)])
def test_sms_ninety_percent_is_inclusive(sent, meets):
    assert rules.sms_meets(sent, 10000) is meets


def test_sms_threshold_is_configurable():
    assert rules.sms_meets(8500, 10000, minimum_pct=85) and not rules.sms_meets(8499, 10000, minimum_pct=85)


@pytest.mark.parametrize(
    ("registered", "pct", "met"),
    [(8000, "80", True), (7999, "80", False), (10000, "100", True), (9999, "100", False)],
)
def test_t13_registration_rates(registered, pct, met):
    assert rules.coverage_met(registered, 10000, Decimal(pct)) is met


def test_no_base_is_unknown():
    assert rules.coverage_met(5, None, Decimal(80)) is None and rules.percent(5, 0) is None


@pytest.mark.parametrize(
    ("actual", "base", "pct", "short"),
    [
        (7999, 10000, "80", 1),
        (8000, 10000, "80", 0),
        (500, 512, "100", 12),
        (0, 3, "80", 3),
        (5, None, "80", None),
    ],
)
def test_how_far_short_of_a_coverage_target(actual, base, pct, short):
    """80 % of 3 households is 2.4: the third household is needed, so 3 short from none."""
    assert rules.coverage_short(actual, base, Decimal(pct)) == short
    if short is not None:
        assert rules.coverage_met(actual + short, base, Decimal(pct))


def test_quota_examples():
    assert not rules.banners_meet(3) and rules.banners_meet(4)
    assert not rules.team_meets(9) and rules.team_meets(10)
    assert not rules.school_activities_meet(1) and rules.school_activities_meet(2)
    assert not rules.sessions_meet(0) and rules.sessions_meet(1)


def test_percent_rounds_half_up():
    assert rules.percent(1, 8) == Decimal("12.5") and rules.percent(1, 6) == Decimal("16.7")
    assert rules.percent(2, 3) == Decimal("66.7") and rules.percent(1, 16) == Decimal("6.3")


@pytest.mark.parametrize(
    ("day", "semester"),
    [
        (date(2024, 3, 1), (date(2024, 2, 1), date(2024, 7, 31))),
        (date(2024, 9, 1), (date(2024, 8, 1), date(2025, 1, 31))),
        (date(2025, 1, 10), (date(2024, 8, 1), date(2025, 1, 31))),
    ],
)
def test_semesters(day, semester):
    assert rules.semester_of(day) == semester


def test_group_stale_after_seven_days():
    created = date(2024, 3, 1)
    assert not rules.group_is_stale(date(2024, 3, 10), created, date(2024, 3, 16))
    assert rules.group_is_stale(date(2024, 3, 10), created, date(2024, 3, 17))
    assert rules.group_is_stale(None, created, date(2024, 3, 8))
