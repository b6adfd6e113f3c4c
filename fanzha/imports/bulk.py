"""Fast bulk writes for imports: ids are reserved up front, then rows go in with COPY on
PostgreSQL and executemany on SQLite (inside the import's transaction, so a failure leaves nothing)."""

import io
import json

import polars as pl
from django.db import connection, models

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
            cursor.execute(f"SELECT {key}, {wanted} FROM {table} WHERE {key} = ANY(%s)", [list(values)])
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


def _datetimes_to_text(frame: pl.DataFrame, vendor: str) -> pl.DataFrame:
    exprs = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.Datetime):
            utc = pl.col(name).dt.convert_time_zone("UTC") if dtype.time_zone else pl.col(name)
            fmt = "%Y-%m-%d %H:%M:%S%.f+00:00" if vendor == "postgresql" else "%Y-%m-%d %H:%M:%S%.f"
            exprs.append(utc.dt.strftime(fmt).alias(name))
    return frame.with_columns(exprs) if exprs else frame


def _copy(cursor, table: str, columns: str, frame: pl.DataFrame) -> None:
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
    frame = _datetimes_to_text(frame, connection.vendor)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _columns(model, frame))
    # raw driver calls: wrapped so that a refused row raises Django's IntegrityError like the ORM's
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            _copy(cursor, table, columns, frame)
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


def insert_new_rows(model, frame: pl.DataFrame, unique: tuple[str, ...]) -> int:
    """Insert the rows of `frame` whose `unique` columns are not in the table yet; → how many went in.
    The unique index decides while inserting (no separate lookup): PostgreSQL copies into a temporary
    table and inserts from it with ON CONFLICT DO NOTHING; SQLite uses INSERT OR IGNORE."""
    if frame.height == 0:
        return 0
    frame = _datetimes_to_text(frame, connection.vendor)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = _columns(model, frame)
    columns = ", ".join(quote(c) for c in names)
    conflict = ", ".join(quote(model._meta.get_field(f).column) for f in unique)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMP TABLE fanzha_incoming ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA"
            )
            _copy(cursor, "fanzha_incoming", columns, frame)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM fanzha_incoming "
                f"ON CONFLICT ({conflict}) DO NOTHING"
            )
            inserted = cursor.rowcount
            cursor.execute("DROP TABLE fanzha_incoming")
            return inserted
        marks = ", ".join("?" * frame.width)
        before = connection.connection.total_changes
        cursor.cursor.executemany(
            f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})", frame.iter_rows()
        )
        return connection.connection.total_changes - before


def existing_keys(model, fields: tuple[str, ...], keys: list[tuple]) -> dict[tuple, int]:
    """(values of `fields`) → id for the composite keys that already exist: one query that joins an
    array per field (PostgreSQL, unnest) or a JSON list of tuples (SQLite), so a unique index on the
    fields answers it."""
    if not keys:
        return {}
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [connection.ops.quote_name(model._meta.get_field(f).column) for f in fields]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            types = [_pg_type(model._meta.get_field(f)) for f in fields]
            arrays = ", ".join(f"%s::{t}[]" for t in types)
            names = ", ".join(f"k{i}" for i in range(len(fields)))
            on = " AND ".join(f"t.{c} = k.k{i}" for i, c in enumerate(columns))
            cursor.execute(
                f"SELECT t.id, {', '.join('t.' + c for c in columns)} FROM {table} t "
                f"JOIN unnest({arrays}) AS k({names}) ON {on}",
                [list(column) for column in zip(*keys, strict=True)],
            )
        else:
            on = " AND ".join(f"t.{c} = json_extract(k.value, '$[{i}]')" for i, c in enumerate(columns))
            cursor.execute(
                f"SELECT t.id, {', '.join('t.' + c for c in columns)} FROM {table} t JOIN json_each(%s) k ON {on}",
                [json.dumps([[_jsonable(v) for v in key] for key in keys], ensure_ascii=False)],
            )
        dates = [model._meta.get_field(f).get_internal_type() == "DateField" for f in fields]
        return {
            tuple(_as_date(v) if is_date else v for v, is_date in zip(row[1:], dates, strict=True)): row[0]
            for row in cursor.fetchall()
        }


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


def _jsonable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _as_date(value):
    """SQLite hands dates back as text."""
    from datetime import date

    return date.fromisoformat(value) if isinstance(value, str) else value
