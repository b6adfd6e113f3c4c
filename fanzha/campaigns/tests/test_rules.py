"""The campaign rules' worked examples (docs/coordination.md)."""

from datetime import date

from fanzha.campaigns import rules


def test_a_milestone_is_on_time_through_its_deadline_day_and_late_the_day_after():
    deadline = date(2026, 2, 28)
    assert rules.milestone_state(False, False, deadline, date(2026, 2, 28)) == rules.DUE
    assert rules.milestone_state(False, False, deadline, date(2026, 3, 1)) == rules.LATE


def test_a_waiting_report_is_late_too_once_the_deadline_has_passed():
    deadline = date(2026, 2, 28)
    assert rules.milestone_state(False, True, deadline, date(2026, 2, 27)) == rules.WAITING
    assert rules.milestone_state(False, True, deadline, date(2026, 3, 1)) == rules.LATE


def test_an_accepted_milestone_is_done_whatever_the_day():
    assert rules.milestone_state(True, True, date(2026, 2, 28), date(2026, 12, 31)) == rules.DONE


def test_due_soon_counts_today_and_the_next_days():
    today = date(2026, 2, 21)
    assert rules.due_soon(date(2026, 2, 28), today, 7)
    assert not rules.due_soon(date(2026, 3, 1), today, 7)
    assert rules.due_soon(date(2026, 2, 1), today, 0)  # late: always listed


def test_the_three_standard_phases_cover_the_campaign_without_gaps():
    phases = rules.split_phases(date(2026, 1, 1), date(2026, 6, 30))
    assert [p[0] for p in phases] == ["动员部署", "集中攻坚", "总结验收"]
    assert phases[0][1] == date(2026, 1, 1) and phases[-1][2] == date(2026, 6, 30)
    assert phases[0][2] == date(2026, 1, 30) and phases[1][1] == date(2026, 1, 31)
    assert phases[1][2] == date(2026, 5, 31) and phases[2][1] == date(2026, 6, 1)


def test_a_campaign_of_two_days_is_one_phase():
    assert rules.split_phases(date(2026, 1, 1), date(2026, 1, 2)) == [
        ("集中攻坚", date(2026, 1, 1), date(2026, 1, 2))
    ]
