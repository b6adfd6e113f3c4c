"""The plans' prevention quotas, one function each, with the plan's words (docs/outreach.md).
Thresholds are arguments: their county values are 规则参数 (parameters/config.py)."""

import math
from datetime import date, timedelta
from decimal import Decimal

from fanzha.core.rounding import round_half_up


def percent(part: int, whole: int | None) -> Decimal | None:
    """part / whole as a percentage, one decimal, 四舍五入; None when there is no denominator."""
    if not whole:
        return None
    return round_half_up(Decimal(part) * 100 / Decimal(whole), 1)


def sms_coverage_pct(sent: int, subscribers: int) -> Decimal | None:
    return percent(sent, subscribers)


def sms_meets(sent: int, subscribers: int, minimum_pct: int = 90) -> bool:
    """002: 「每次发送的覆盖面不低于系统用户总量的90%」. 不低于 includes the bound: 9,000 of 10,000 meets,
    8,999 fails. Compared exactly, not on the rounded percentage."""
    return subscribers > 0 and sent * 100 >= minimum_pct * subscribers


def coverage_met(actual: int, base: int | None, target_pct: Decimal) -> bool | None:
    """A coverage target (入户 100 %, App 80 %/100 %) is met when actual ≥ base × target %; None without a
    base. 004 T13: a base of 10,000 needs ≥ 8,000 by 6/30 and 10,000 by 7/31."""
    if not base:
        return None
    return Decimal(actual) * 100 >= Decimal(base) * Decimal(target_pct)


def coverage_short(actual: int, base: int | None, target_pct: Decimal) -> int | None:
    """How many more households (or registered people) a unit needs to meet a coverage target: the
    least n with actual + n ≥ base × target %; 0 once met, None without a base. A base of 10,000 at
    80 % with 7,999 registered is 1 short; 512 households at 100 % with 500 visited are 12 short."""
    if not base:
        return None
    needed = math.ceil(Decimal(base) * Decimal(target_pct) / 100)  # part of a household is a household
    return max(0, needed - actual)


def banners_meet(banners: int, minimum: int = 4) -> bool:
    """000 篇五: 「各村(社區)反電詐橫幅標語不少于4幅」. 3 fails, 4 meets."""
    return banners >= minimum


def sessions_meet(sessions: int, minimum: int = 1) -> bool:
    """000 七進: 「開展反電詐集中宣傳教育活動,每月不少于1場」 (per village, per month)."""
    return sessions >= minimum


def school_activities_meet(activities: int, minimum: int = 2) -> bool:
    """001/002: 「每学期开展反诈宣传活动不少于2次」. 1 in a semester fails."""
    return activities >= minimum


def team_meets(members: int, minimum: int = 10) -> bool:
    """000: 「派出所要組建不少于10人的主力反詐宣傳隊」. A team of 9 fails."""
    return members >= minimum


def semester_of(day: date) -> tuple[date, date]:
    """The school semester containing `day`: spring 1 Feb – 31 Jul, autumn 1 Aug – 31 Jan. [Inference]:
    the plans do not date the semesters."""
    if 2 <= day.month <= 7:
        return date(day.year, 2, 1), date(day.year, 7, 31)
    start_year = day.year if day.month >= 8 else day.year - 1
    return date(start_year, 8, 1), date(start_year + 1, 1, 31)


def group_is_stale(last_push: date | None, created_on: date, today: date, days: int = 7) -> bool:
    """002: 「每周至少一次」 push to the groups: a group with no push in the last `days` days (counting
    from its creation when it has never pushed) is flagged."""
    since = last_push or created_on
    return today - since >= timedelta(days=days)
