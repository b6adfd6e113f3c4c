"""Is this count unusual for this unit? A Poisson band around what its own last twelve months lead
one to expect, so that one case in a small village is not read as a crisis. Shown beside a rank;
it never changes a plan's rule."""

import math
from dataclasses import dataclass

TAIL = 0.025  # two-sided 95 % band
Z_975 = 1.959964  # the standard normal quantile for that tail


@dataclass(frozen=True)
class Notability:
    key: str  # "high", "low", "normal", "no_baseline"
    expected: float
    low: int
    high: int

    @property
    def label(self) -> str:
        return {"high": "显著偏高", "low": "显著偏低", "normal": "正常波动", "no_baseline": "无法判断"}[
            self.key
        ]

    @property
    def band(self) -> str:
        if self.key == "no_baseline":
            return "近12个月无案件"
        return f"预期约{self.expected:.1f}起（正常范围{self.low}–{self.high}起）"

    @property
    def text(self) -> str:
        if self.key == "no_baseline":
            return "近12个月无案件，无法判断"
        return f"{self.label}，{self.band}"


def poisson_quantile(expected: float, probability: float) -> int:
    """Smallest k with P(X ≤ k) ≥ probability for X ~ Poisson(expected)."""
    if expected > 100:  # normal approximation with continuity correction
        z = Z_975 if probability > 0.5 else -Z_975
        return max(0, math.ceil(expected + z * math.sqrt(expected) - 0.5))
    term = math.exp(-expected)
    total, k = term, 0
    while total < probability:
        k += 1
        term *= expected / k
        total += term
    return k


def notability(count: int, expected: float) -> Notability:
    if expected <= 0:
        return Notability("no_baseline", 0.0, 0, 0)
    low = poisson_quantile(expected, TAIL)
    high = poisson_quantile(expected, 1 - TAIL)
    key = "high" if count > high else "low" if count < low else "normal"
    return Notability(key, expected, low, high)
