"""Identifiers a case holds that the case ledger does not record: another app derives them (资金链: the
accounts a case's traced money passed through, from 资金查控). Apps on this floor may not import each
other, so the app above both (the web shell, `web/wiring.py`) registers each source here when Django
starts; the series reads them with the ledger's identifiers, on every relink and recompute.

A source is `reader(case_ids)` → a frame (case_id, value, level) of accounts (`case_ids` None for every
case); the series puts each value in its account normal form (spaces and dashes removed, lower case), so
that a 不串并标识 entered as 银行卡/账户 or 支付账户 matches it."""

from collections.abc import Callable

import polars as pl

from fanzha.series import keys

SCHEMA = {"case_id": pl.Int64, "kind": pl.String, "value": pl.String, "level": pl.Int64}
Reader = Callable[[list[int] | None], pl.DataFrame]

#: kind (a KeyKind of DERIVED_KINDS) → its reader
READERS: dict[str, Reader] = {}


def register(kind: str, reader: Reader) -> None:
    READERS[kind] = reader


def read(case_ids: list[int] | None = None) -> pl.DataFrame:
    """Every registered source's identifiers of these cases (all cases when None): case_id, kind,
    value, level."""
    parts = [pl.DataFrame(schema=SCHEMA)]
    for kind, reader in READERS.items():
        frame = reader(case_ids)
        if frame.height:
            parts.append(
                frame.select(
                    pl.col("case_id").cast(pl.Int64),
                    pl.lit(kind).alias("kind"),
                    keys.FORMS["account"](pl.col("value").cast(pl.String))[1].alias("value"),
                    pl.col("level").cast(pl.Int64),
                ).filter(pl.col("value").str.len_chars() > 0)
            )
    return pl.concat(parts).unique(subset=["case_id", "kind", "value"], keep="first")
