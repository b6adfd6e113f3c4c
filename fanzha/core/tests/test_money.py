from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanzha.core.money import MoneyError, format_yuan, money_stages, parse_money
from fanzha.core.rounding import format_fixed, round_half_up
from fanzha.core.stages import apply


@pytest.mark.parametrize(
    "text, fen",
    [
        ("12345.6", 1234560),
        ("12,345.60元", 1234560),
        ("1.2万元", 1200000),
        ("1.2万", 1200000),
        ("0.000001万元", 1),
        ("￥800", 80000),
        ("１２３４５", 1234500),  # full-width digits
        (" 50 元 ", 5000),
        ("500000", 50000000),
        ("", None),
        (None, None),
    ],
)
def test_parse_money_forms_ledgers_use(text, fen):
    assert parse_money(text) == fen


@pytest.mark.parametrize(
    "text, reason",
    [("-5", "负数"), ("12.345", "精确到分"), ("abc", "无法识别"), ("1.2.3", "无法识别"), ("1" * 14, "过大")],
)
def test_parse_money_rejects_with_reason(text, reason):
    with pytest.raises(MoneyError, match=reason):
        parse_money(text)


def _vector(texts):
    out = apply(pl.DataFrame({"x": texts}, schema={"x": pl.String}), money_stages(pl.col("x"), "v", "e"))
    return list(zip(out["v"].to_list(), out["e"].to_list(), strict=True))


def test_vector_parser_matches_scalar_on_examples():
    texts = ["12,345.60元", "1.2万元", "￥800", "１２３４５", "-5", "12.345", "abc", "", None, "0.5"]
    for text, (value, error) in zip(texts, _vector(texts), strict=True):
        try:
            expected = parse_money(text)
            assert (value, error) == (expected, None), text
        except MoneyError:
            assert value is None and error, text


@given(st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False))
def test_vector_parser_matches_scalar_on_any_amount(amount):
    text = f"{amount:,.2f}元"
    assert _vector([text]) == [(parse_money(text), None)]


def test_format_yuan_and_half_up_rounding():
    assert format_yuan(1234550) == "12,345.50"
    assert format_yuan(5, grouping=False) == "0.05"
    assert round_half_up(Decimal("0.125"), 2) == Decimal("0.13")  # banker's rounding would give 0.12
    assert format_fixed("2.5", 0) == "3"
    assert format_fixed("-2.45", 1) == "-2.5"
