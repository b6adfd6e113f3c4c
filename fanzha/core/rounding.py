"""四舍五入 (ROUND_HALF_UP) for every figure a person reads. Python's round() and Decimal's
default are banker's rounding (0.125 → 0.12); Chinese statistical reporting expects 0.13."""

from decimal import ROUND_HALF_UP, Decimal

_EXPONENTS = {places: Decimal(1).scaleb(-places) for places in range(7)}


def round_half_up(value: Decimal | int | float | str, places: int) -> Decimal:
    exponent = _EXPONENTS.get(places) or Decimal(1).scaleb(-places)
    # a float goes through its shortest repr (0.125, not its binary expansion); a Decimal as it is
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(exponent, rounding=ROUND_HALF_UP)


def format_fixed(value: Decimal | int | float | str, places: int) -> str:
    return f"{round_half_up(value, places):.{places}f}"
