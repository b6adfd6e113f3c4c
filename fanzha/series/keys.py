"""The normal form of a suspect identifier for 串并案: one expression for the full recompute (a million
rows at once) and for one case, so the two can never disagree.

- 电话: full-width forms, spaces, dashes, dots and brackets of either width removed; a mainland number
  loses its +86 / 0086 / 86 prefix (+86 138-0013-8000 → 13800138000).
- 账户: spaces and dashes removed, letters lower-cased; all digits → 银行卡/账户, otherwise (an
  e-mail, a handle) → 支付账户.
- 网址: host + path: the scheme, a leading www., the query, the fragment and a trailing / dropped,
  lower-cased (HTTPS://WWW.Example.com/pay/?id=1 → example.com/pay).
- 微信/QQ: lower-cased, a leading 「QQ:」「微信：」「WX」「VX」 label dropped."""

import polars as pl

from fanzha.series.models import KeyKind

# the case ledger's identifier kinds → this app's; "account" is split by what it looks like
LEDGER_KINDS = {"phone": KeyKind.PHONE, "url": KeyKind.URL, "social": KeyKind.SOCIAL}


def key_exprs(kind: pl.Expr, value: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(kind, normal form) of a ledger (kind, value) column pair."""
    text = value.str.normalize("NFKC").str.strip_chars()
    phone = text.str.replace_all(r"[\s\-().（）]", "").str.replace(r"^(?:\+86|0086|86)(1\d{10})$", "$1")
    account = text.str.replace_all(r"[\s\-]", "").str.to_lowercase()
    url = (
        text.str.to_lowercase()
        .str.replace(r"^[a-z][a-z0-9+.\-]*://", "")
        .str.replace(r"^www\.", "")
        .str.replace(r"[?#].*$", "")
        .str.strip_chars_end("/")
    )
    social = text.str.to_lowercase().str.replace(r"^(?:qq|微信|wechat|wx|vx)(?:号)?[:\s]*", "")
    new_kind = (
        pl.when(kind == "account")
        .then(
            pl.when(account.str.contains(r"^\d+$"))
            .then(pl.lit(KeyKind.BANK.value))
            .otherwise(pl.lit(KeyKind.PAYMENT.value))
        )
        .otherwise(kind.replace_strict(dict(LEDGER_KINDS), default=None, return_dtype=pl.String))
    )
    new_value = (
        pl.when(kind == "phone")
        .then(phone)
        .when(kind == "account")
        .then(account)
        .when(kind == "url")
        .then(url)
        .otherwise(social)
    )
    return new_kind, new_value


def normalise(frame: pl.DataFrame) -> pl.DataFrame:
    """(case_id, kind, value) of the ledger → the distinct (case_id, kind, value) in normal form."""
    kind, value = key_exprs(pl.col("kind"), pl.col("value"))
    return (
        frame.select("case_id", kind.alias("kind"), value.alias("value"))
        .drop_nulls()
        .filter(pl.col("value").str.len_chars() > 0)
        .unique()
    )


def keys_of(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The normal forms of a few (ledger kind, value) pairs: one case's, or a search."""
    if not pairs:
        return set()
    frame = pl.DataFrame(
        {"case_id": [0] * len(pairs), "kind": [k for k, _ in pairs], "value": [v for _, v in pairs]},
        schema={"case_id": pl.Int64, "kind": pl.String, "value": pl.String},
    )
    return set(normalise(frame).select("kind", "value").iter_rows())


def search_keys(text: str) -> set[tuple[str, str]]:
    """Every (kind, normal form) a typed identifier may be, whatever way it is written."""
    text = (text or "").strip()
    if not text:
        return set()
    return keys_of([(kind, text) for kind in ("phone", "account", "url", "social")])
