"""The meeting-date rule of 000 篇二, as a pure function over a working-day test (calendar.py reads the
holiday library and the office's corrections into that test)."""

from collections.abc import Callable
from datetime import date, timedelta

LOOK_AHEAD_DAYS = 60  # no holiday in any Chinese calendar lasts longer


def working_day(day: date, corrected: bool | None, library: bool | None) -> bool:
    """Is `day` a working day? The office's correction wins; else the holiday library (调休 Saturdays
    are working days, 法定节假日 are not); beyond the library's data, Monday to Friday."""
    if corrected is not None:
        return corrected
    if library is not None:
        return library
    return day.weekday() < 5


def monthly_meeting_day(
    year: int, month: int, is_working_day: Callable[[date], bool], day_of_month: int = 20
) -> date:
    """研判会商 of the month. 000 篇二: 「每月20日(如遇節假日,順延至節假日后首個工作日)」 — on the 20th
    (规则参数 `meetings.monthly_day`, default 20); when that day is not a working day (a weekend or a
    holiday), on the first working day after it.

    M1: the 20th is a working day → the 20th. M2: a holiday from the 18th to the 24th → the 25th, if
    that is a working day (a 调休 Saturday counts as one)."""
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    day = date(year, month, min(day_of_month, last))
    for _ in range(LOOK_AHEAD_DAYS):
        if is_working_day(day):
            return day
        day += timedelta(days=1)
    raise ValueError(
        f"{year}年{month}月{day_of_month}日之后{LOOK_AHEAD_DAYS}天内没有工作日，请检查节假日日历"
    )


def next_meeting_month(today: date, meeting_this_month: date) -> tuple[int, int]:
    """The month whose 会商 is the next one: this month's while its day is today or later, else next
    month's."""
    if meeting_this_month >= today:
        return today.year, today.month
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
