"""Money: integer fen (分) in the database, Decimal yuan in Python, 2-decimal strings for people.

Ledgers write amounts as 12,345.6 / 12345.60元 / 1.2万元 / ￥800 / full-width digits. Amounts are
never floats: SQLite stores DecimalField as REAL and loses cents on large sums."""

import re
from decimal import Decimal, InvalidOperation

import polars as pl

from fanzha.core.text import normalize, normalize_expr

FEN_PER_YUAN = 100
MAX_INTEGER_DIGITS = 12  # up to 999,999,999,999 元: far beyond any case, small enough for int64 fen

_NOISE = r"[,，\s¥￥]"
_UNIT = r"(万元|万|元)$"
_NUMBER = r"^\d+(\.\d+)?$"


class MoneyError(ValueError):
    pass


def fen_to_yuan(fen: int | None) -> Decimal | None:
    if fen is None:
        return None
    return (Decimal(fen) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def yuan_to_fen(yuan: Decimal | int | str) -> int:
    value = Decimal(str(yuan)) * FEN_PER_YUAN
    if value != value.to_integral_value():
        raise MoneyError("金额最多精确到分（两位小数）")
    return int(value)


def format_yuan(fen: int | None, grouping: bool = True) -> str:
    """1234550 → '12,345.50' (or '12345.50' without grouping); None → ''."""
    if fen is None:
        return ""
    yuan = fen_to_yuan(fen)
    return f"{yuan:,.2f}" if grouping else f"{yuan:.2f}"


def parse_money(text: str | int | float | Decimal | None) -> int | None:
    """A ledger cell → fen. Empty → None. Raises MoneyError with a Chinese reason."""
    if text is None:
        return None
    if isinstance(text, float):
        text = repr(text)
    raw = re.sub(_NOISE, "", normalize(str(text)))
    if raw == "":
        return None
    is_wan = raw.endswith("万元") or raw.endswith("万")
    number = re.sub(_UNIT, "", raw)
    if number.startswith("-"):
        raise MoneyError("金额不能为负数")
    if not re.match(_NUMBER, number):
        raise MoneyError(f"无法识别的金额「{text}」")
    integer = number.split(".")[0]
    if len(integer.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise MoneyError("金额过大")
    try:
        yuan = Decimal(number) * (10000 if is_wan else 1)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid decimals
        raise MoneyError(f"无法识别的金额「{text}」") from exc
    return yuan_to_fen(yuan)


def money_expr(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Vectorised parse_money: (fen as Int64, Chinese error or null). Empty cells give null, no error."""
    raw = normalize_expr(expr).str.replace_all(_NOISE, "")
    is_wan = raw.str.ends_with("万元") | raw.str.ends_with("万")
    number = raw.str.replace(_UNIT, "")
    scale = pl.when(is_wan).then(pl.lit(6)).otherwise(pl.lit(2))
    integer = number.str.extract(r"^(\d+)", 1)
    fraction = number.str.extract(r"\.(\d+)$", 1).fill_null("")
    within_limit = integer.str.strip_chars_start("0").str.len_chars().le(MAX_INTEGER_DIGITS)
    fen_value = integer.cast(pl.Int64, strict=False) * pl.when(is_wan).then(1_000_000).otherwise(
        100
    ) + pl.when(fraction == "").then(0).otherwise(
        pl.when(is_wan)
        .then(fraction.str.pad_end(6, "0").str.slice(0, 6))
        .otherwise(fraction.str.pad_end(2, "0").str.slice(0, 2))
        .cast(pl.Int64, strict=False)
    )
    empty = raw.is_null() | (raw == "")
    error = (
        pl.when(empty)
        .then(None)
        .when(number.str.starts_with("-"))
        .then(pl.lit("金额不能为负数"))
        .when(~number.str.contains(_NUMBER))
        .then(pl.lit("无法识别的金额「") + expr + pl.lit("」"))
        .when(~within_limit)
        .then(pl.lit("金额过大"))
        .when(fraction.str.len_chars() > scale)
        .then(pl.lit("金额最多精确到分（两位小数）"))
        .otherwise(None)
    )
    value = pl.when(error.is_null() & ~empty).then(fen_value).otherwise(None)
    return value, error
