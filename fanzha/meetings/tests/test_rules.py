"""The meeting-date rule (000 篇二: 「每月20日(如遇節假日,順延至節假日后首個工作日)」) on the plans'
worked examples M1/M2 (docs/meetings.md), with a calendar written out by hand."""

from datetime import date

import pytest

from fanzha.meetings import rules


def calendar(holidays=(), working_weekends=()):
    """Mon–Fri work, except `holidays`; weekend days in `working_weekends` are 调休 working days."""

    def is_working_day(day: date) -> bool:
        library = None
        if day in holidays:
            library = False
        elif day in working_weekends:
            library = True
        return rules.working_day(day, None, library)

    return is_working_day


def test_m1_the_20th_is_a_working_day():
    # 2024-03-20 is a Wednesday
    assert rules.monthly_meeting_day(2024, 3, calendar()) == date(2024, 3, 20)


def test_m2_a_holiday_from_the_18th_to_the_24th_moves_it_to_the_25th():
    holiday = {date(2024, 3, d) for d in range(18, 25)}  # Mon 18 … Sun 24
    assert rules.monthly_meeting_day(2024, 3, calendar(holiday)) == date(2024, 3, 25)


def test_m2_the_25th_not_a_working_day_either():
    holiday = {date(2024, 4, d) for d in range(18, 25)}  # Thu 18 … Wed 24; the 25th is a Thursday
    assert rules.monthly_meeting_day(2024, 4, calendar(holiday | {date(2024, 4, 25)})) == date(2024, 4, 26)
    holiday = {date(2024, 5, d) for d in range(18, 25)}  # Sat 18 … Fri 24; 25/26 the weekend
    assert rules.monthly_meeting_day(2024, 5, calendar(holiday)) == date(2024, 5, 27)


def test_a_weekend_20th_moves_to_monday():
    assert rules.monthly_meeting_day(2024, 1, calendar()) == date(2024, 1, 22)  # Sat 20 → Mon 22


def test_a_weekend_20th_that_is_a_tiaoxiu_working_day_keeps_the_20th():
    assert rules.monthly_meeting_day(2024, 1, calendar(working_weekends={date(2024, 1, 20)})) == date(
        2024, 1, 20
    )


def test_the_day_of_month_is_a_parameter_and_a_short_month_takes_its_last_day():
    assert rules.monthly_meeting_day(2024, 3, calendar(), day_of_month=15) == date(2024, 3, 15)
    assert rules.monthly_meeting_day(2025, 2, calendar(), day_of_month=30) == date(2025, 2, 28)  # a Friday
    assert rules.monthly_meeting_day(2025, 11, calendar(), day_of_month=31) == date(
        2025, 12, 1
    )  # Sun 30 → Mon


def test_a_correction_beats_the_library_and_the_weekend():
    assert rules.working_day(date(2024, 3, 20), False, True) is False
    assert rules.working_day(date(2024, 1, 20), True, None) is True  # a Saturday made a working day
    assert rules.working_day(date(2024, 1, 20), None, None) is False  # weekends only, beyond the library


def test_a_calendar_with_no_working_day_is_an_error_not_a_loop():
    with pytest.raises(ValueError, match="没有工作日"):
        rules.monthly_meeting_day(2024, 3, lambda day: False)


@pytest.mark.parametrize(
    ("today", "meeting", "expected"),
    [
        (date(2026, 12, 7), date(2026, 12, 21), (2026, 12)),
        (date(2026, 12, 21), date(2026, 12, 21), (2026, 12)),  # the day itself
        (date(2026, 12, 22), date(2026, 12, 21), (2027, 1)),
        (date(2026, 3, 23), date(2026, 3, 20), (2026, 4)),
    ],
)
def test_next_meeting_month(today, meeting, expected):
    assert rules.next_meeting_month(today, meeting) == expected
