"""Reporting periods named as the plans name them: 2024-03 (month), 2024Q1, 2024H1, 2024.
Bounds are aware datetimes at Beijing midnight: a case reported 2024-03-31 23:30 (Beijing) is March."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from fanzha.core import clock

BEIJING = ZoneInfo("Asia/Shanghai")
#: the years a period or a date may name: any ledger fits, and "a year earlier" or "the day after"
#: stays a valid date (year 9999's end would not be)
FIRST_YEAR, LAST_YEAR = 1900, 2100
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})|Q([1-4])|H([12]))?$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    year: int
    first_month: int
    months: int  # 1, 3, 6 or 12

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = _PATTERN.match(str(text).strip().upper())
        if not match:
            raise PeriodError(f"无法识别的期间「{text}」：请写 2024-03、2024Q1、2024H1 或 2024")
        year, month, quarter, half = match.groups()
        year = check_year(int(year), text)
        if month:
            if not 1 <= int(month) <= 12:
                raise PeriodError(f"月份应为 1 到 12：「{text}」")
            return cls(year, int(month), 1)
        if quarter:
            return cls(year, (int(quarter) - 1) * 3 + 1, 3)
        if half:
            return cls(year, 1 if half == "1" else 7, 6)
        return cls(year, 1, 12)

    @classmethod
    def month_of(cls, day: date) -> "Period":
        return cls(day.year, day.month, 1)

    @classmethod
    def last_complete_month(cls) -> "Period":
        """The month just ended (Beijing time): what a bulletin or a figures page shows by default."""
        return cls.month_of(clock.now().astimezone(BEIJING).date()).previous()

    def __str__(self) -> str:
        if self.months == 1:
            return f"{self.year}-{self.first_month:02d}"
        if self.months == 3:
            return f"{self.year}Q{(self.first_month - 1) // 3 + 1}"
        if self.months == 6:
            return f"{self.year}H{1 if self.first_month == 1 else 2}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.months == 1:
            return f"{self.year}年{self.first_month}月"
        if self.months == 3:
            return f"{self.year}年第{(self.first_month - 1) // 3 + 1}季度"
        if self.months == 6:
            return f"{self.year}年{'上' if self.first_month == 1 else '下'}半年"
        return f"{self.year}年"

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.first_month, 1, tzinfo=BEIJING)

    @property
    def end(self) -> datetime:
        """Exclusive upper bound."""
        month_index = self.first_month - 1 + self.months
        return datetime(self.year + month_index // 12, month_index % 12 + 1, 1, tzinfo=BEIJING)

    @property
    def last_day(self) -> date:
        """The period's last calendar day (a DateRange has the same attribute)."""
        return (self.end - timedelta(days=1)).date()

    def previous(self) -> "Period":
        """The period of the same length just before (环比)."""
        month_index = self.year * 12 + self.first_month - 1 - self.months
        return Period(month_index // 12, month_index % 12 + 1, self.months)

    def same_period_last_year(self) -> "Period":
        """同比."""
        return Period(self.year - 1, self.first_month, self.months)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def months_list(self) -> list["Period"]:
        """The months that make up this period, in order."""
        return [Period(self.year, self.first_month + i, 1) for i in range(self.months)]


_RANGE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})\s*(?:\.\.|~|至)\s*(\d{4}-\d{1,2}-\d{1,2})$")


@dataclass(frozen=True)
class DateRange:
    """An arbitrary span of whole days, 2024-03-05..2024-04-10 (both ends included)."""

    first_day: date
    last_day: date

    @property
    def year(self) -> int:
        return self.first_day.year

    def __str__(self) -> str:
        return f"{self.first_day.isoformat()}..{self.last_day.isoformat()}"

    @property
    def label(self) -> str:
        a, b = self.first_day, self.last_day
        return f"{a.year}年{a.month}月{a.day}日至{b.year}年{b.month}月{b.day}日"

    @property
    def start(self) -> datetime:
        return datetime(self.first_day.year, self.first_day.month, self.first_day.day, tzinfo=BEIJING)

    @property
    def end(self) -> datetime:
        after = self.last_day + timedelta(days=1)
        return datetime(after.year, after.month, after.day, tzinfo=BEIJING)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def previous(self) -> "DateRange":
        """The span of the same number of days just before (环比)."""
        return DateRange(self.first_day - timedelta(days=self.days), self.first_day - timedelta(days=1))

    def same_period_last_year(self) -> "DateRange":
        return DateRange(_year_earlier(self.first_day), _year_earlier(self.last_day))


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def parse_period(text: str) -> "Period | DateRange":
    """A named period (2024-03, 2024Q1, 2024H1, 2024) or a date range (2024-03-05..2024-04-10)."""
    match = _RANGE.match(str(text).strip())
    if not match:
        return Period.parse(text)
    try:
        first, last = (date.fromisoformat(_pad(part)) for part in match.groups())
    except ValueError:
        raise PeriodError(f"无法识别的日期范围「{text}」") from None
    check_year(first.year, text)
    check_year(last.year, text)
    if last < first:
        raise PeriodError(f"日期范围「{text}」的结束日期早于开始日期")
    return DateRange(first, last)


def check_year(year: int, text) -> int:
    """The year, if a period or date may name it; PeriodError otherwise."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间：「{text}」")
    return year


def _pad(day: str) -> str:
    year, month, dom = day.split("-")
    return f"{year}-{int(month):02d}-{int(dom):02d}"


def beijing_text(value, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """An aware datetime as Beijing wall time ("" for none): lists, exports and commands show this."""
    from django.utils import timezone

    return timezone.localtime(value).strftime(fmt) if value else ""
