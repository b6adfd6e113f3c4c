"""The escalation and follow-up rules of the plans, one function each, with the plan's wording.
They take plain figures and the configured reading, so each worked example of docs/rankings-and-bulletins.md is a
direct test; `escalations.py` feeds them from the ledger."""

from dataclasses import dataclass
from datetime import date

THREE_INDICATORS = ("cases", "loss", "per_10k")


def top_streak(months_at_top: list[set[str]], reading: str = "all") -> int:
    """How many consecutive months, ending with the last, a station has been 处于最高位.

    002 方案1: 「对三项指标连续两个月处于最高位的」. Each month is given as the set of indicators
    (cases, loss, per_10k) on which the station ranked first. Reading "all" (default, the literal one):
    a month counts only when the station is first on all three at once. Reading "any": per indicator —
    the longest run of consecutive months first on the same indicator."""
    if reading == "all":
        streak = 0
        for indicators in months_at_top:
            streak = streak + 1 if set(THREE_INDICATORS) <= indicators else 0
        return streak
    best = 0
    for indicator in THREE_INDICATORS:
        streak = 0
        for indicators in months_at_top:
            streak = streak + 1 if indicator in indicators else 0
        best = max(best, streak)
    return best


def interview_for_streak(streak: int, after_third_month: str = "repeat_chief") -> str | None:
    """002 方案1: 「对三项指标连续两个月处于最高位的，由县领导小组约谈其分管所长；对连续三个月处于
    最高位的，由县领导小组约谈其所长」. Month 2 of a run → interview_deputy_chief; month 3 →
    interview_chief; month 4 on is unspecified: "repeat_chief" (default) interviews the chief again
    each further month, "once" does nothing more."""
    if streak == 2:
        return "interview_deputy_chief"
    if streak == 3:
        return "interview_chief"
    if streak > 3 and after_third_month == "repeat_chief":
        return "interview_chief"
    return None


def listed_for_rectification(
    notice_dates: list[date], as_of: date, threshold: int = 3, window: str = "calendar_year"
) -> bool:
    """000 洋口: 「对发案数量排名靠前的村(居)和行业单位进行通报……对三次以上被通报的，实行挂牌整治」.
    以上 includes the number itself, so 3 notices suffice. The counting window is unspecified:
    "calendar_year" (default) counts notices in as_of's year, "rolling_12" the twelve months up to
    as_of, "cumulative" all of them."""
    return len(notices_in_window(notice_dates, as_of, window)) >= threshold


def notices_in_window(notice_dates: list[date], as_of: date, window: str = "calendar_year") -> list[date]:
    if window == "calendar_year":
        return [d for d in notice_dates if d.year == as_of.year and d <= as_of]
    if window == "rolling_12":
        year_ago = as_of.replace(
            year=as_of.year - 1, day=min(as_of.day, 28) if as_of.month == 2 else as_of.day
        )
        return [d for d in notice_dates if year_ago < d <= as_of]
    return [d for d in notice_dates if d <= as_of]


def needs_full_chain_review(loss_fen: int, threshold_yuan: int = 500_000) -> bool:
    """000 洋口: 「对诈骗金额50万元以上的案件……全环节开展倒查，查找防范监管漏洞」; 003 confirms
    「50万以上(含本数)」: a loss of exactly 500,000 元 opens a review."""
    return loss_fen >= threshold_yuan * 100


@dataclass(frozen=True)
class AwardCheck:
    ineligible: bool
    reasons: list[str]


def award_eligibility(
    cases_rose: bool, loss_rose: bool, per_10k_highest: bool, rise_reading: str = "either"
) -> AwardCheck:
    """002 方案1: 「凡全年发案数、经济损失数同比上升或万人发案数处在最高位的，取消年度评先评优资格」.
    Whether one rise suffices is ambiguous: "either" (default) disqualifies on a rise in cases or in
    loss, "both" only when both rose. 万人发案数 at the top disqualifies on its own."""
    reasons = []
    rises = [name for name, rose in (("发案数", cases_rose), ("经济损失数", loss_rose)) if rose]
    if rises and (rise_reading == "either" or len(rises) == 2):
        reasons.append("全年" + "、".join(rises) + "同比上升")
    if per_10k_highest:
        reasons.append("万人发案数处在最高位")
    return AwardCheck(bool(reasons), reasons)
