"""Normalising what people type into ledgers: full-width digits and letters (ＡＢＣ１２３),
full-width punctuation and stray spaces become their plain forms (Unicode NFKC)."""

import unicodedata

import polars as pl


def normalize(value: str | None) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def normalize_expr(expr: pl.Expr) -> pl.Expr:
    """The same as normalize(), on a polars string column (null stays null)."""
    return expr.str.normalize("NFKC").str.strip_chars()
