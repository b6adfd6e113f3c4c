"""Fast bulk writes for imports: ids are reserved up front, then rows go in with COPY on
PostgreSQL and executemany on SQLite (inside the import's transaction, so a failure leaves nothing)."""

import io
import json

import polars as pl
from django.db import connection, models

IN_BATCH = 20_000  # below SQLite's and PostgreSQL's limits on bound parameters


def existing_ids(model, field: str, values: list) -> dict:
    """value → id for the values of `field` that already exist. One query with a single array
    (PostgreSQL) or JSON (SQLite) parameter: building 20,000 bound parameters costs more than the query."""
    if not values:
        return {}
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT {column}, id FROM {table} WHERE {column} = ANY(%s)", [list(values)])
        else:
            cursor.execute(
                f"SELECT {column}, id FROM {table} WHERE {column} IN (SELECT value FROM json_each(%s))",
                [json.dumps(list(values), ensure_ascii=False)],
            )
        return dict(cursor.fetchall())


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


class DeferredIndexes:
    """Drop a table's non-unique indexes for a large load and build them again at the end, inside the
    import's transaction (both databases roll DDL back with it). Building an index once over sorted
    data is several times cheaper than maintaining it row by row; unique indexes stay, so they keep
    guarding the data. On PostgreSQL the table is locked for writes and reads until the import commits."""

    def __init__(self, *models_):
        self.tables = [m._meta.db_table for m in models_]
        self.dropped: list[str] = []

    def _definitions(self, cursor, table: str) -> list[tuple[str, str]]:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        return [(name, sql) for name, sql in cursor.fetchall() if "UNIQUE" not in sql.upper()]

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for table in self.tables:
                for name, sql in self._definitions(cursor, table):
                    cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                    self.dropped.append(sql)

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            for sql in self.dropped:
                cursor.execute(sql)
        self.dropped = []


def reserve_ids(model, count: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the import holds the write lock (IMMEDIATE transaction), so max(id) is stable
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def _columns(model, frame: pl.DataFrame) -> list[str]:
    columns = []
    for name in frame.columns:
        field = model._meta.get_field(
            name.removesuffix("_id") if name.endswith("_id") and name != "id" else name
        )
        columns.append(field.column)
    return columns


def _datetimes_to_text(frame: pl.DataFrame, vendor: str) -> pl.DataFrame:
    exprs = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.Datetime):
            utc = pl.col(name).dt.convert_time_zone("UTC") if dtype.time_zone else pl.col(name)
            fmt = "%Y-%m-%d %H:%M:%S%.f+00:00" if vendor == "postgresql" else "%Y-%m-%d %H:%M:%S%.f"
            exprs.append(utc.dt.strftime(fmt).alias(name))
    return frame.with_columns(exprs) if exprs else frame


def insert_rows(model, frame: pl.DataFrame, returning_ids: bool = True) -> list[int]:
    """Insert every row of `frame` (columns named as model fields, FKs as name_id)."""
    if frame.height == 0:
        return []
    ids: list[int] = []
    if returning_ids:
        ids = reserve_ids(model, frame.height)
        frame = frame.with_columns(pl.Series("id", ids, dtype=pl.Int64)).select("id", *frame.columns)
    frame = _datetimes_to_text(frame, connection.vendor)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _columns(model, frame))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            frame.write_csv(buffer, include_header=False, quote_style="non_numeric", null_value="")
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)") as copy:
                copy.write(buffer.getbuffer())
        else:
            marks = ", ".join("?" * frame.width)
            raw = cursor.cursor
            raw.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", frame.iter_rows())
    return ids
