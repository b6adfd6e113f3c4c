"""The 百分制 (004) Part B rule: 发案同比, 50 points, and the readings it leaves open."""

import math
from dataclasses import dataclass
from decimal import Decimal

from fanzha.core.rounding import round_half_up

FLAT_POINTS = Decimal(45)
BEST_POINTS = Decimal(50)
CLIFF_PCT = Decimal(20)


@dataclass(frozen=True)
class TrendScore:
    points: Decimal
    change_pct: Decimal | None
    needs_review: bool
    explanation: str
    arithmetic: str = ""  # how the points were reached, 45 + 5 × 13.2 ÷ 26.4 = 47.5


def _number(value) -> str:
    """A figure as the arithmetic writes it: 45, 47.5, 13.2 (no trailing zeros)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def change_ratio_pct(last_year: int, this_year: int) -> Decimal | None:
    """The exact y/y change in per cent (not rounded: the score decides its own rounding)."""
    if not last_year:
        return None
    return Decimal(this_year - last_year) * 100 / Decimal(last_year)


def case_trend_points(
    last_year: int,
    this_year: int,
    largest_decline_pct: Decimal | None,
    *,
    flat_band_pct: Decimal = Decimal(0),
    decline: str = "linear",
    rise_rounding: str = "0.1",
    zero_base: str = "review",
) -> TrendScore:
    """004: 「同比平稳的记45分，降幅最高的单位、办事处记50分，上升幅度超过20%(含)以上的不得分，不超过
    20%的，在45分以下记分，每上升1个百分点减1分」.

    - flat (|change| ≤ flat_band_pct, default exactly 0) → 45;
    - the largest decline among the assessed → 50; another decline: "linear" (default) 45 + 5 ×
      decline ÷ largest decline, to 0.1 point; "flat" 45;
    - a rise ≥ 20 % (含) → 0; a rise under 20 % → 45 − 1 point per percentage point, with
      rise_rounding "0.1" (default: the exact rise, to 0.1 point, 四舍五入), "whole" (points rounded
      to a whole number) or "started" (every started percentage point costs a point);
    - zero cases last year: 45 if still zero; otherwise 0, marked for review ("review", default) or
      not ("rise")."""
    change = change_ratio_pct(last_year, this_year)
    if change is None:
        if this_year == 0:
            return TrendScore(FLAT_POINTS, None, False, "上年与本年均无案件，视同平稳", "平稳 = 45")
        review = zero_base == "review"
        return TrendScore(
            Decimal(0),
            None,
            review,
            f"上年无案件、本年{this_year}起，无法计算同比" + ("，需复核" if review else ""),
            "无法计算同比 = 0",
        )
    if abs(change) <= flat_band_pct:
        return TrendScore(FLAT_POINTS, change, False, "同比平稳", "平稳 = 45")
    shown = round_half_up(change, 1)
    if change >= CLIFF_PCT:
        return TrendScore(
            Decimal(0), change, False, f"同比上升{shown}%，超过20%(含)不得分", f"上升{shown}% ≥ 20% = 0"
        )
    if change > 0:
        if rise_rounding == "started":
            points = FLAT_POINTS - math.ceil(change)
            arithmetic = f"45 − ⌈{_number(round_half_up(change, 2))}⌉ = {_number(points)}"
        else:
            places = 0 if rise_rounding == "whole" else 1
            points = round_half_up(FLAT_POINTS - change, places)
            rise = round_half_up(change, 2)
            sign = "=" if round_half_up(FLAT_POINTS - rise, places) == points else "≈"
            arithmetic = f"45 − {_number(rise)} {sign} {_number(points)}"
        return TrendScore(
            Decimal(points), change, False, f"同比上升{shown}%，每上升1个百分点减1分", arithmetic
        )
    largest = largest_decline_pct if largest_decline_pct is not None else -change
    if -change >= largest:
        return TrendScore(BEST_POINTS, change, False, f"同比下降{-shown}%，降幅最高", "降幅最高 = 50")
    if decline == "flat":
        return TrendScore(FLAT_POINTS, change, False, f"同比下降{-shown}%，非最大降幅", "非最大降幅 = 45")
    points = round_half_up(FLAT_POINTS + 5 * (-change) / largest, 1)
    fall, most = round_half_up(-change, 1), round_half_up(largest, 1)
    sign = "=" if round_half_up(FLAT_POINTS + 5 * fall / most, 1) == points else "≈"
    return TrendScore(
        points,
        change,
        False,
        f"同比下降{-shown}%，按占最大降幅{round_half_up(largest, 1)}%的比例计分",
        f"45 + 5 × {_number(fall)} ÷ {_number(most)} {sign} {_number(points)}",
    )


def largest_decline(pairs: list[tuple[int, int]]) -> Decimal | None:
    """The largest y/y decline (as a positive per cent) among (last year, this year) pairs."""
    declines = [-c for last, now in pairs if (c := change_ratio_pct(last, now)) is not None and c < 0]
    return max(declines) if declines else None
