"""The documents the plans ask for at each cadence (docs/rankings-and-bulletins.md, 各类周期), all built by the same
machinery: 每日通报, 每周通报 (down to village: 002 「每1周通报各乡镇」), 半月研判, 月报 (the 通报 that names
units), 季度分析 and 年度报告; and the 三告 of 004 that are documents of a period: the public quarterly
通告 (no unit, no case, no personal data) and the annual 报告 to the 党工委 (the 年度报告, addressed).
A cadence says which periods it accepts and which sections it has."""

from dataclasses import dataclass
from datetime import date, timedelta

from fanzha.core import clock
from fanzha.core.periods import BEIJING, DateRange, Period, PeriodError, parse_period


@dataclass(frozen=True)
class Cadence:
    key: str
    label: str  # 每周通报
    title: str  # the document's title after the county's name and before the period
    hint: str  # what to type as the period
    named_periods: tuple[int, ...] = ()  # Period lengths in months it accepts (1, 3, 12)
    days: tuple[int, int] | None = None  # a DateRange of this many days (min, max)
    all_villages: bool = False  # every village with a case, not only the top N
    names_units: bool = False  # its top-N sections are 排名通报 (recorded when issued)
    supervision: bool = True  # 督办事项 and 全环节倒查 sections
    public: bool = False  # for the public: county figures and fraud types only, no unit, no case
    verb: str = "通报"  # 现将……{verb}如下
    salutation: str = ""  # the addressee line of a 报告 (a rule parameter names it)

    def parse(self, text: str) -> Period | DateRange:
        text = (text or "").strip()
        if self.days and len(text) == 10 and text.count("-") == 2:
            text = f"{text}..{text}" if self.days[0] == 1 else text
        try:
            period = parse_period(text)
        except PeriodError as error:
            raise PeriodError(f"{self.label}的期间「{text}」无法识别：{self.hint}") from error
        if isinstance(period, Period) and period.months in self.named_periods:
            return period
        if isinstance(period, DateRange) and self.days and self.days[0] <= period.days <= self.days[1]:
            return period
        raise PeriodError(f"{self.label}的期间应为{self.hint}，「{text}」不是")

    def default_period(self) -> Period | DateRange:
        """The last complete period of this cadence (Beijing time)."""
        today = clock.now().astimezone(BEIJING).date()
        month = Period.last_complete_month()
        if self.key == "daily":
            yesterday = today - timedelta(days=1)
            return DateRange(yesterday, yesterday)
        if self.key == "weekly":
            sunday = today - timedelta(days=today.weekday() + 1)
            return DateRange(sunday - timedelta(days=6), sunday)
        if self.key == "halfmonth":
            if today.day > 15:
                return DateRange(date(today.year, today.month, 1), date(today.year, today.month, 15))
            return DateRange(date(month.year, month.first_month, 16), month.last_day)
        if self.key in ("quarterly", "public"):
            quarter = Period(month.year, (month.first_month - 1) // 3 * 3 + 1, 3)
            return quarter if quarter.end.date() <= today else quarter.previous()
        if self.key == "annual":
            return Period(today.year - 1, 1, 12)
        return month


CADENCES = {
    c.key: c
    for c in (
        Cadence(
            "daily",
            "每日通报",
            "电信网络诈骗案件每日通报",
            "一天，如 2024-03-05",
            days=(1, 1),
            supervision=False,
        ),
        Cadence(
            "weekly",
            "每周通报",
            "电信网络诈骗案件每周通报",
            "一周的日期范围，如 2024-03-04..2024-03-10",
            days=(7, 7),
            all_villages=True,
            supervision=False,
        ),
        Cadence(
            "halfmonth",
            "半月研判",
            "电信网络诈骗形势半月研判",
            "半个月的日期范围，如 2024-03-01..2024-03-15",
            days=(13, 16),
            all_villages=True,
            supervision=False,
        ),
        Cadence(
            "monthly",
            "月度通报",
            "电信网络诈骗案件情况通报",
            "月份，如 2024-03",
            named_periods=(1,),
            names_units=True,
        ),
        Cadence("quarterly", "季度分析", "电信网络诈骗形势季度分析", "季度，如 2024Q1", named_periods=(3,)),
        Cadence(
            "public",
            "季度通告（公开）",
            "电信网络诈骗案件情况通告",
            "季度，如 2024Q1",
            named_periods=(3,),
            supervision=False,
            public=True,
            verb="通告",
        ),
        Cadence(
            "annual",
            "年度报告",
            "防范治理电信网络诈骗工作年度报告",
            "年份，如 2024",
            named_periods=(12,),
            verb="报告",
            salutation="bulletin.annual_recipient",
        ),
    )
}


def get_cadence(key: str) -> Cadence:
    try:
        return CADENCES[key]
    except KeyError:
        raise PeriodError(f"没有「{key}」这种通报：可选 {'、'.join(CADENCES)}") from None
