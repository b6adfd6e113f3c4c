"""Fast bulk writes for imports: ids are reserved up front, then rows go in with COPY on
PostgreSQL and executemany on SQLite (inside the import's transaction, so a failure leaves nothing)."""

import io
import json

import polars as pl
from django.db import connection, models

from fanzha.imports.arrays import array_literal

IN_BATCH = 20_000  # below SQLite's and PostgreSQL's limits on bound parameters


def rows_by(model, field: str, values: list, columns: tuple[str, ...]) -> list[tuple]:
    """(field value, *columns) of the rows whose `field` is among `values`: one query with a single array
    (PostgreSQL) or JSON (SQLite) parameter — building 20,000 bound parameters costs more than the query."""
    if not values:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.get_field(field).column)
    wanted = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            kind = _pg_type(model._meta.get_field(field))
            cursor.execute(
                f"SELECT {key}, {wanted} FROM {table} WHERE {key} = ANY(%s::{kind}[])",
                [array_literal(values)],
            )
        else:
            cursor.execute(
                f"SELECT {key}, {wanted} FROM {table} WHERE {key} IN (SELECT value FROM json_each(%s))",
                [json.dumps(list(values), ensure_ascii=False)],
            )
        return cursor.fetchall()


def existing_ids(model, field: str, values: list) -> dict:
    """value → id for the values of `field` that already exist (one query, see rows_by)."""
    return dict(rows_by(model, field, values, ("id",)))


def visible_values(queryset: models.QuerySet, field: str, values: list) -> set:
    """The values of `field` among `values` that this (scoped) queryset contains."""
    found: set = set()
    for start in range(0, len(values), IN_BATCH):
        found.update(
            queryset.filter(**{f"{field}__in": values[start : start + IN_BATCH]}).values_list(
                field, flat=True
            )
        )
    return found


def row_count(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(model._meta.db_table)}")
        return cursor.fetchone()[0]


def reserve_ids(model, count: int) -> list[int]:
    """SQLite: the import holds the write lock (an IMMEDIATE transaction), so max(id) is stable."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def _columns(model, frame: pl.DataFrame) -> list[str]:
    """Frame columns named as fields or as attnames (place_id) → database columns."""
    by_name = {}
    for field in model._meta.concrete_fields:
        by_name[field.name] = by_name[field.attname] = field.column
    return [by_name[name] for name in frame.columns]


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


def insert_rows(model, frame: pl.DataFrame) -> None:
    """Insert every row of `frame` (columns named as model fields, FKs as name_id): COPY on PostgreSQL,
    executemany on SQLite. To know the new rows' ids, give them an `id` column (see insert_with_ids)."""
    if frame.height == 0:
        return
    frame = datetimes_to_text(frame, connection.vendor)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _columns(model, frame))
    # raw driver calls: wrapped so that a refused row raises Django's IntegrityError like the ORM's
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            copy_frame(cursor, table, columns, frame)
        else:
            marks = ", ".join("?" * frame.width)
            cursor.cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", frame.iter_rows())


def insert_with_ids(model, frame: pl.DataFrame) -> list[int]:
    """Insert every row of `frame` with ids taken up front (SQLite: after the largest, under the
    import's write lock; PostgreSQL: from the table's sequence, in one query); → the ids in frame order."""
    if frame.height == 0:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # the sequence named once (not per row) and the ids fetched as one array: ≈ 0.2 s for 300,000
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
            sequence = cursor.fetchone()[0]
            cursor.execute(
                "SELECT array_agg(nextval(%s::regclass)) FROM generate_series(1, %s)",
                [sequence, frame.height],
            )
            ids = cursor.fetchone()[0]
    else:
        ids = reserve_ids(model, frame.height)
    insert_rows(model, frame.with_columns(pl.Series("id", ids, dtype=pl.Int64)).select("id", *frame.columns))
    return ids


def _pg_type(field) -> str:
    internal = field.get_internal_type()
    if internal in (
        "ForeignKey",
        "BigAutoField",
        "BigIntegerField",
        "AutoField",
        "IntegerField",
        "PositiveIntegerField",
    ):
        return "bigint"
    if internal == "DateField":
        return "date"
    return "text"
