"""Typed cell parsers for imports, vectorised over whole columns (polars) and run in stages
(see core/stages.py). Each takes the raw text column and the names of the value and error
columns to produce. Empty cells are never errors here; `required()` says so where a column
must be filled."""

from collections.abc import Mapping
from datetime import datetime

import polars as pl

from fanzha.core.stages import Stages
from fanzha.core.text import normalize_expr

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
SEPARATORS = r"[；;,，、\r\n]+"


def is_empty(expr: pl.Expr) -> pl.Expr:
    return expr.is_null() | (expr.str.strip_chars() == "")


def required(parser: Stages, source: pl.Expr, label: str = "必填项不能为空") -> Stages:
    """An empty cell in a column that must be filled is an error of its own."""
    return parser.add(
        pl.when(is_empty(source)).then(pl.lit(label)).otherwise(pl.col(parser.error)).alias(parser.error)
    )


def text(
    source: pl.Expr, value: str, error: str, max_length: int | None = None, fold_width: bool = False
) -> Stages:
    """Free text kept as written (only trimmed): Chinese punctuation in a narrative must survive.
    `fold_width` folds full-width letters and digits (for codes and numbers written by hand)."""
    st = Stages(value, error)
    st.add((normalize_expr(source) if fold_width else source.str.strip_chars()).alias(st.temp("v")))
    v = st.col("v")
    too_long = pl.lit(False) if not max_length else v.str.len_chars() > max_length
    st.add(pl.when(too_long).then(pl.lit(f"超过{max_length}个字")).otherwise(None).alias(error))
    st.add(pl.when(pl.col(error).is_null()).then(v.fill_null("")).otherwise(pl.lit("")).alias(value))
    return st


def integer(
    source: pl.Expr, value: str, error: str, minimum: int = 0, maximum: int = 2_000_000_000
) -> Stages:
    st = Stages(value, error)
    st.add(
        normalize_expr(source)
        .str.replace_all(r"[,，\s]", "")
        .str.replace(r"^(\d+)\.0+$", "${1}")
        .alias(st.temp("raw"))
    )
    raw = st.col("raw")
    st.add(
        raw.cast(pl.Int64, strict=False).alias(st.temp("n")),
        (raw.is_null() | (raw == "")).alias(st.temp("empty")),
    )
    number, empty = st.col("n"), st.col("empty")
    st.add(
        pl.when(empty)
        .then(None)
        .when(~raw.str.contains(r"^-?\d+$") | number.is_null())
        .then(pl.lit("应为整数，实际为「") + source + pl.lit("」"))
        .when((number < minimum) | (number > maximum))
        .then(pl.lit(f"应在{minimum}到{maximum}之间"))
        .otherwise(None)
        .alias(error)
    )
    st.add(pl.when(pl.col(error).is_null() & ~empty).then(number).otherwise(None).alias(value))
    return st


def local_datetime(source: pl.Expr, value: str, error: str, earliest: datetime, latest: datetime) -> Stages:
    """2024-03-05 14:20 / 2024/3/5 / 2024年3月5日 / 2024.3.5 / 20240305 / Excel serial 45356.6.
    Read as Beijing time; the value is an aware datetime in Asia/Shanghai."""
    st = Stages(value, error)
    st.add(
        normalize_expr(source)
        .str.replace_all(r"[年月/.]", "-")
        .str.replace_all("日", " ")
        .str.replace_all("时", ":")
        .str.replace_all(r"[分秒]", "")
        .str.replace_all("T", " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars(" -:")
        .alias(st.temp("v"))
    )
    v = st.col("v")
    serial_days = v.str.replace("-", ".").cast(pl.Float64, strict=False)
    st.add(
        (v.is_null() | (v == "")).alias(st.temp("empty")),
        pl.when(v.str.contains(r"^\d{5}(-\d+)?$"))
        .then(
            pl.lit(EXCEL_EPOCH) + pl.duration(milliseconds=(serial_days * 86_400_000).round(0).cast(pl.Int64))
        )
        .otherwise(
            pl.coalesce([v.str.strptime(pl.Datetime("us"), f, strict=False) for f in DATETIME_FORMATS])
        )
        .alias(st.temp("naive")),
    )
    naive, empty = st.col("naive"), st.col("empty")
    st.add(
        pl.when(empty)
        .then(None)
        .when(naive.is_null())
        .then(
            pl.lit("无法识别的日期时间「")
            + source
            + pl.lit("」（可写 2024-03-05 14:20、2024/3/5、2024年3月5日）")
        )
        .when(naive < pl.lit(earliest))
        .then(pl.lit(f"日期早于{earliest:%Y年}"))
        .when(naive > pl.lit(latest))
        .then(pl.lit("日期晚于当前时间"))
        .otherwise(None)
        .alias(error)
    )
    aware = naive.dt.replace_time_zone(LOCAL_TZ, ambiguous="earliest", non_existent="null")
    st.add(pl.when(pl.col(error).is_null() & ~empty).then(aware).otherwise(None).alias(value))
    return st


def choice(source: pl.Expr, value: str, error: str, mapping: Mapping[str, str], options_label: str) -> Stages:
    """A cell naming one of a fixed set (by its Chinese label or a known alias) → its code."""
    st = Stages(value, error)
    lowered = {k.lower(): v for k, v in mapping.items()}
    st.add(normalize_expr(source).str.to_lowercase().alias(st.temp("key")))
    key = st.col("key")
    st.add(key.replace_strict(lowered, default=None, return_dtype=pl.String).alias(value))
    st.add(
        pl.when(~(key.is_null() | (key == "")) & pl.col(value).is_null())
        .then(pl.lit("无法识别「") + source + pl.lit(f"」，可选：{options_label}"))
        .otherwise(None)
        .alias(error)
    )
    return st


def lookup(
    source: pl.Expr, value: str, error: str, ids: Mapping[str, int], ambiguous: Mapping[str, str], what: str
) -> Stages:
    """A cell naming a record (by code, unique name or path) → its id. `ambiguous` maps a name that
    several records share to the list of candidates, so the message can name them."""
    st = Stages(value, error)
    st.add(normalize_expr(source).alias(st.temp("key")))
    key = st.col("key")
    st.add(
        key.replace_strict(dict(ids), default=None, return_dtype=pl.Int64).alias(value),
        key.replace_strict(dict(ambiguous), default=None, return_dtype=pl.String).alias(
            st.temp("candidates")
        ),
    )
    candidates = st.col("candidates")
    st.add(
        pl.when(key.is_null() | (key == ""))
        .then(None)
        .when(candidates.is_not_null())
        .then(
            pl.lit(f"{what}「")
            + key
            + pl.lit("」有重名：")
            + candidates
            + pl.lit("；请填写代码或「上级/名称」路径")
        )
        .when(pl.col(value).is_null())
        .then(pl.lit(f"找不到{what}「") + key + pl.lit("」"))
        .otherwise(None)
        .alias(error)
    )
    return st


def split_list(expr: pl.Expr) -> pl.Expr:
    """Several identifiers in one cell, separated by ；,、 or newlines → a list of trimmed items."""
    parts = normalize_expr(expr).str.replace_all(SEPARATORS, "\u0001").str.split("\u0001")
    return parts.list.eval(pl.element().str.strip_chars()).list.eval(pl.element().filter(pl.element() != ""))


TRUE_WORDS = ("是", "有", "已", "y", "yes", "true", "1", "√", "✓", "已签", "已装", "已安装", "已发放")
FALSE_WORDS = ("否", "无", "未", "n", "no", "false", "0", "×", "未签", "未装", "未安装", "未发放")


def boolean(source: pl.Expr, value: str, error: str) -> Stages:
    """是/否, 有/无, √/×, Y/N, 1/0 → True/False; empty → null."""
    st = Stages(value, error)
    st.add(normalize_expr(source).str.to_lowercase().alias(st.temp("key")))
    key = st.col("key")
    st.add(
        pl.when(key.is_in(list(TRUE_WORDS)))
        .then(pl.lit(True))
        .when(key.is_in(list(FALSE_WORDS)))
        .then(pl.lit(False))
        .otherwise(None)
        .alias(value)
    )
    st.add(
        pl.when(~(key.is_null() | (key == "")) & pl.col(value).is_null())
        .then(pl.lit("应填“是”或“否”，实际为「") + source + pl.lit("」"))
        .otherwise(None)
        .alias(error)
    )
    return st


def local_date(source: pl.Expr, value: str, error: str, earliest: datetime, latest: datetime) -> Stages:
    """A date as ledgers write it (see local_datetime); the value is a date."""
    st = local_datetime(source, value, error, earliest, latest)
    return st.add(pl.col(value).dt.date().alias(value))
