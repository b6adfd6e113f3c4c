"""The clue rules, worked examples (clues/rules.py)."""

from datetime import date

from fanzha.clues import rules
from fanzha.clues.rules import Candidate

NAMES = {1: "城关派出所", 2: "河东派出所"}


def test_deadline_defaults_to_received_plus_the_parameter():
    assert rules.default_deadline(date(2026, 12, 7)) == date(2026, 12, 10)  # Monday → Thursday
    assert rules.default_deadline(date(2026, 12, 30), 5) == date(2027, 1, 4)


def test_one_case_assigns_to_its_station():
    choice = rules.assign([Candidate("case", 7, 1, date(2026, 3, 1))], NAMES)
    assert (choice.station_id, choice.assigned_by) == (1, "case")
    assert choice.note == "匹配1条案件记录，分配至城关派出所"


def test_several_cases_assign_to_the_most_recent_and_say_so():
    found = [
        Candidate("case", 7, 1, date(2026, 3, 1)),
        Candidate("case", 8, 2, date(2026, 11, 2)),
        Candidate("case", 9, 1, date(2025, 1, 1)),
        Candidate("key_person", 3, 1, date(2026, 12, 1)),
    ]
    choice = rules.assign(found, NAMES)
    assert (choice.station_id, choice.assigned_by) == (2, "case")
    assert choice.note == "匹配3条案件记录，涉及2个派出所，按最近一条（2026-11-02的案件）分配至河东派出所"


def test_no_case_then_key_person_then_household():
    person = Candidate("key_person", 3, 2, date(2024, 1, 1))
    household = Candidate("household", 4, 1, None)
    assert rules.assign([household, person], NAMES).station_id == 2
    assert rules.assign([household], NAMES).assigned_by == "household"


def test_nothing_matched_or_no_station_goes_to_the_county_queue():
    assert rules.assign([], NAMES).station_id is None
    orphan = rules.assign([Candidate("case", 7, None, date(2026, 3, 1))], NAMES)
    assert (orphan.station_id, orphan.assigned_by) == (None, "county")


def test_urgency_red_past_amber_within_a_day():
    today = date(2026, 12, 7)
    assert rules.urgency(date(2026, 12, 6), today, True) == "overdue"
    assert rules.urgency(date(2026, 12, 7), today, True) == "due_soon"
    assert rules.urgency(date(2026, 12, 8), today, True) == "due_soon"
    assert rules.urgency(date(2026, 12, 9), today, True) == ""
    assert rules.urgency(date(2026, 12, 1), today, False) == ""


def test_on_time_is_by_the_deadline_day():
    assert rules.on_time(date(2026, 12, 7), date(2026, 12, 7))
    assert not rules.on_time(date(2026, 12, 7), date(2026, 12, 8))
    assert not rules.on_time(date(2026, 12, 7), None)
