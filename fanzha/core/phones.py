"""Phone numbers as ledgers write them: 138 0013 8000, +86-13800138000, 0571-87654321,
full-width digits, or an Excel number with '.0'. Kept as text: leading zeros matter."""

import re

import polars as pl

from fanzha.core.stages import Stages
from fanzha.core.text import normalize, normalize_expr

MOBILE = r"^1[3-9]\d{9}$"
LANDLINE = r"^0\d{9,11}$"
_NOISE = r"[\s\-()（）]"


class PhoneError(ValueError):
    pass


def clean_phone(text: str | None) -> str:
    """A victim's or resident's phone: a mainland mobile or a landline with its area code."""
    value = re.sub(_NOISE, "", normalize(text))
    if value.endswith(".0") and value[:-2].isdigit():
        value = value[:-2]
    value = re.sub(r"^(\+86|0086)", "", value)
    if value == "":
        return ""
    if not (re.match(MOBILE, value) or re.match(LANDLINE, value)):
        raise PhoneError("电话号码应为11位手机号或带区号的固定电话")
    return value


def phone_stages(source: pl.Expr, value: str, error: str) -> Stages:
    st = Stages(value, error)
    st.add(
        normalize_expr(source)
        .str.replace_all(_NOISE, "")
        .str.replace(r"^(\d+)\.0$", "${1}")
        .str.replace(r"^(\+86|0086)", "")
        .alias(st.temp("v"))
    )
    v = st.col("v")
    st.add(
        (v.is_null() | (v == "")).alias(st.temp("empty")),
        (v.str.contains(MOBILE) | v.str.contains(LANDLINE)).alias(st.temp("ok")),
    )
    st.add(
        pl.when(st.col("empty"))
        .then(None)
        .when(~st.col("ok"))
        .then(pl.lit("电话号码应为11位手机号或带区号的固定电话"))
        .otherwise(None)
        .alias(error)
    )
    st.add(pl.when(pl.col(error).is_null() & ~st.col("empty")).then(v).otherwise(None).alias(value))
    return st
