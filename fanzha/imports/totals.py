"""合计/小计 rows: ledgers kept in Excel often end (or break up) with a row that adds the columns up.
Such a row is no record: it is skipped with a remark (TOTALS_NOTE), not rejected for its empty
required cells.

A row is a totals row when one of its cells says 合计, 小计 or 总计 (the first cell, or the name
column: spaces, a colon and full-width forms ignored) and every other filled cell is a number — a
count, an amount with 元 or 万元, a percentage — or a dash."""

import polars as pl

from fanzha.core.text import normalize_expr

TOTALS_NOTE = "合计/小计行，已跳过（不是一条记录）"
_TOTALS_WORD = r"^(合计|小计|总计|总合计|共计)[:：]?$"
_NUMBER = r"^[-+]?[\d,，]*\.?\d+(元|万元|%|％|人|户|起|件|次)?$|^[-—/／]+$"


def totals_rows(frame: pl.DataFrame) -> list[int]:
    """The `_row` numbers of the totals rows in a chunk of raw cells (c0..cN)."""
    cells = [c for c in frame.columns if c != "_row"]
    if not cells or frame.height == 0:
        return []
    # one cheap pass first: a chunk of a million rows has a handful with 计 in them, if any
    frame = frame.filter(pl.any_horizontal(pl.col(c).str.contains("计", literal=True) for c in cells))
    if frame.height == 0:
        return []
    keys = [normalize_expr(pl.col(c)).str.replace_all(r"\s+", "").fill_null("") for c in cells]
    word = [key.str.contains(_TOTALS_WORD) for key in keys]
    other = [
        (key == "") | key.str.contains(_NUMBER) | is_word for key, is_word in zip(keys, word, strict=True)
    ]
    found = frame.filter(pl.any_horizontal(word) & pl.all_horizontal(other))
    return found["_row"].to_list()
