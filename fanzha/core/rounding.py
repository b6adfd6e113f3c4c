"""四舍五入 (ROUND_HALF_UP) for every figure a person reads. Python's round() and Decimal's
default are banker's rounding (0.125 → 0.12); Chinese statistical reporting expects 0.13."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

_EXPONENTS = {places: Decimal(1).scaleb(-places) for places in range(7)}


def round_half_up(value: Decimal | int | float | str, places: int) -> Decimal:
    exponent = _EXPONENTS.get(places) or Decimal(1).scaleb(-places)
    # a float goes through its shortest repr (0.125, not its binary expansion); a Decimal as it is
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(exponent, rounding=ROUND_HALF_UP)


def format_fixed(value: Decimal | int | float | str, places: int) -> str:
    return f"{round_half_up(value, places):.{places}f}"


def percent_beside(part: int, whole: int, threshold: Decimal | int | str, places: int = 1) -> str:
    """part / whole as a percentage shown beside a verdict against `threshold` %: 四舍五入 to `places`
    decimals, or to as many more as it takes for the shown figure to fall on the same side of the
    threshold as the exact one (7,999 of 10,000 against 80 % is 「79.99」, never 「80.0」, beside 未达成).
    Past six decimals the figure is cut, not rounded, so it still cannot reach the threshold."""
    exact = Decimal(part) * 100 / Decimal(whole)
    limit = Decimal(str(threshold))
    below = exact < limit
    for digits in range(places, 7):
        shown = round_half_up(exact, digits)
        if (shown < limit) == below:
            return f"{shown:.{digits}f}"
    return f"{exact.quantize(_EXPONENTS[6], rounding=ROUND_DOWN):.6f}"
