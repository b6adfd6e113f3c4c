"""四舍五入 (ROUND_HALF_UP) for every figure a person reads. Python's round() and Decimal's
default are banker's rounding (0.125 → 0.12); Chinese statistical reporting expects 0.13."""

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: Decimal | int | float | str, places: int) -> Decimal:
    exponent = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def format_fixed(value: Decimal | int | float | str, places: int) -> str:
    return f"{round_half_up(value, places):.{places}f}"
