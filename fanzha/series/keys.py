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


def _text(value: pl.Expr) -> pl.Expr:
    return value.str.normalize("NFKC").str.strip_chars()


# ledger kind → (this app's kind, normal form) of a value column; each row meets only its kind's rules
FORMS = {
    "phone": lambda v: (
        pl.lit(KeyKind.PHONE.value),
        _text(v).str.replace_all(r"[\s\-().（）]", "").str.replace(r"^(?:\+86|0086|86)(1\d{10})$", "$1"),
    ),
    "account": lambda v: (
        pl.when(_text(v).str.contains(r"^[\d\s\-]+$"))
        .then(pl.lit(KeyKind.BANK.value))
        .otherwise(pl.lit(KeyKind.PAYMENT.value)),
        _text(v).str.replace_all(r"[\s\-]", "").str.to_lowercase(),
    ),
    "url": lambda v: (
        pl.lit(KeyKind.URL.value),
        _text(v)
        .str.to_lowercase()
        .str.replace(r"^[a-z][a-z0-9+.\-]*://", "")
        .str.replace(r"^www\.", "")
        .str.replace(r"[?#].*$", "")
        .str.strip_chars_end("/"),
    ),
    "social": lambda v: (
        pl.lit(KeyKind.SOCIAL.value),
        _text(v).str.to_lowercase().str.replace(r"^(?:qq|微信|wechat|wx|vx)(?:号)?[:\s]*", ""),
    ),
}


def normalise(frame: pl.DataFrame) -> pl.DataFrame:
    """(case_id, kind, value) of the ledger → the distinct (case_id, kind, value) in normal form."""
    parts = []
    for ledger_kind, form in FORMS.items():
        kind, value = form(pl.col("value"))
        rows = frame.filter(pl.col("kind") == ledger_kind)
        if rows.height:
            parts.append(rows.select("case_id", kind.alias("kind"), value.alias("value")))
    if not parts:
        return pl.DataFrame(schema={"case_id": pl.Int64, "kind": pl.String, "value": pl.String})
    return pl.concat(parts).filter(pl.col("value").str.len_chars() > 0).unique()


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
