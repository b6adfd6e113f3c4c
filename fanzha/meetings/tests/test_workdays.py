"""The calendar the rule reads: the holiday library (real 放假安排), the office's corrections (latest
row in force, withdrawable), and weekends only beyond the library's years."""

from datetime import date, datetime

import pytest

from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.meetings import queries, services, workdays
from fanzha.meetings.models import DayKind
from fanzha.parameters import config

pytestmark = pytest.mark.django_db


def test_the_library_moves_february_2026_past_the_spring_festival():
    # 春节 2026-02-15 … 02-23; the 20th a holiday → Tuesday the 24th
    assert queries.consultation_day(2026, 2) == date(2026, 2, 24)
    assert workdays.library_holiday_name(date(2026, 2, 20)) == "春节"


def test_a_tiaoxiu_sunday_is_a_working_day():
    # 2026-09-20 is a Sunday worked in lieu of the National Day holiday
    assert queries.consultation_day(2026, 9) == date(2026, 9, 20)
    assert workdays.library_holiday_name(date(2026, 9, 20)) == "国庆节调休上班"


def test_beyond_the_library_weekends_only():
    assert not workdays.covered(workdays.LIBRARY_LAST_YEAR + 1)
    assert workdays.library_working_day(date(2027, 1, 20)) is None
    assert queries.consultation_day(2027, 3) == date(2027, 3, 22)  # Sat 20 → Mon 22


def test_a_correction_moves_the_meeting_and_withdrawing_it_restores_the_library(users):
    admin = users["county_admin"]
    assert queries.consultation_day(2027, 1) == date(2027, 1, 20)  # a Wednesday
    services.correct_day(admin, date(2027, 1, 20), DayKind.HOLIDAY, "本县集中停电检修")
    assert queries.consultation_day(2027, 1) == date(2027, 1, 21)
    services.correct_day(admin, date(2027, 1, 21), DayKind.HOLIDAY, "同上")
    services.correct_day(admin, date(2027, 1, 20), DayKind.LIBRARY, "检修改期")
    assert queries.consultation_day(2027, 1) == date(2027, 1, 20)
    # the office makes a Saturday a 调休 working day in a year the library lacks
    services.correct_day(admin, date(2027, 3, 20), DayKind.WORKDAY, "国务院办公厅通知：3月20日上班")
    assert queries.consultation_day(2027, 3) == date(2027, 3, 20)


def test_a_correction_needs_its_reason(users):
    with pytest.raises(services.MeetingError, match="请写明更正依据"):
        services.correct_day(users["county_admin"], date(2027, 1, 20), DayKind.HOLIDAY, " ")


def test_next_consultation_on_a_moved_clock(users):
    with clock.frozen(datetime(2026, 12, 7, 9, 0, tzinfo=BEIJING)):
        found = queries.next_consultation()
    assert (found.day, found.moved, found.calendar_known) == (date(2026, 12, 21), True, True)  # Sun 20 → Mon
    with clock.frozen(datetime(2026, 12, 22, 9, 0, tzinfo=BEIJING)):
        found = queries.next_consultation()
    assert (found.day, found.moved, found.calendar_known) == (date(2027, 1, 20), False, False)


def test_the_day_of_month_parameter(users):
    config.change("meetings.monthly_day", 10, users["county_admin"])
    assert queries.next_consultation(date(2026, 12, 1)).day == date(2026, 12, 10)
