"""Worked examples of each clock (rules.py), with the values as arguments."""

from datetime import datetime, timedelta

from fanzha.core.periods import BEIJING
from fanzha.strike import rules

T = datetime(2024, 8, 31, 10, 30, tzinfo=BEIJING)


def test_documents_within_24_hours_of_the_provisional_freeze():
    assert rules.documents_due(T) == datetime(2024, 9, 1, 10, 30, tzinfo=BEIJING)
    assert rules.documents_due(T, hours=12) == T + timedelta(hours=12)


def test_a_stop_lasts_48_hours_and_repeats_at_most_twice():
    assert rules.stop_expires(T) == datetime(2024, 9, 2, 10, 30, tzinfo=BEIJING)
    assert [rules.may_repeat_stop(n) for n in (0, 1, 2, 3)] == [True, True, False, False]
    assert rules.may_repeat_stop(2, max_repeats=3) is True


def test_a_freeze_lasts_six_calendar_months():
    assert rules.freeze_expires(T) == datetime(2025, 2, 28, 10, 30, tzinfo=BEIJING)  # 31 Aug → 28 Feb
    assert rules.freeze_expires(datetime(2023, 8, 31, tzinfo=BEIJING)) == datetime(
        2024, 2, 29, tzinfo=BEIJING
    )
    assert rules.freeze_expires(datetime(2024, 1, 15, tzinfo=BEIJING), months=12) == datetime(
        2025, 1, 15, tzinfo=BEIJING
    )


def test_renewal_is_due_ten_days_before_expiry():
    expiry = datetime(2025, 2, 28, 10, 30, tzinfo=BEIJING)
    assert rules.renewal_due(expiry) == datetime(2025, 2, 18, 10, 30, tzinfo=BEIJING)
    assert rules.renewal_due(expiry, days_before=15) == datetime(2025, 2, 13, 10, 30, tzinfo=BEIJING)


def test_unrelated_funds_released_within_three_days():
    assert rules.release_due(T) == datetime(2024, 9, 3, 10, 30, tzinfo=BEIJING)


def test_urgency_colours():
    due = T + timedelta(hours=24)
    assert rules.urgency(due, None, T) == rules.Urgency.LATER
    assert rules.urgency(due, None, due - timedelta(hours=2)) == rules.Urgency.SOON
    assert rules.urgency(due, None, due - timedelta(hours=2, seconds=1)) == rules.Urgency.LATER
    assert rules.urgency(due, None, due) == rules.Urgency.SOON
    assert rules.urgency(due, None, due + timedelta(seconds=1)) == rules.Urgency.OVERDUE
    assert rules.urgency(due, T, due + timedelta(days=9)) == rules.Urgency.MET
    assert rules.urgency(due, None, due - timedelta(hours=3), amber_hours=4) == rules.Urgency.SOON
