"""Reporting periods named as the plans name them: 2024-03 (month), 2024Q1, 2024H1, 2024.
Bounds are aware datetimes at Beijing midnight: a case reported 2024-03-31 23:30 (Beijing) is March."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
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
        year = int(year)
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

    def previous(self) -> "Period":
        """The period of the same length just before (环比)."""
        month_index = self.year * 12 + self.first_month - 1 - self.months
        return Period(month_index // 12, month_index % 12 + 1, self.months)

    def same_period_last_year(self) -> "Period":
        """同比."""
        return Period(self.year - 1, self.first_month, self.months)
