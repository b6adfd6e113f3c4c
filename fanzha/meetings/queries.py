"""What other apps (the home page, a reminder cron) read from meetings: the next 研判会商's date."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.meetings import rules, workdays
from fanzha.parameters import config


@dataclass(frozen=True)
class NextMeeting:
    day: date
    moved: bool  # not on the monthly day: a weekend or holiday moved it
    calendar_known: bool  # False: the holiday library has no data for that year; weekends only

    @property
    def weekday(self) -> str:
        return "一二三四五六日"[self.day.weekday()]


def today() -> date:
    return clock.now().astimezone(BEIJING).date()


def consultation_day(year: int, month: int, calendar: workdays.Calendar | None = None) -> date:
    """The 研判会商 of that month under the rule parameter and the calendar in force."""
    calendar = calendar or workdays.Calendar.around(date(year, month, 1), days=120)
    day_of_month = config.current()["meetings.monthly_day"]
    return rules.monthly_meeting_day(year, month, calendar.is_working_day, day_of_month)


def next_consultation(on: date | None = None) -> NextMeeting:
    """The next monthly 研判会商 on or after `on` (today in Beijing)."""
    on = on or today()
    calendar = workdays.Calendar.around(date(on.year, on.month, 1), days=120)
    this_month = consultation_day(on.year, on.month, calendar)
    year, month = rules.next_meeting_month(on, this_month)
    day = consultation_day(year, month, calendar)
    monthly = min(config.current()["meetings.monthly_day"], monthrange(year, month)[1])
    return NextMeeting(day, day != date(year, month, monthly), workdays.covered(day.year))
