"""A chunk of validated rows as a temporary table (only the import's own, never a user's ledger), so that an import can write it with set-based SQL
(look up, insert what is new, derive) instead of carrying ids back and forth through Python.

PostgreSQL loads it with COPY, SQLite with executemany; either way inside the import's transaction, and
the table is dropped when the block ends (and on PostgreSQL at commit in any case)."""

import io
from collections.abc import Iterator
from contextlib import contextmanager

import polars as pl
from django.db import connection

NAME = "fanzha_staging"


def datetimes_to_text(frame: pl.DataFrame, vendor: str) -> pl.DataFrame:
    exprs = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.Datetime):
            utc = pl.col(name).dt.convert_time_zone("UTC") if dtype.time_zone else pl.col(name)
            fmt = "%Y-%m-%d %H:%M:%S%.f+00:00" if vendor == "postgresql" else "%Y-%m-%d %H:%M:%S%.f"
            exprs.append(utc.dt.strftime(fmt).alias(name))
    return frame.with_columns(exprs) if exprs else frame


def copy_frame(cursor, table: str, columns: str, frame: pl.DataFrame) -> None:
    """PostgreSQL: stream the frame into the table with COPY (CSV), through psycopg under Django's cursor."""
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False, quote_style="non_numeric", null_value="")
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)") as copy:
        copy.write(buffer.getbuffer())


def _sql_type(dtype) -> str:
    if dtype.is_integer():
        return "bigint"
    if dtype == pl.Boolean:
        return "boolean"
    if dtype == pl.Date:
        return "date"
    if isinstance(dtype, pl.Datetime):
        return "timestamptz" if connection.vendor == "postgresql" else "text"
    return "text"


@contextmanager
def staging_table(frame: pl.DataFrame) -> Iterator[str]:
    """→ the name of a temporary table holding `frame`'s rows, its columns named as the frame's."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in frame.columns)
    columns = ", ".join(f"{quote(name)} {_sql_type(dtype)}" for name, dtype in frame.schema.items())
    frame = datetimes_to_text(frame, connection.vendor)
    suffix = " ON COMMIT DROP" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(f"DROP TABLE IF EXISTS {NAME}")
        cursor.execute(f"CREATE TEMP TABLE {NAME} ({columns}){suffix}")
        if connection.vendor == "postgresql":
            copy_frame(cursor, NAME, names, frame)
        else:
            marks = ", ".join("?" * frame.width)
            cursor.cursor.executemany(f"INSERT INTO {NAME} ({names}) VALUES ({marks})", frame.iter_rows())
    yield NAME
    # not in a `finally`: after a failed statement PostgreSQL refuses any until the rollback, which drops it
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {NAME}")
