"""The indicator formulas, with the precision they are shown and ranked at (docs/indicators.md K3: one
precision for both)."""

from decimal import Decimal

from fanzha.core.rounding import round_half_up

PER_10K_PLACES = 2
PCT_PLACES = 1


def cases_per_10k(cases: int, population: int | None) -> Decimal | None:
    """万人发案数 = 发案数 ÷ 人口 × 10,000 (the plans never define it; docs/indicators.md). A unit without
    a population for the year has no value: it is flagged, not ranked."""
    if not population:
        return None
    return round_half_up(Decimal(cases) * 10000 / Decimal(population), PER_10K_PLACES)


def change_pct(now: int, before: int) -> Decimal | None:
    """同比/环比 change in per cent, 1 decimal; None when the base is 0 (undefined)."""
    if not before:
        return None
    return round_half_up(Decimal(now - before) * 100 / Decimal(before), PCT_PLACES)


def signed_pct(value: Decimal | None, undefined: str = "—") -> str:
    """+12.5% / -3.0% / 0.0% as a 通报 writes a change; `undefined` when there is no base."""
    if value is None:
        return undefined
    return f"{'+' if value > 0 else ''}{value}%"
