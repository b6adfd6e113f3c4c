"""The working-day calendar the meeting rule reads: the maintained holiday library `chinesecalendar`
(MIT; the State Council's 放假安排 from 2004 to the last year it ships) and the office's corrections
(HolidayOverride, the latest row per day in force). Beyond the library's years only weekends are
known, and `covered()` says so, so that the pages can tell the office to enter that year's 放假安排."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

from fanzha.meetings import rules
from fanzha.meetings.models import DayKind, HolidayOverride

LIBRARY_NAME = f"chinesecalendar {chinese_calendar.__version__}"
_YEARS = sorted({d.year for d in (*chinese_calendar.holidays, *chinese_calendar.workdays)})
LIBRARY_FIRST_YEAR, LIBRARY_LAST_YEAR = _YEARS[0], _YEARS[-1]
HOLIDAY_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}


def covered(year: int) -> bool:
    """Does the library hold that year's 放假安排?"""
    return LIBRARY_FIRST_YEAR <= year <= LIBRARY_LAST_YEAR


def library_working_day(day: date) -> bool | None:
    """The library's answer, or None beyond its years."""
    if not covered(day.year):
        return None
    return chinese_calendar.is_workday(day)


def library_holiday_name(day: date) -> str:
    if not covered(day.year):
        return ""
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    if not name:
        return ""
    return HOLIDAY_NAMES.get(name, name) + ("" if on_holiday else "调休上班")


def corrections(first: date, last: date) -> dict[date, HolidayOverride]:
    """The correction in force for each corrected day between first and last (withdrawn ones left out)."""
    latest: dict[date, HolidayOverride] = {}
    for row in HolidayOverride.objects.filter(day__gte=first, day__lte=last).order_by("day", "id"):
        latest[row.day] = row
    return {day: row for day, row in latest.items() if row.kind != DayKind.LIBRARY}


@dataclass
class Calendar:
    """Working days from `first` on (corrections read once)."""

    first: date
    last: date
    corrected: dict[date, HolidayOverride] = field(default_factory=dict)

    @classmethod
    def around(cls, first: date, days: int = 400) -> "Calendar":
        last = first + timedelta(days=days)
        return cls(first, last, corrections(first, last))

    def is_working_day(self, day: date) -> bool:
        row = self.corrected.get(day)
        corrected = None if row is None else row.kind == DayKind.WORKDAY
        return rules.working_day(day, corrected, library_working_day(day))


@dataclass
class Day:
    day: date
    working: bool
    library: bool | None
    holiday_name: str
    correction: HolidayOverride | None

    @property
    def weekend(self) -> bool:
        return self.day.weekday() >= 5

    @property
    def state(self) -> str:
        """holiday (a day off that is no plain weekend), weekend, tiaoxiu (a weekend worked) or workday."""
        if self.working:
            return "tiaoxiu" if self.weekend else "workday"
        plain_weekend = self.weekend and not self.holiday_name and self.correction is None
        return "weekend" if plain_weekend else "holiday"


def year_days(year: int) -> list[Day]:
    """Every day of the year with what the library says, the correction in force, and the result."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    corrected = corrections(first, last)
    days, day = [], first
    while day <= last:
        row = corrected.get(day)
        library = library_working_day(day)
        working = rules.working_day(day, None if row is None else row.kind == DayKind.WORKDAY, library)
        days.append(Day(day, working, library, library_holiday_name(day), row))
        day += timedelta(days=1)
    return days
