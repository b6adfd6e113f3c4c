"""Suspect identifiers (嫌疑人电话/账户/网址/社交账号): normalised so that the same phone or account
written differently in two ledgers is recognised as the same (the basis of 串并案)."""

import re

import polars as pl

from fanzha.cases.choices import IdentifierKind
from fanzha.core.text import normalize

RULES: dict[str, tuple[str, str, str]] = {
    # kind: (characters removed, valid pattern, reason when invalid)
    IdentifierKind.PHONE: (r"[\s\-()（）]", r"^\+?\d{3,20}$", "电话号码只能含数字（可带+号），3到20位"),
    IdentifierKind.ACCOUNT: (r"[\s\-]", r"^[0-9A-Za-z@._]{4,64}$", "账户应为4到64位的数字、字母或邮箱"),
    IdentifierKind.URL: (r"\s", r"^[^\s]{4,300}$", "网址不能含空格，4到300个字符"),
    IdentifierKind.SOCIAL: (r"\s", r"^[^\s]{2,64}$", "社交账号不能含空格，2到64个字符"),
}


def clean_identifier(kind: str, text: str) -> str:
    removed, pattern, reason = RULES[kind]
    value = re.sub(removed, "", normalize(text))
    if kind == IdentifierKind.URL:
        value = value.lower().rstrip("/")
    if not re.match(pattern, value):
        raise ValueError(reason)
    return value


def identifier_expr(kind: str, item: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    removed, pattern, reason = RULES[kind]
    value = item.str.replace_all(removed, "")
    if kind == IdentifierKind.URL:
        value = value.str.to_lowercase().str.strip_chars_end("/")
    error = (
        pl.when(value.str.contains(pattern))
        .then(None)
        .otherwise(pl.lit(reason + "：「") + item + pl.lit("」"))
    )
    return value, error


def search_forms(text: str) -> set[tuple[str, str]]:
    """The (kind, value) pairs a typed identifier may be stored as, whatever way it is written: each
    kind's normal form that the text passes, and a mainland phone also without its +86 / 0086."""
    forms = set()
    for kind in RULES:
        try:
            value = clean_identifier(kind, text)
        except ValueError:
            continue
        forms.add((kind, value))
        if kind == IdentifierKind.PHONE:
            national = re.sub(r"^(\+86|0086|86)(?=1\d{10}$)", "", value)
            forms.add((kind, national))
    return forms
