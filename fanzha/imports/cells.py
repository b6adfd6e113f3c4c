"""Typed cell parsers for imports, vectorised over a whole column (polars expressions).

Each parser takes the raw text column and returns (value, error): the parsed value (null when
empty or invalid) and a Chinese reason (null when the cell is fine). Empty cells are never errors
here; `required()` says so where a column must be filled."""

from collections.abc import Mapping
from datetime import datetime

import polars as pl

from fanzha.core.text import normalize_expr

Parsed = tuple[pl.Expr, pl.Expr]
LOCAL_TZ = "Asia/Shanghai"

DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y%m%d %H:%M:%S",
    "%Y%m%d %H:%M",
    "%Y%m%d",
)
EXCEL_EPOCH = datetime(1899, 12, 30)


def is_empty(expr: pl.Expr) -> pl.Expr:
    return expr.is_null() | (expr.str.strip_chars() == "")


def required(expr: pl.Expr, label: str = "必填项不能为空") -> pl.Expr:
    return pl.when(is_empty(expr)).then(pl.lit(label)).otherwise(None)


def text(expr: pl.Expr, max_length: int | None = None, fold_width: bool = False) -> Parsed:
    """Free text kept as written (only trimmed): Chinese punctuation in a narrative must survive.
    `fold_width` folds full-width letters and digits (for codes and numbers written by hand)."""
    value = normalize_expr(expr) if fold_width else expr.str.strip_chars()
    error = pl.lit(None, pl.String)
    if max_length:
        error = (
            pl.when(value.str.len_chars() > max_length).then(pl.lit(f"超过{max_length}个字")).otherwise(None)
        )
    return pl.when(error.is_null()).then(value.fill_null("")).otherwise(pl.lit("")), error


def integer(expr: pl.Expr, minimum: int = 0, maximum: int = 2_000_000_000) -> Parsed:
    raw = normalize_expr(expr).str.replace_all(r"[,，\s]", "").str.replace(r"^(\d+)\.0+$", "${1}")
    number = raw.cast(pl.Int64, strict=False)
    empty = raw.is_null() | (raw == "")
    error = (
        pl.when(empty)
        .then(None)
        .when(~raw.str.contains(r"^-?\d+$") | number.is_null())
        .then(pl.lit("应为整数，实际为「") + expr + pl.lit("」"))
        .when((number < minimum) | (number > maximum))
        .then(pl.lit(f"应在{minimum}到{maximum}之间"))
        .otherwise(None)
    )
    return pl.when(error.is_null() & ~empty).then(number).otherwise(None), error


def local_datetime(expr: pl.Expr, earliest: datetime, latest: datetime) -> Parsed:
    """2024-03-05 14:20 / 2024/3/5 / 2024年3月5日 / 2024.3.5 / 20240305 / Excel serial 45356.6.
    Read as Beijing time; the value is an aware datetime in Asia/Shanghai."""
    value = (
        normalize_expr(expr)
        .str.replace_all(r"[年月/.]", "-")
        .str.replace_all("日", " ")
        .str.replace_all("时", ":")
        .str.replace_all(r"[分秒]", "")
        .str.replace_all("T", " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars(" -:")
    )
    serial = value.str.contains(r"^\d{5}(-\d+)?$")
    serial_days = value.str.replace("-", ".").cast(pl.Float64, strict=False)
    from_serial = pl.lit(EXCEL_EPOCH) + pl.duration(
        milliseconds=(serial_days * 86_400_000).round(0).cast(pl.Int64)
    )
    from_text = pl.coalesce(
        [value.str.strptime(pl.Datetime("us"), f, strict=False) for f in DATETIME_FORMATS]
    )
    naive = pl.when(serial).then(from_serial).otherwise(from_text)
    empty = value.is_null() | (value == "")
    error = (
        pl.when(empty)
        .then(None)
        .when(naive.is_null())
        .then(
            pl.lit("无法识别的日期时间「")
            + expr
            + pl.lit("」（可写 2024-03-05 14:20、2024/3/5、2024年3月5日）")
        )
        .when(naive < pl.lit(earliest))
        .then(pl.lit(f"日期早于{earliest:%Y年}"))
        .when(naive > pl.lit(latest))
        .then(pl.lit("日期晚于当前时间"))
        .otherwise(None)
    )
    aware = naive.dt.replace_time_zone(LOCAL_TZ, ambiguous="earliest", non_existent="null")
    return pl.when(error.is_null() & ~empty).then(aware).otherwise(None), error


def choice(expr: pl.Expr, mapping: Mapping[str, str], options_label: str) -> Parsed:
    """A cell naming one of a fixed set (by its Chinese label or a known alias) → its code."""
    key = normalize_expr(expr).str.to_lowercase()
    lowered = {k.lower(): v for k, v in mapping.items()}
    value = key.replace_strict(lowered, default=None, return_dtype=pl.String)
    empty = key.is_null() | (key == "")
    error = (
        pl.when(~empty & value.is_null())
        .then(pl.lit("无法识别「") + expr + pl.lit(f"」，可选：{options_label}"))
        .otherwise(None)
    )
    return value, error


def lookup(expr: pl.Expr, ids: Mapping[str, int], ambiguous: Mapping[str, str], what: str) -> Parsed:
    """A cell naming a record (by code, unique name or path) → its id. `ambiguous` maps a name that
    several records share to the list of candidates, so the message can name them."""
    key = normalize_expr(expr)
    value = key.replace_strict(dict(ids), default=None, return_dtype=pl.Int64)
    candidates = key.replace_strict(dict(ambiguous), default=None, return_dtype=pl.String)
    empty = key.is_null() | (key == "")
    error = (
        pl.when(empty)
        .then(None)
        .when(candidates.is_not_null())
        .then(
            pl.lit(f"{what}「")
            + key
            + pl.lit("」有重名：")
            + candidates
            + pl.lit("；请填写代码或「上级/名称」路径")
        )
        .when(value.is_null())
        .then(pl.lit(f"找不到{what}「") + key + pl.lit("」"))
        .otherwise(None)
    )
    return value, error


SEPARATORS = r"[；;,，、\r\n]+"


def split_list(expr: pl.Expr) -> pl.Expr:
    """Several identifiers in one cell, separated by ；,、 or newlines → a list of trimmed items."""
    parts = normalize_expr(expr).str.replace_all(SEPARATORS, "\u0001").str.split("\u0001")
    return parts.list.eval(pl.element().str.strip_chars()).list.eval(pl.element().filter(pl.element() != ""))


def first_error(*errors: pl.Expr) -> pl.Expr:
    return pl.coalesce(list(errors))
