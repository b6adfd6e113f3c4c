"""A percentage beside a verdict never contradicts it."""

from decimal import Decimal

import pytest

from fanzha.core.rounding import percent_beside


@pytest.mark.parametrize(
    "part, whole, threshold, shown",
    [
        (7999, 10000, 80, "79.99"),  # 80.0 would sit beside 未达成
        (8000, 10000, 80, "80.0"),
        (8001, 10000, 80, "80.0"),  # met, and 80.0 ≥ 80 agrees
        (79995, 100000, 80, "79.995"),  # 79.99|5 rounds up to 80.00 at two places
        (2, 3, 50, "66.7"),  # far from the threshold: one decimal, 四舍五入
        (1, 3, Decimal("33.34"), "33.3"),
        (3334, 10000, Decimal("33.34"), "33.34"),  # met: 33.3 would look short of it
        (6666, 10000, Decimal("66.67"), "66.66"),
        (9999999, 10000000, 100, "99.99999"),
        (99999999, 100000000, 100, "99.999999"),  # cut, not rounded, at six places
        (999999999, 1000000000, 100, "99.999999"),
    ],
)
def test_shown_on_the_same_side_as_the_exact_figure(part, whole, threshold, shown):
    assert percent_beside(part, whole, threshold) == shown
    exact = Decimal(part) * 100 / Decimal(whole)
    assert (Decimal(shown) < Decimal(str(threshold))) == (exact < Decimal(str(threshold)))
