"""Money: integer fen (分) in the database, Decimal yuan in Python, 2-decimal strings for people.

Ledgers write amounts as 12,345.6 / 12345.60元 / 1.2万元 / ￥800 / full-width digits. Amounts are
never floats: SQLite stores DecimalField as REAL and loses cents on large sums."""

import re
from decimal import Decimal, InvalidOperation

import polars as pl

from fanzha.core.rounding import format_fixed
from fanzha.core.stages import Stages
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


def money_stages(source: pl.Expr, value: str, error: str) -> Stages:
    """Vectorised parse_money: fen (Int64) in `value`, a Chinese reason in `error`. Empty is not an error."""
    st = Stages(value, error)
    st.add(normalize_expr(source).str.replace_all(_NOISE, "").alias(st.temp("raw")))
    raw = st.col("raw")
    st.add(
        (raw.str.ends_with("万元") | raw.str.ends_with("万")).alias(st.temp("wan")),
        raw.str.replace(_UNIT, "").alias(st.temp("num")),
        (raw.is_null() | (raw == "")).alias(st.temp("empty")),
    )
    num, wan = st.col("num"), st.col("wan")
    st.add(
        num.str.extract(r"^(\d+)", 1).alias(st.temp("int")),
        num.str.extract(r"\.(\d+)$", 1).fill_null("").alias(st.temp("frac")),
        num.str.contains(_NUMBER).alias(st.temp("ok")),
        pl.when(wan).then(6).otherwise(2).alias(st.temp("scale")),
    )
    integer, fraction, scale = st.col("int"), st.col("frac"), st.col("scale")
    st.add(
        pl.when(st.col("empty"))
        .then(None)
        .when(num.str.starts_with("-"))
        .then(pl.lit("金额不能为负数"))
        .when(~st.col("ok"))
        .then(pl.lit("无法识别的金额「") + source + pl.lit("」"))
        .when(integer.str.strip_chars_start("0").str.len_chars() > MAX_INTEGER_DIGITS)
        .then(pl.lit("金额过大"))
        .when(fraction.str.len_chars() > scale)
        .then(pl.lit("金额最多精确到分（两位小数）"))
        .otherwise(None)
        .alias(error),
        (
            integer.cast(pl.Int64, strict=False) * pl.when(wan).then(1_000_000).otherwise(100)
            + pl.when(wan)
            .then(fraction.str.pad_end(6, "0").str.slice(0, 6))
            .otherwise(fraction.str.pad_end(2, "0").str.slice(0, 2))
            .cast(pl.Int64, strict=False)
        ).alias(st.temp("fen")),
    )
    st.add(
        pl.when(pl.col(error).is_null() & ~st.col("empty")).then(st.col("fen")).otherwise(None).alias(value)
    )
    return st


def format_wan(fen: int) -> str:
    """1234567800 fen → '1234.57万元' — how 通报 write large sums (四舍五入)."""
    return f"{format_fixed(Decimal(fen) / 1_000_000, 2)}万元"
